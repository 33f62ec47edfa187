// Uptime and figures over a window read only that window's part of the record (the component changes in
// it and each component's last change before it): on a seeded half-year record, every window gives
// what the old way, reading every change the vendor ever had, gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeEvent, ComponentStatus, Incident } from "../domain/model.ts";
import { collectSamples, statIncident, type StatWindow } from "../domain/stats.ts";
import {
  computeCombinedUptime,
  computeUptime,
  computeWindowUptime,
  downtimePassing,
  type WindowUptimeInput,
} from "../domain/uptime.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { vendorSamples } from "./stats-load.ts";
import { loadUptimeInput } from "./uptime-load.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASELINE = Date.parse("2025-01-10T00:00:00.000Z");
const NOW = new Date("2025-07-01T00:00:00.000Z");
const STATUSES: ComponentStatus[] = [
  "operational",
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
];
const COMPONENTS = ["c1", "c2", "c3", "c4"].map((id, position) => ({
  id,
  name: `Component ${id}`,
  group: null,
  position,
  // c3 is already failing when the record begins.
  status: (id === "c3" ? "major_outage" : "operational") as ComponentStatus,
  rawStatus: "x",
}));
const iso = (t: number) => new Date(t).toISOString();

/** A small deterministic generator (mulberry32), so the record is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Polls from the baseline to now: c1..c3 change every few hours to days; c4 changes once, to partial
 * outage, in January and never again; an incident every few days (some over a day long, one still open),
 * its updates naming components, seen live a few minutes after it began.
 */
async function seed(store: Store): Promise<void> {
  const next = random(2025);
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://acme.example", platform: "statuspage" },
    iso(BASELINE),
  );
  await store.savePoll({
    vendor: "acme",
    polledAt: iso(BASELINE),
    nextPollAt: iso(BASELINE + 60_000),
    outcome: { ok: true, components: COMPONENTS },
    events: [],
  });
  const state = new Map(COMPONENTS.map((c) => [c.id, c.status]));
  const change = (id: string, at: number, to: ComponentStatus): ChangeEvent => {
    const from = state.get(id)!;
    state.set(id, to);
    const name = `Component ${id}`;
    return {
      id: `chg-${id}-${at}`,
      type: "component.changed",
      vendor: "acme",
      incidentId: null,
      componentId: id,
      at: iso(at),
      data: { name, group: null, from, to },
    };
  };
  const events: ChangeEvent[] = [change("c4", BASELINE + 10 * DAY, "partial_outage")];
  for (const id of ["c1", "c2", "c3"]) {
    for (let t = BASELINE + next() * DAY; t < NOW.getTime(); t += (0.1 + 3 * next()) * DAY) {
      const to = STATUSES[Math.floor(next() * STATUSES.length)]!;
      if (to !== state.get(id)) events.push(change(id, Math.floor(t / 60_000) * 60_000, to));
    }
  }
  const incidents: Incident[] = [];
  for (let t = BASELINE + 2 * DAY, k = 0; t < NOW.getTime() - DAY; t += (1 + 5 * next()) * DAY, k++) {
    const start = Math.floor(t / 60_000) * 60_000;
    const open = start > NOW.getTime() - 5 * DAY && incidents.every((i) => i.resolvedAt !== null);
    const end = start + (0.2 + (k % 4 === 0 ? 30 : 3) * next()) * HOUR;
    const named = COMPONENTS.slice(0, 3).filter(() => next() < 0.5);
    const who = named.length > 0 ? named : [COMPONENTS[0]!];
    const status = (s: number): ComponentStatus => (s < 0.5 ? "major_outage" : "partial_outage");
    const updates = [0, 0.3, 0.7].map((share, u) => ({
      id: `u${k}-${u}`,
      status: "investigating" as const,
      at: iso(start + share * (end - start)),
      message: "Looking into it",
      components: who.map((c) => ({ id: c.id, name: c.name, status: status(next()) })),
    }));
    if (!open)
      updates.push({
        id: `u${k}-end`,
        status: "resolved" as never,
        at: iso(end),
        message: "Fixed",
        components: [],
      });
    incidents.push({
      id: `acme:i${k}`,
      vendor: "acme",
      vendorIncidentId: `i${k}`,
      kind: "incident",
      title: `Incident ${k}`,
      status: open ? "investigating" : "resolved",
      impact: "major",
      url: null,
      startedAt: iso(start),
      resolvedAt: open ? null : iso(end),
      scheduledFor: null,
      scheduledUntil: null,
      detectedAt: iso(start + 300_000),
      seenLive: true,
      detectionLagSeconds: 300,
      postmortemPublishedAt: null,
      postmortemUrl: null,
      listedOperational: [],
      affectedComponents: who.map((c) => ({ id: c.id, name: c.name, worstStatus: "major_outage" })),
      updates,
    });
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  // One poll a change time, as the poller records them.
  for (const at of [...new Set(events.map((e) => e.at))])
    await store.savePoll({
      vendor: "acme",
      polledAt: at,
      nextPollAt: at,
      outcome: { ok: true },
      events: events.filter((e) => e.at === at),
    });
  await store.savePoll({
    vendor: "acme",
    polledAt: iso(NOW.getTime()),
    nextPollAt: iso(NOW.getTime()),
    outcome: { ok: true, incidents },
    events: [],
  });
}

/** The old way: every component change the vendor ever had. */
async function allChanges(store: Store): Promise<ChangeEvent[]> {
  const all: ChangeEvent[] = [];
  for (let after: string | null = null; ;) {
    const page = await store.listEvents({ limit: 500, after, vendor: "acme", types: ["component.changed"] });
    all.push(...page.items);
    if (page.items.length < 500) return all;
    after = page.next;
  }
}

