// GET /api/v1/stats through the real app over the seeded record (test/helpers/seed-record.ts) and a
// third vendor, beta, whose five April incidents Pingoru saw live, three of them after a component
// change it saw too. Every figure is derived here again from the raw times.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeEvent, Incident } from "../domain/model.ts";
import { GRADE_FORMULA } from "../domain/grade.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import {
  HISTORY,
  makeIncident,
  NOW,
  OUTAGE,
  QUIET_OPEN,
  SLOW_WEB,
  seedRecord,
} from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;
let clock = NOW;

const secs = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** beta's incidents: April 1st to 5th, 10:00–11:00; the first update 10 minutes after the start. */
const BETA: Incident[] = [1, 2, 3, 4, 5].map((day) => {
  const startedAt = `2024-04-0${day}T10:00:00.000Z`;
  return makeIncident({
    id: `beta-${day}`,
    vendor: "beta",
    startedAt,
    resolvedAt: plus(startedAt, 60),
    detectedAt: plus(startedAt, 11),
    detectionLagSeconds: 11 * 60,
    seenLive: true,
    postmortemPublishedAt: day <= 4 ? plus(startedAt, 24 * 60) : null,
    affectedComponents: [{ id: "c1", name: "Core", worstStatus: "major_outage" }],
    updates: [
      {
        id: `b${day}-1`,
        status: "investigating",
        at: plus(startedAt, 10),
        message: "Looking",
        components: [],
      },
      { id: `b${day}-2`, status: "resolved", at: plus(startedAt, 60), message: "Fixed", components: [] },
    ],
  });
});

