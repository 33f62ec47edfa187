// GET /api/v1/vendors/:slug/uptime and GET /api/v1/sla through the real app over the seeded record
// (test/helpers/seed-record.ts): acme's API was partly then wholly down 2024-05-01 10:05–11:30 (85 min);
// its record begins with its earliest incident, 2024-03-01 08:00; now is 2024-05-03 12:00.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCredits } from "../domain/sla.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { NOW, OUTAGE, seedRecord } from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(path: string, status = 200): Promise<any> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return res.json();
}

const DAY = 86_400;
const OUTAGE_SECONDS = 85 * 60;

describe("GET /api/v1/vendors/:slug/uptime", () => {
  it("gives each component's uptime over a day, dates running to the end of `to`", async () => {
    const body = await getJson("/api/v1/vendors/acme/uptime?from=2024-05-01&to=2024-05-01");
    expect(body).toMatchObject({
      vendor: "acme",
      from: "2024-05-01T00:00:00.000Z",
      to: "2024-05-02T00:00:00.000Z",
      partial_outage_weight: 1,
    });
    expect(body.components).toEqual([
      {
        name: "API",
        uptime_percent: (100 * (DAY - OUTAGE_SECONDS)) / DAY,
        downtime_seconds: OUTAGE_SECONDS,
        no_data_seconds: 0,
      },
      { name: "Web app", uptime_percent: 100, downtime_seconds: 0, no_data_seconds: 0 },
      { name: "Docs", uptime_percent: 100, downtime_seconds: 0, no_data_seconds: 0 },
    ]);
  });

  it("counts time before the record and after now as no data, never as up", async () => {
    const before = await getJson("/api/v1/vendors/acme/uptime?from=2024-02-28&to=2024-03-01&component=API");
    expect(before.components).toEqual([
      { name: "API", uptime_percent: 100, downtime_seconds: 0, no_data_seconds: 2 * DAY + 8 * 3600 },
    ]);
    const unread = await getJson(
      "/api/v1/vendors/acme/uptime?from=2023-01-01&to=2023-02-01T00:00&component=API",
    );
    expect(unread.components[0]).toEqual({
      name: "API",
      uptime_percent: null,
      downtime_seconds: 0,
      no_data_seconds: 31 * DAY,
    });
    const today = await getJson("/api/v1/vendors/acme/uptime?from=2024-05-03&to=2024-05-03&component=c-docs");
    expect(today.components[0].no_data_seconds).toBe(DAY / 2);
  });

  it("weighs partial outage as the vendor says", async () => {
    await store.setPartialOutageWeight("acme", 0.3);
    try {
      const body = await getJson(
        "/api/v1/vendors/acme/uptime?from=2024-05-01T10:00&to=2024-05-01T12:00&component=API",
      );
      // 10:05–10:40 partial (35 min × 0.3), 10:40–11:30 major (50 min).
      expect(body.partial_outage_weight).toBe(0.3);
      expect(body.components[0].downtime_seconds).toBe(Math.round(35 * 60 * 0.3 + 50 * 60));
    } finally {
      await store.setPartialOutageWeight("acme", null);
    }
  });

  it.each([
    ["?from=2024-05-02&to=2024-05-01", /^from must not be after to/],
    ["?from=2024-06-01", /^from must be before to, got 2024-06-01 and now$/],
    ["?from=yesterday", /^from must be a date like 2024-05-01/],
    ["?from=2020-01-01&to=2024-01-01", /^from and to may be at most 1096 days apart$/],
  ])("refuses %s with a one-line 400", async (query, message) => {
    const body = await getJson(`/api/v1/vendors/acme/uptime${query}`, 400);
    expect(body.error).toMatch(message);
    expect(body.error).not.toContain("\n");
  });

  it("is 404 for an unknown vendor or component", async () => {
    expect((await getJson("/api/v1/vendors/nobody/uptime", 404)).error).toBe('no vendor "nobody"');
    expect((await getJson("/api/v1/vendors/acme/uptime?component=Nope", 404)).error).toBe(
      'no component "Nope" at acme',
    );
  });
});

