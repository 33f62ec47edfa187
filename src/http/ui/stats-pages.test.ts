// /stats and /leaderboard through the real app over the seeded record (test/helpers/seed-record.ts):
// acme's 24 one-hour incidents in March and two in May, quiet's one open since 10:00; now is
// 2024-05-03 12:00.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRADE_FORMULA } from "../../domain/grade.ts";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { HISTORY, NOW, OUTAGE, QUIET_OPEN, SLOW_WEB, seedRecord } from "../../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

async function page(path: string, status = 200): Promise<string> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return res.text();
}

const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

describe("/stats", () => {
  it("charts incidents and downtime per month across every vendor, reached from the site's navigation", async () => {
    const body = await page("/stats?from=2024-03-01&to=2024-05-31");
    expect(await page("/")).toMatch(
      /<nav aria-label="Site">[^]*<a href="\/stats">Figures<\/a>[^]*<a href="\/leaderboard">Leaderboard<\/a>/,
    );
    expect(body).toContain("<h1>Figures: all watched vendors</h1>");
    expect(body).toContain('<input type="date" name="from" value="2024-03-01" required />');
    expect(body).toContain('<input type="date" name="to" value="2024-05-31" required />');
    // May: acme's outage (1 h 30 min) and slow web app (1 h to now), quiet's open incident (2 h to now).
    const may =
      minutes(OUTAGE.startedAt, OUTAGE.resolvedAt!) +
      minutes(SLOW_WEB.startedAt, NOW.toISOString()) +
      minutes(QUIET_OPEN.startedAt, NOW.toISOString());
    expect(may).toBe(270);
    expect(body).toContain('<desc id="stats-incidents-desc">Mar 2024: 24; Apr 2024: 0; May 2024: 3</desc>');
    // March: 24 incidents of one hour each, a day in all.
    expect(HISTORY.map((i) => minutes(i.startedAt, i.resolvedAt!))).toEqual(HISTORY.map(() => 60));
    expect(body).toContain(
      '<desc id="stats-downtime-desc">Mar 2024: 1 d 0 h 0 min; Apr 2024: 0 s; May 2024: 4 h 30 min</desc>',
    );
    expect(body).toMatch(/<th scope="row">May 2024<\/th>\s*<td>3<\/td>\s*<td>4 h 30 min<\/td>/);
    expect(body).toMatch(/<svg\s+role="img"\s+aria-labelledby="stats-downtime-title stats-downtime-desc"/);
    // No grade across vendors: a grade is a vendor's.
    expect(body).not.toContain("Accuracy grade");
  });

  it("gives one vendor's figures with its grade and the formula beside it", async () => {
    const body = await page("/stats?vendor=acme");
    expect(body).toContain("<h1>Figures: Acme</h1>");
    expect(body).toContain('<option value="acme" selected>Acme</option>');
    expect(body).toMatch(/Accuracy grade<\/dt>\s*<dd>/);
    expect(body).toContain(GRADE_FORMULA);
    expect(body).toContain('<a href="/leaderboard?from=2023-06-01&amp;to=2024-05-03">');
  });

  it("names the vendors chosen and keeps them in the form for another period", async () => {
    const both = await page("/stats?from=2024-05-01&to=2024-05-03&vendor=quiet&vendor=acme");
    expect(both).toContain("<h1>Figures: Quiet Co and Acme</h1>");
    expect(both).toContain("<title>Figures: Quiet Co and Acme");
    expect(both).not.toContain("all watched vendors");
    expect(both).toContain('<option value="quiet,acme" selected>Quiet Co and Acme</option>');
    expect(both).toContain('<option value="acme" >Acme</option>');
    // The form sends vendor=quiet,acme: the same figures (May: acme's 2 incidents and quiet's one).
    const again = await page("/stats?from=2024-05-01&to=2024-05-03&vendor=quiet%2Cacme");
    expect(again).toContain("<h1>Figures: Quiet Co and Acme</h1>");
    expect(again).toContain('<desc id="stats-incidents-desc">May 2024: 3</desc>');
    const all = await page("/stats?from=2024-05-01&to=2024-05-03");
    expect(all).toContain("<h1>Figures: all watched vendors</h1>");
    expect(all).not.toMatch(/<option value="[^"]*,[^"]*"/);
  });

  it("answers bad input with a 400 page", async () => {
    expect(await page("/stats?to=2024-13-01", 400)).toContain("to must be a date like 2024-05-01");
    expect(await page("/leaderboard?vendor=nobody", 400)).toContain("vendor: no vendor");
  });
});

describe("/leaderboard", () => {
  it("ranks the vendors by downtime over the period, each linked, with incidents, median resolve and grade", async () => {
    const body = await page("/leaderboard?from=2024-05-01&to=2024-05-03");
    const rows = [
      ...body.matchAll(
        /<tr>\s*<td data-label="Rank">(\d+)<\/td>\s*<td data-label="Vendor"><a href="([^"]+)">([^<]+)<\/a><\/td>\s*<td data-label="Downtime">([^<]+)<\/td>\s*<td data-label="Incidents">(\d+)<\/td>/g,
      ),
    ].map((m) => m.slice(1));
    // acme: 1 h 30 min + 1 h to now = 2 h 30 min; quiet: 2 h to now.
    expect(rows).toEqual([
      ["1", "/vendors/acme", "Acme", "2 h 30 min", "2"],
      ["2", "/vendors/quiet", "Quiet Co", "2 h 0 min", "1"],
    ]);
    expect(body).toMatch(/<td data-label="Time to resolve">\s*1 h 30 min\s*<\/td>/);
    expect(body).toMatch(/<td data-label="Time to resolve">\s*<span class="muted">none resolved<\/span>/);
    expect(body).toContain(
      'title="no data: 0 resolved incidents (5 needed), 0 known acknowledgement delays (3 needed)">no data</span>',
    );
    expect(body).toContain(`Grade: ${GRADE_FORMULA}.`);
    expect(body).toContain('<form method="get" action="/leaderboard" class="filters">');
  });
});