/** Pingoru saw Core go down at the start of the first three (a poll 2 minutes in) and come back. */
const CHANGES: ChangeEvent[] = BETA.slice(0, 3).flatMap((incident) =>
  [
    [plus(incident.startedAt, 2), "operational", "major_outage"],
    [plus(incident.startedAt, 61), "major_outage", "operational"],
  ].map(([at, from, to]) => ({
    id: `${incident.id}-${to}`,
    type: "component.changed" as const,
    vendor: "beta",
    incidentId: null,
    componentId: "c1",
    at: at!,
    data: { name: "Core", group: null, from, to },
  })),
);

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await store.addVendor(
    { slug: "beta", name: "Beta", url: "https://beta.example", platform: "statuspage" },
    "2024-03-01T00:00:00.000Z",
  );
  await store.savePoll({
    vendor: "beta",
    polledAt: "2024-05-01T00:00:00.000Z",
    nextPollAt: "2024-05-01T00:01:00.000Z",
    outcome: {
      ok: true,
      components: [
        { id: "c1", name: "Core", group: null, position: 0, status: "operational", rawStatus: "operational" },
      ],
      incidents: BETA,
    },
    events: CHANGES,
  });
  app = createApp({ store, now: () => clock, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(path: string, status = 200): Promise<any> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return res.json();
}

describe("GET /api/v1/stats", () => {
  it("defaults to the last 12 calendar months up to now, and ranks vendors by downtime", async () => {
    const body = await getJson("/api/v1/stats");
    expect([body.from, body.to]).toEqual(["2023-06-01T00:00:00.000Z", NOW.toISOString()]);
    expect(body.grade_formula).toBe(GRADE_FORMULA);
    expect(body.all.per_month.map((m: { month: string }) => m.month)).toHaveLength(12);
    const acme =
      HISTORY.reduce((sum, i) => sum + secs(i.startedAt, i.resolvedAt!), 0) +
      secs(OUTAGE.startedAt, OUTAGE.resolvedAt!) +
      secs(SLOW_WEB.startedAt, NOW.toISOString());
    const beta = BETA.reduce((sum, i) => sum + secs(i.startedAt, i.resolvedAt!), 0);
    const quiet = secs(QUIET_OPEN.startedAt, NOW.toISOString());
    expect(
      body.vendors.map((v: { vendor: { slug: string }; downtime_seconds: number }) => [
        v.vendor.slug,
        v.downtime_seconds,
      ]),
    ).toEqual([
      ["acme", acme],
      ["beta", beta],
      ["quiet", quiet],
    ]);
    expect(body.all.downtime_seconds).toBe(acme + beta + quiet);
    expect(body.all.incident_count).toBe(HISTORY.length + 2 + BETA.length + 1);
    expect(body.all.open_count).toBe(2);
  });

  it("gives beta's acknowledgement delay, postmortem rate and grade by the printed formula", async () => {
    const body = await getJson("/api/v1/stats?from=2024-04-01&to=2024-04-30&vendor=beta");
    expect([body.from, body.to]).toEqual(["2024-04-01T00:00:00.000Z", "2024-05-01T00:00:00.000Z"]);
    expect(body.vendors).toHaveLength(1);
    const beta = body.vendors[0];
    // Core went down 2 minutes into each of the first three; the vendor's first update came at 10.
    const delays = BETA.slice(0, 3).map((i) =>
      secs(CHANGES.find((c) => c.id === `${i.id}-major_outage`)!.at, i.updates[0]!.at),
    );
    expect(delays).toEqual([480, 480, 480]);
    expect(beta.acknowledgement_delay_seconds).toEqual({ p50: 480, count: 3 });
    expect(beta).toMatchObject({
      vendor: { slug: "beta", name: "Beta" },
      incident_count: 5,
      open_count: 0,
      per_month: [{ month: "2024-04", incidents: 5, downtime_seconds: 5 * 3600 }],
      resolve_seconds: { p50: 3600, p90: 3600, count: 5 },
      detection_lag_seconds: { p50: 660, p95: 660, count: 5 },
      resolved_count: 5,
      postmortem_count: 4,
      postmortem_rate: 0.8,
    });
    const score = Math.round((50 * (1 - 480 / 3600) + 50 * 0.8) * 10) / 10;
    expect([beta.grade, beta.grade_score, beta.grade_note]).toEqual(["B", score, null]);
    expect(body.all).toEqual(Object.fromEntries(Object.keys(body.all).map((k) => [k, beta[k]])));
  });

  it("says why a vendor has no grade", async () => {
    const body = await getJson("/api/v1/stats?vendor=quiet,acme");
    expect(body.vendors.map((v: { vendor: { slug: string } }) => v.vendor.slug)).toEqual(["acme", "quiet"]);
    expect(body.vendors[1]).toMatchObject({
      grade: null,
      grade_score: null,
      grade_note: "no data: 0 resolved incidents (5 needed), 0 known acknowledgement delays (3 needed)",
    });
  });

  it("answers from what it kept for a minute, then (after a while) from the record again", async () => {
    const path = "/api/v1/stats?from=2024-04-01&to=2024-04-30&vendor=beta";
    expect((await getJson(path)).all.incident_count).toBe(5);
    const extra = makeIncident({
      id: "beta-6",
      vendor: "beta",
      startedAt: "2024-04-20T00:00:00.000Z",
      resolvedAt: "2024-04-20T00:30:00.000Z",
    });
    const opened: ChangeEvent = {
      id: "beta-6-opened",
      type: "incident.opened",
      vendor: "beta",
      incidentId: "beta-6",
      componentId: null,
      at: "2024-05-01T00:03:00.000Z",
      data: {},
    };
    await store.savePoll({
      vendor: "beta",
      polledAt: "2024-05-01T00:02:00.000Z",
      nextPollAt: "2024-05-01T00:03:00.000Z",
      outcome: { ok: true, incidents: [extra] },
      events: [opened],
    });
    // A new event does not empty what was kept: a busy fleet records events every second.
    clock = new Date(NOW.getTime() + 59_000);
    expect((await getJson(path)).all.incident_count).toBe(5);
    clock = new Date(NOW.getTime() + 3_600_000);
    const body = await getJson(path);
    expect(body.all.incident_count).toBe(6);
    expect(body.all.downtime_seconds).toBe(5 * 3600 + 30 * 60);
    clock = NOW;
  });

  it("is a one-line 503 with Retry-After for a window past the queue while figures load", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started: () => void = () => {};
    const running = new Promise<void>((r) => (started = r));
    const gated = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== "listAllIncidentSummaries") return Reflect.get(target, name, receiver);
        return async (...args: Parameters<Store["listAllIncidentSummaries"]>) => {
          started();
          await gate;
          return target.listAllIncidentSummaries(...args);
        };
      },
    });
    const busy = createApp({ store: gated, now: () => NOW, pollIntervalSeconds: 60 });
    // One loading and four waiting (two of them as pages, which share the API's loader).
    const waiting = ["01", "02", "03"].map((d) => busy.request(`/api/v1/stats?from=2024-04-${d}`));
    waiting.push(busy.request("/stats?from=2024-04-04"), busy.request("/leaderboard?from=2024-04-05"));
    await running;
    await new Promise<void>((r) => setImmediate(r)); // the other four reach the loader meanwhile
    const refused = await busy.request("/api/v1/stats?from=2024-04-06");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(((await refused.json()) as { error: string }).error).toBe(
      "figures are being loaded for other windows; retry shortly",
    );
    const page = await busy.request("/stats?from=2024-04-07");
    expect([page.status, page.headers.get("retry-after")]).toEqual([503, "10"]);
    release();
    expect((await Promise.all(waiting)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it.each([
    ["from=yesterday", /^from must be a date like 2024-05-01/],
    ["from=2024-05-02&to=2024-05-01", /^from must not be after to/],
    ["from=2020-01-01&to=2024-01-01", /^from and to may be at most 1096 days apart$/],
    ["vendor=nobody", /^vendor: no vendor "nobody"$/],
  ])("refuses %s with a one-line 400", async (params, message) => {
    const body = await getJson(`/api/v1/stats?${params}`, 400);
    expect(body.error).toMatch(message);
    expect(body.error).not.toContain("\n");
  });
  it("counts gamma's incident closed without a resolved time, with no downtime, whatever the window's from", async () => {
    await store.addVendor(
      { slug: "gamma", name: "Gamma", url: "https://gamma.example", platform: "feed" },
      "2024-03-01T00:00:00.000Z",
    );
    const day = "2024-04-10T";
    const incidents = [
      makeIncident({
        id: "g-fixed",
        vendor: "gamma",
        startedAt: `${day}08:00:00.000Z`,
        resolvedAt: `${day}09:00:00.000Z`,
      }),
      // Posted already closed, with no update: how long it lasted is unknown.
      makeIncident({ id: "g-undated", vendor: "gamma", startedAt: `${day}10:00:00.000Z`, resolvedAt: null }),
      makeIncident({
        id: "g-open",
        vendor: "gamma",
        status: "investigating",
        startedAt: "2024-05-03T11:00:00.000Z",
        resolvedAt: null,
      }),
    ];
    await store.savePoll({
      vendor: "gamma",
      polledAt: "2024-05-03T11:30:00.000Z",
      nextPollAt: "2024-05-03T11:31:00.000Z",
      outcome: { ok: true, incidents },
      events: [],
    });
    for (const from of ["2024-04-01", "2024-04-10T09:30:00Z", "2024-04-10T10:30:00Z"]) {
      const body = await getJson(`/api/v1/stats?vendor=gamma&from=${from}`);
      const [gamma] = body.vendors;
      const fixed = from === "2024-04-01" ? 3600 : 0;
      expect(gamma.downtime_seconds, from).toBe(fixed + secs("2024-05-03T11:00:00.000Z", NOW.toISOString()));
      expect(gamma.incident_count, from).toBe(from.endsWith("10:30:00Z") ? 1 : from === "2024-04-01" ? 3 : 2);
      expect([gamma.open_count, gamma.resolved_count], from).toEqual([1, from === "2024-04-01" ? 1 : 0]);
    }
  });
});