describe("GET /api/v1/sla", () => {
  beforeAll(async () => {
    const credits = parseCredits("99.0:10,95.0:25");
    await store.setSla({
      vendor: "acme",
      component: null,
      targetPercent: 99.9,
      credits: [],
      claimDays: null,
    });
    await store.setSla({ vendor: "acme", component: "API", targetPercent: 99.9, credits, claimDays: 30 });
    await store.setSla({ vendor: "acme", component: "Docs", targetPercent: 99.5, credits, claimDays: 30 });
  });

  it("judges each target over the month's covered part (May: 2.5 days by now)", async () => {
    const known = 2.5 * DAY;
    const uptime = (100 * (known - OUTAGE_SECONDS)) / known;
    const common = {
      target_percent: 99.9,
      uptime_percent: uptime,
      downtime_seconds: OUTAGE_SECONDS,
      allowed_downtime_seconds: 2678,
      met: false,
    };
    expect(await getJson("/api/v1/sla?month=2024-05")).toEqual({
      month: "2024-05",
      items: [
        {
          vendor: "acme",
          component: null,
          ...common,
          credit_percent: 0,
          claim_by: null,
          incident_ids: [OUTAGE.id],
        },
        // 97.6 % is below 99.0: 10 %, to be claimed within 30 days of May's end.
        {
          vendor: "acme",
          component: "API",
          ...common,
          credit_percent: 10,
          claim_by: "2024-06-30",
          incident_ids: [OUTAGE.id],
        },
        {
          vendor: "acme",
          component: "Docs",
          target_percent: 99.5,
          uptime_percent: 100,
          downtime_seconds: 0,
          allowed_downtime_seconds: Math.round(31 * DAY * 0.005),
          met: true,
          credit_percent: 0,
          claim_by: null,
          incident_ids: [],
        },
      ],
    });
  });

  it("says nothing of a month before the record, and refuses a malformed month", async () => {
    const body = await getJson("/api/v1/sla?month=2023-12");
    expect(
      body.items.map((i: { met: unknown; uptime_percent: unknown }) => [i.met, i.uptime_percent]),
    ).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect((await getJson("/api/v1/sla?month=2024-13", 400)).error).toBe(
      'month must look like 2026-03, got "2024-13"',
    );
  });

  it("shows the same as a page, linking each vendor and incident", async () => {
    const res = await app.request("/sla?month=2024-05");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<a href="/vendors/acme">Acme</a>');
    expect(page).toContain(`<a href="/incidents/${OUTAGE.id}"`);
    expect(page).toContain("API errors &lt;b&gt;&amp; timeouts");
    expect(page).toContain("<td>97.639 %</td>");
    expect(page).toContain("<td>2024-06-30</td>");
    expect(page).toContain('href="/sla?month=2024-04"');
    expect(page).toContain('href="/sla?month=2024-06"');
    expect((await app.request("/sla?month=May")).status).toBe(400);
  });
});

describe("the vendor page's uptime bars over another range", () => {
  async function page(query: string, status = 200) {
    const res = await app.request(`/vendors/acme${query}`);
    expect(res.status, query).toBe(status);
    return res.text();
  }
  const cells = (text: string, label: string) => {
    const bar = new RegExp(`aria-label="API: ${label}, oldest first"\\s*>([\\s\\S]*?)</ol>`).exec(text);
    expect(bar, label).not.toBeNull();
    return [...bar![1]!.matchAll(/<li class="day day-(\w+)"[^>]*title="([^"]*)"/g)].map((m) => [m[1], m[2]]);
  };

  it("shows 12 months a bar a week, the live part asking for the same", async () => {
    const text = await page("?range=12m");
    const weeks = cells(text, "each of the last 52 UTC weeks");
    expect(weeks).toHaveLength(52);
    expect(weeks.filter(([status]) => status === "major_outage")).toEqual([
      ["major_outage", expect.stringMatching(/^week of 2024-04-\d\d \(UTC\): Major outage — API errors/)],
    ]);
    expect(text).toContain('data-live-src="/vendors/acme/now?range=12m"');
    expect(text).toContain('<strong aria-current="page">12 months</strong>');
  });

  it("shows a custom range a bar a day, and the default 90 days as before", async () => {
    const days = cells(
      await page("?range=custom&uptime_from=2024-04-29&uptime_to=2024-05-02"),
      "each day from 2024-04-29 to 2024-05-02 \\(UTC\\)",
    );
    expect(days.map(([status]) => status)).toEqual([
      "operational",
      "operational",
      "major_outage",
      "operational",
    ]);
    expect(cells(await page(""), "each of the last 90 UTC days")).toHaveLength(90);
  });

  it.each(["?range=week", "?range=custom", "?range=custom&uptime_from=2024-05-02&uptime_to=2024-05-01"])(
    "refuses %s as bad input",
    async (query) => {
      await page(query, 400);
    },
  );
});