let store: Store;
let history: ChangeEvent[];
let incidents: Incident[];
beforeAll(async () => {
  store = await openStore(":memory:");
  await seed(store);
  history = await allChanges(store);
  incidents = (await store.listIncidents("acme", { limit: 500 })).items;
});
afterAll(() => store.close());

const at = (text: string) => new Date(text);
const inside = (k: number, share: number) => {
  const i = incidents.find((x) => x.id === `acme:i${k}`)!;
  const end = i.resolvedAt === null ? NOW.getTime() : Date.parse(i.resolvedAt);
  return new Date(Date.parse(i.startedAt) + share * (end - Date.parse(i.startedAt)));
};
// Months, a quarter, windows beginning and ending inside incidents, one before the record begins, one
// running past now, a day, and one a minute long.
const WINDOWS: [string, () => { from: Date; to: Date }][] = [
  ["March", () => ({ from: at("2025-03-01T00:00:00Z"), to: at("2025-04-01T00:00:00Z") })],
  ["June", () => ({ from: at("2025-06-01T00:00:00Z"), to: at("2025-07-01T00:00:00Z") })],
  ["the second quarter", () => ({ from: at("2025-04-01T00:00:00Z"), to: at("2025-07-01T00:00:00Z") })],
  ["from inside one incident to inside another", () => ({ from: inside(8, 0.5), to: inside(20, 0.4) })],
  ["inside one incident", () => ({ from: inside(12, 0.2), to: inside(12, 0.6) })],
  [
    "before the record begins, into it",
    () => ({ from: at("2024-12-15T00:00:00Z"), to: at("2025-01-25T00:00:00Z") }),
  ],
  ["this month, past now", () => ({ from: at("2025-06-15T00:00:00Z"), to: at("2025-07-15T00:00:00Z") })],
  ["a day", () => ({ from: at("2025-05-17T00:00:00Z"), to: at("2025-05-18T00:00:00Z") })],
  ["a minute", () => ({ from: at("2025-02-20T12:00:00Z"), to: at("2025-02-20T12:01:00Z") })],
];

describe("uptime over a window, read from that window only", () => {
  it.each(WINDOWS)(
    "%s: the same uptime, downtime passing and bars as from the whole history",
    async (_, window) => {
      const { from, to } = window();
      const input = await loadUptimeInput(store, (await store.getVendor("acme"))!, from, to, NOW);
      const whole: WindowUptimeInput = { ...input, changes: history };
      expect(input.changes.length).toBeLessThan(history.length);
      expect(computeWindowUptime(input)).toEqual(computeWindowUptime(whole));
      expect(computeCombinedUptime(input)).toEqual(computeCombinedUptime(whole));
      for (const allowed of [0, 600, 3 * 3600, 30 * 3600])
        expect(downtimePassing(input, allowed)).toEqual(downtimePassing(whole, allowed));
      // The bars: the window's days, up to its last instant (as the vendor page's range) or now.
      const end = to < NOW ? new Date(to.getTime() - 1) : NOW;
      const days = Math.ceil((end.getTime() - from.getTime()) / DAY);
      const start = new Date((Math.floor(end.getTime() / DAY) - (days - 1)) * DAY);
      const barChanges = await store.listComponentChanges("acme", start.toISOString(), end.toISOString());
      const bars = { ...input, now: end, days };
      expect(computeUptime({ ...bars, changes: barChanges })).toEqual(
        computeUptime({ ...bars, changes: history }),
      );
    },
  );

  it("counts a component's state from its last change long before the window, and no data before the record", async () => {
    const june = await loadUptimeInput(
      store,
      (await store.getVendor("acme"))!,
      at("2025-06-01T00:00:00Z"),
      at("2025-07-01T00:00:00Z"),
      NOW,
    );
    const c4 = computeWindowUptime(june).find((u) => u.componentId === "c4")!;
    // Partial outage since January, counted whole: down all month.
    expect(c4).toMatchObject({ percent: 0, downSeconds: 30 * 86_400, noDataSeconds: 0 });
    expect(june.changes.filter((e) => e.componentId === "c4").map((e) => e.at)).toEqual([
      iso(BASELINE + 10 * DAY),
    ]);
    const early = await loadUptimeInput(
      store,
      (await store.getVendor("acme"))!,
      at("2024-12-15T00:00:00Z"),
      at("2025-01-25T00:00:00Z"),
      NOW,
    );
    expect(computeWindowUptime(early).find((u) => u.componentId === "c4")).toMatchObject({
      noDataSeconds: 26 * 86_400,
      downSeconds: 5 * 86_400,
    });
  });
});

describe("figures over a window, read from that window only", () => {
  it.each(WINDOWS)(
    "%s: the same samples, acknowledgement delays included, as from the whole history",
    async (_, window) => {
      const { from, to } = window();
      const stat: StatWindow = { from, to, now: NOW };
      const mine = incidents.map(statIncident);
      expect(await vendorSamples(store, "acme", mine, stat)).toEqual(collectSamples(mine, history, stat));
    },
  );

  it("knows acknowledgement delays in the seeded record (the comparison is not over nothing)", () => {
    const samples = collectSamples(incidents.map(statIncident), history, {
      from: new Date(BASELINE),
      to: NOW,
      now: NOW,
    });
    expect(samples.ackSeconds.length).toBeGreaterThan(5);
  });
});
