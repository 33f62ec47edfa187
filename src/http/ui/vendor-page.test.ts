import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { HISTORY, NOW, OUTAGE, SLOW_WEB, seedRecord } from "../../../test/helpers/seed-record.ts";
import { GRADE_FORMULA } from "../../domain/grade.ts";

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
  expect(res.status).toBe(status);
  return res.text();
}

/** The incident links listed in the history section, in order. */
async function historyIds(path: string): Promise<string[]> {
  const body = await page(path);
  const section = body.slice(body.indexOf('<h2 id="history">'));
  return [...section.matchAll(/<h3>\s*<a href="\/incidents\/([^"]+)">/g)].map((m) => m[1]!);
}

/** The bar of the component named `name`: its cells' titles and the percentage beside it. */
async function bar(name: string): Promise<{ titles: string[]; percent: string }> {
  const body = await page("/vendors/acme");
  const start = body.indexOf(`aria-label="${name}: each of the last 90 UTC days, oldest first"`);
  expect(start).toBeGreaterThan(0);
  const chunk = body.slice(start, body.indexOf("</div>", start));
  const titles = [...chunk.matchAll(/<li class="day day-[a-z_]+" title="([^"]*)"/g)].map((m) => m[1]!);
  return { titles, percent: /uptime-pct">([^<]*)</.exec(chunk)?.[1] ?? "" };
}

describe("/vendors/:slug uptime bars", () => {
  it("draws 90 UTC days per component, worst status of the day, its incidents in the tooltip", async () => {
    const api = await bar("API");
    expect(api.titles).toHaveLength(90);
    expect(api.titles.at(-1)).toBe("2024-05-03 (UTC): Operational");
    expect(api.titles.at(-3)).toBe("2024-05-01 (UTC): Major outage — API errors &lt;b&gt;&amp; timeouts");
    // 10:05–10:40 partial, 10:40–11:30 major: 85 min down since the record began on 2024-03-01.
    const covered = (Date.parse(NOW.toISOString()) - Date.parse("2024-03-01T08:00:00.000Z")) / 60_000;
    expect(api.percent).toBe(`${(Math.floor((1 - 85 / covered) * 10_000) / 100).toFixed(2)}% uptime`);
    // 2024-02-04 … 2024-02-29 (a leap year) come before the record.
    expect(api.titles.filter((t) => t.endsWith(": No data"))).toHaveLength(26);
    expect(api.titles.find((t) => t.startsWith("2024-03-01 "))).toBe("2024-03-01 (UTC): Operational");
  });

  it("falls back to the incident's affected components when its updates name none", async () => {
    const web = await bar("Web app");
    expect(web.titles.at(-1)).toBe("2024-05-03 (UTC): Degraded performance — Web app is slow");
    expect(web.percent).toBe("100.00% uptime");
  });

  it("makes days with incidents reachable by keyboard and readable by screen readers", async () => {
    const body = await page("/vendors/acme");
    expect(body).toMatch(
      /<li class="day day-major_outage" title="[^"]+"><a href="\/incidents\/acme-outage"\s*><span class="visually-hidden">2024-05-01 \(UTC\): Major outage/,
    );
    expect(body).toContain("days before the record begins show as no data");
    expect(body).toContain(
      '<span class="visually-hidden">Last 90 days (UTC): 63 days operational, 1 day with problems or incidents, listed below, 26 days without data.</span>',
    );
    expect(body).toContain(
      '<li class="day day-operational" title="2024-03-01 (UTC): Operational" aria-hidden="true"></li>',
    );
  });
});

