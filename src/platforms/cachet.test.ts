import { afterAll, afterEach, describe, expect, it } from "vitest";
import { fixtureHttp, type FakeRoute } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { FOREIGN_PAGES } from "../../test/helpers/foreign-pages.ts";
import { editJson } from "../../test/platform-contract.ts";
import {
  CACHET_BASE as BASE,
  cachetFixture as fx,
  cachetFixtures as fixtures,
  CACHET_URLS as URLS,
} from "../../test/platform-specs/cachet.ts";
import type { Snapshot } from "../domain/model.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { cachet, cachetBase } from "./cachet.ts";
import { cachetTime } from "./cachet-schema.ts";
import { toCachetComponentStatus, toCachetIncidentStatus } from "./cachet-map.ts";

async function readDemo(routes: Record<string, FakeRoute>, url = BASE): Promise<Snapshot> {
  const result = await cachet.read({ url }, { http: fixtureHttp(routes) });
  if (result.unchanged) throw new Error("expected a snapshot");
  return result.snapshot;
}
const routes = (): Record<string, FakeRoute> =>
  Object.fromEntries(Object.entries(fixtures()).map(([url, body]) => [url, { body }]));

describe("cachet codes", () => {
  it.each([
    [0, "unknown"],
    [1, "operational"],
    [2, "degraded_performance"],
    [3, "partial_outage"],
    [4, "major_outage"],
    [5, "unknown"],
    [null, "unknown"],
  ] as const)("component %s → %s", (code, expected) => {
    expect(toCachetComponentStatus(code)).toBe(expected);
  });

  it.each([
    [0, "incident", "scheduled"],
    [1, "incident", "investigating"],
    [2, "incident", "identified"],
    [3, "incident", "monitoring"],
    [4, "incident", "resolved"],
    [4, "maintenance", "completed"],
    [9, "incident", "investigating"],
    [9, "maintenance", "scheduled"],
  ] as const)("incident %s (%s) → %s", (code, kind, expected) => {
    expect(toCachetIncidentStatus(code, kind)).toBe(expected);
  });

  it.each([
    ["2024-03-12 14:00:00", "2024-03-12T14:00:00.000Z"], // no offset: Cachet's default zone, UTC
    ["2024-03-11T08:30:00+01:00", "2024-03-11T07:30:00.000Z"],
    [1710252000, "2024-03-12T14:00:00.000Z"],
    ["", null],
    [null, null],
  ])("cachetTime(%j) = %s", (value, expected) => {
    expect(cachetTime(value)).toBe(expected);
  });

  it.each([
    ["https://demo.cachethq.io", BASE],
    ["https://demo.cachethq.io/", BASE],
    ["https://demo.cachethq.io/api/v1", BASE],
    ["https://demo.cachethq.io/api/v1/", BASE],
  ])("cachetBase(%s)", (url, expected) => {
    expect(cachetBase(url)).toBe(expected);
  });
});

describe("cachet read", () => {
  it("follows pagination; hides disabled components; ungrouped first, then groups by their order", async () => {
    const snapshot = await readDemo(routes());
    expect(snapshot.components.map((c) => [c.name, c.group, c.status, c.rawStatus])).toEqual([
      ["API", null, "degraded_performance", "2 Performance Issues"],
      ["Documentation", null, "operational", "1 Operational"],
      ["Status Page", "Internal", "major_outage", "4 Major Outage"],
      ["Website", "Websites", "operational", "1 Operational"],
      ["Blog", "Websites", "partial_outage", "3 Partial Outage"],
    ]);
  });

  it("an open incident: its message first, then updates fetched from /incidents/:id/updates", async () => {
    const snapshot = await readDemo(routes());
    const open = snapshot.incidents.find((i) => i.id === "3")!;
    expect(open).toMatchObject({
      kind: "incident",
      title: "API latency",
      status: "identified",
      impact: "none",
      url: `${BASE}/incidents/3`,
      startedAt: "2024-03-12T14:00:00.000Z",
      components: [{ id: "1", name: "API", status: "degraded_performance" }],
    });
    expect(open.updates.map((u) => [u.status, u.at, u.id])).toEqual([
      ["investigating", "2024-03-12T14:00:00.000Z", expect.any(String)],
      ["identified", "2024-03-12T14:20:00.000Z", "update-7"],
    ]);
  });

  it("a fixed incident: embedded updates sorted oldest first, offset time read; its component state unknown", async () => {
    const http = fixtureHttp(routes());
    const result = await cachet.read({ url: BASE }, { http });
    const fixed = (result as { snapshot: Snapshot }).snapshot.incidents.find((i) => i.id === "2")!;
    expect(fixed.status).toBe("resolved");
    expect(fixed.updates.map((u) => [u.status, u.at])).toEqual([
      ["investigating", "2024-03-11T07:30:00.000Z"],
      ["monitoring", "2024-03-11T08:10:00.000Z"],
      ["resolved", "2024-03-11T09:00:00.000Z"],
    ]);
    expect(fixed.components).toEqual([{ id: "4", name: "Blog", status: "unknown" }]);
    // updates were embedded: no request for them
    expect(http.calls.map((c) => c.url)).not.toContain(`${BASE}/api/v1/incidents/2/updates?per_page=100`);
  });

  it("status 0 incidents and schedules are maintenances", async () => {
    const snapshot = await readDemo(routes());
    expect(snapshot.incidents.find((i) => i.id === "1")).toMatchObject({
      kind: "maintenance",
      status: "scheduled",
      impact: "maintenance",
      scheduledFor: "2024-03-20T22:00:00.000Z",
    });
    const schedule = snapshot.incidents.find((i) => i.id === "schedule-1")!;
    expect(schedule).toMatchObject({
      kind: "maintenance",
      status: "scheduled",
      url: `${BASE}/schedules/1`,
      scheduledFor: "2024-03-25T23:00:00.000Z",
      scheduledUntil: "2024-03-26T01:00:00.000Z",
      components: [{ id: "3", name: "Website", status: "operational" }],
    });
  });

  it("a completed schedule has one update per state it reached", async () => {
    const r = routes();
    r[URLS.schedules] = {
      body: editJson(fx("schedules"), (v) => {
        Object.assign((v.data as Record<string, unknown>[])[0]!, { status: 2 });
      }),
    };
    const schedule = (await readDemo(r)).incidents.find((i) => i.id === "schedule-1")!;
    expect(schedule.updates.map((u) => [u.status, u.at])).toEqual([
      ["scheduled", "2024-03-12T10:00:00.000Z"],
      ["in_progress", "2024-03-25T23:00:00.000Z"],
      ["completed", "2024-03-26T01:00:00.000Z"],
    ]);
  });

  it("older Cachet without groups or schedules endpoints; data [] and null alike", async () => {
    const r = routes();
    delete r[URLS.groups];
    delete r[URLS.schedules];
    r[URLS.incidents] = { body: '{"meta":{"pagination":{}},"data":null}' };
    const snapshot = await readDemo(r);
    expect(snapshot.components.map((c) => c.group)).toEqual([null, null, null, null, null]);
    expect(snapshot.incidents).toEqual([]);
  });

  it("never follows a next page onto another host, and stops at MAX_PAGES", async () => {
    const r = routes();
    r[URLS.components] = {
      body: editJson(fx("components.page-1"), (v) => {
        (v.meta as { pagination: { links: { next_page: string } } }).pagination.links.next_page =
          "https://evil.test/api/v1/components?page=2";
      }),
    };
    const http = fixtureHttp(r);
    await cachet.read({ url: BASE }, { http });
    expect(http.calls.map((c) => c.url)).not.toContain("https://evil.test/api/v1/components?page=2");
    const loop = fixtureHttp({ ...routes(), [URLS.components2]: { body: fx("components.page-1") } });
    const pages = [] as string[];
    await cachet.read({ url: BASE }, { http: loop }).catch(() => null);
    for (const c of loop.calls) if (c.url.startsWith(`${BASE}/api/v1/components?`)) pages.push(c.url);
    expect(pages).toHaveLength(10);
  });
});

describe("cachet detection over loopback", () => {
  let vendor: FakeVendor | undefined;
  const http = createHttpClient({ allowPrivateTargets: true });
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });
  afterAll(() => http.close());

  it.each([
    [{ "/api/v1/ping": fx("ping"), "/api/v1/version": fx("version") }, 0.95],
    [{ "/api/v1/ping": fx("ping") }, 0.8],
    [{ "/api/v1/version": fx("version") }, 0.8],
  ])("detects a Cachet API (%#)", async (paths, confidence) => {
    vendor = await startFakeVendor(paths);
    const detection = await cachet.detect(vendor.url, { http });
    expect(detection).toMatchObject({ kind: "cachet", confidence });
    expect(detection!.evidence).toMatch(/Cachet/);
  });

  it("says no to a Statuspage server and to a JSON API that only looks similar", async () => {
    vendor = await startFakeVendor({
      "/api/v2/summary.json":
        FOREIGN_PAGES.statuspage().fixtures["https://www.githubstatus.com/api/v2/summary.json"]!,
      "/api/v1/ping": '{"data":{"ok":true}}',
    });
    expect(await cachet.detect(vendor.url, { http })).toBeNull();
  });
});