describe("/vendors/:slug figures", () => {
  it("charts incidents and downtime per month, and gives the spreads, postmortem rate and grade", async () => {
    const body = await page("/vendors/acme");
    const figures = body.slice(body.indexOf('id="figures"'), body.indexOf('id="history"'));
    const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
    // March: HISTORY's 24 one-hour incidents; May: the outage, and the slow web app open until now.
    const march = HISTORY.reduce((sum, i) => sum + hours(i.startedAt, i.resolvedAt!), 0);
    const may = hours(OUTAGE.startedAt, OUTAGE.resolvedAt!) + hours(SLOW_WEB.startedAt, NOW.toISOString());
    expect([march, may]).toEqual([24, 2.5]);
    expect(figures).toMatch(/<th scope="row">Mar 2024<\/th>\s*<td>24<\/td>\s*<td>1 d 0 h 0 min<\/td>/);
    expect(figures).toMatch(/<th scope="row">Apr 2024<\/th>\s*<td>0<\/td>\s*<td>0 s<\/td>/);
    expect(figures).toMatch(/<th scope="row">May 2024<\/th>\s*<td>2<\/td>\s*<td>2 h 30 min<\/td>/);
    // Each chart is one image, named, its values read out in its description.
    expect(figures).toMatch(
      /<svg\s+role="img"\s+aria-labelledby="vendor-incidents-title vendor-incidents-desc"/,
    );
    expect(figures).toContain("Mar 2024: 24; Apr 2024: 0; May 2024: 2</desc>");
    expect(figures).toContain("Mar 2024: 1 d 0 h 0 min; Apr 2024: 0 s; May 2024: 2 h 30 min</desc>");
    expect(figures).toMatch(/Incidents<\/dt>\s*<dd>\s*26 <span class="muted">\(1 still open\)/);
    // 24 resolved in one hour and the outage in 1 h 30 min: the median and p90 are an hour.
    expect(figures).toMatch(
      /Time to resolve<\/dt>\s*<dd>median\s+1 h 0 min, p90 1 h 0 min\s*<span class="muted">\(over 25 resolved incidents\)/,
    );
    // Lags of 60 s and 360 s: the median is 210 s, p95 60 + 0.95 × 300 = 345 s.
    expect(figures).toMatch(
      /Detection lag<\/dt>\s*<dd>median\s+3 min 30 s, p95 5 min 45 s\s*<span class="muted">\(over 2 incidents seen appearing\)/,
    );
    expect(figures).toMatch(/Postmortems<\/dt>\s*<dd>\s*0 %\s*<span class="muted">\(0 of 25 resolved\)/);
    expect(figures).toContain(
      "no data: 25 resolved incidents (5 needed), 0 known acknowledgement delays (3 needed)",
    );
    expect(figures).toContain(GRADE_FORMULA);
  });
});

describe("/vendors/:slug history", () => {
  it.each([
    ["status=open", ["acme-slow"]],
    ["component=c-api", ["acme-outage"]],
    ["component=c-web&status=resolved", []],
    ["kind=maintenance&status=resolved", ["acme-maint"]],
    ["from=2024-03-05&to=2024-03-06", ["acme-old-5", "acme-old-4"]],
    ["from=2024-05-02", ["acme-slow"]],
  ])("filters by %s", async (query, expected) => {
    expect(await historyIds(`/vendors/acme?${query}`)).toEqual(expected);
  });

  it.each(["status=closed", "from=2024-02-30", "to=yesterday", "kind=bogus"])(
    "refuses %s as bad input",
    async (q) => {
      expect(await page(`/vendors/acme?${q}`, 400)).toContain("Bad request");
    },
  );

  it("pages a filtered history, keeping the filters, without overlap or gaps", async () => {
    const first = await page("/vendors/acme?status=resolved");
    const next = /href="(\/vendors\/acme\?status=resolved&amp;before=[^"#]+)#history" rel="next"/.exec(
      first,
    )?.[1];
    expect(next).toBeDefined();
    const one = await historyIds("/vendors/acme?status=resolved");
    const two = await historyIds(next!.replace(/&amp;/g, "&"));
    expect(one).toHaveLength(25);
    expect([...one, ...two]).toHaveLength(26);
    expect(new Set([...one, ...two]).size).toBe(26);
    expect(two).toEqual(["acme-old-0"]);
  });

  it("keeps the chosen filters in the form, with the vendor's components to choose from", async () => {
    const body = await page("/vendors/acme?status=open&component=c-web&from=2024-05-01");
    expect(body).toMatch(/<option value="open" selected>Open<\/option>/);
    expect(body).toMatch(/<option value="c-web" selected>Web app<\/option>/);
    expect(body).toContain('<input type="date" name="from" value="2024-05-01" />');
    expect(body).toContain("Clear filters");
  });

  it("shows detection, the vendor's report and the timeline on demand", async () => {
    const body = await page("/vendors/acme?component=c-api");
    expect(body).toContain("Detected by Pingoru 6 min 0 s after it started");
    expect(body).toContain(
      '<a href="https://status.example.com/incidents/acme-outage" rel="noopener nofollow">Acme\'s report</a>',
    );
    expect(body).toMatch(/<details>\s*<summary>Timeline \(3 updates\)<\/summary>\s*<ol class="timeline">/);
    expect(body).toMatch(/<h4><span class="badge badge-identified">Identified<\/span>/);
    expect(body).not.toContain("alert(");
  });
});
