import { describe, expect, it } from "vitest";
import { diff, type RecordState } from "./diff.ts";
import type {
  ComponentSnapshot,
  Incident,
  IncidentSnapshot,
  IncidentStatus,
  UpdateSnapshot,
} from "./model.ts";
import { buildIncident, componentOrder } from "./record.ts";

const T = (hour: number, day = 1) => new Date(Date.UTC(2026, 7, day, hour)).toISOString();

const update = (id: string, status: IncidentStatus, at: string): UpdateSnapshot => ({
  id,
  status,
  at,
  message: `${status} ${id}`,
  components: [{ id: "api", name: "API", status: status === "resolved" ? "operational" : "major_outage" }],
});

const seen = (updates: UpdateSnapshot[], extra: Partial<IncidentSnapshot> = {}): IncidentSnapshot => ({
  id: "inc1",
  kind: "incident",
  title: "API errors",
  status: updates.at(-1)?.status ?? "investigating",
  impact: "major",
  url: "https://status.example.com/incidents/inc1",
  startedAt: updates[0]?.at ?? null,
  scheduledFor: null,
  scheduledUntil: null,
  components: [],
  updates,
  ...extra,
});

const component = (id: string, status: ComponentSnapshot["status"], position: number): ComponentSnapshot => ({
  id,
  name: id.toUpperCase(),
  group: null,
  position,
  status,
  rawStatus: status,
});

const record = (prev: Incident | null, snapshot: IncidentSnapshot, now: string, baseline = false) =>
  buildIncident(snapshot, prev, { vendor: "acme", now, baseline, componentOrder: new Map() });

const state = (incidents: Incident[], components: ComponentSnapshot[] = []): RecordState => ({
  components,
  incidents,
});

const i1 = update("u1", "investigating", T(10));
const i2 = update("u2", "identified", T(11));
const i3 = update("u3", "monitoring", T(12));
const r4 = update("u4", "resolved", T(13));
const pm = update("u5", "postmortem", T(9, 4));
const pm2 = update("u8", "postmortem", T(10, 5));
const announced = { ...update("u9", "resolved", T(9, 3)), message: "Our postmortem is published." };
const reopen = update("u6", "investigating", T(14));
const r7 = update("u7", "resolved", T(15));

describe("diff: incidents", () => {
  const cases: { name: string; before: UpdateSnapshot[] | null; after: UpdateSnapshot[]; types: string[] }[] =
    [
      { name: "an incident opening", before: null, after: [i1], types: ["incident.opened"] },
      {
        name: "an incident first seen already resolved",
        before: null,
        after: [i1, r4],
        types: ["incident.opened", "incident.resolved"],
      },
      { name: "one update", before: [i1], after: [i1, i2], types: ["incident.updated"] },
      {
        name: "two updates in one poll",
        before: [i1],
        after: [i1, i2, i3],
        types: ["incident.updated", "incident.updated"],
      },
      { name: "resolution", before: [i1, i2, i3], after: [i1, i2, i3, r4], types: ["incident.resolved"] },
      { name: "re-opening", before: [i1, r4], after: [i1, r4, reopen], types: ["incident.updated"] },
      {
        name: "resolved again",
        before: [i1, r4, reopen],
        after: [i1, r4, reopen, r7],
        types: ["incident.resolved"],
      },
      {
        name: "a post-mortem days after resolution",
        before: [i1, r4],
        after: [i1, r4, pm],
        types: ["incident.postmortem"],
      },
      {
        name: "resolution and post-mortem in one poll",
        before: [i1],
        after: [i1, r4, pm],
        types: ["incident.resolved", "incident.postmortem"],
      },
      {
        name: "a second post-mortem update is an update",
        before: [i1, r4, pm],
        after: [i1, r4, pm, pm2],
        types: ["incident.updated"],
      },
      {
        name: "a later 'resolved' that announces the post-mortem",
        before: [i1, r4],
        after: [i1, r4, announced],
        types: ["incident.postmortem"],
      },
      { name: "nothing new", before: [i1, i2], after: [i1, i2], types: [] },
    ];
  it.each(cases)("$name", ({ before, after, types }) => {
    const prev = before === null ? null : record(null, seen(before), T(10, 1));
    const next = record(prev, seen(after), T(16, 5));
    const events = diff("acme", state(prev ? [prev] : []), state([next]), T(16, 5));
    expect(events.map((e) => e.type)).toEqual(types);
    for (const event of events) expect(event.incidentId).toBe(next.id);
  });

  it("marks a re-opening as such", () => {
    const prev = record(null, seen([i1, r4]), T(13));
    const next = record(prev, seen([i1, r4, reopen]), T(14));
    expect(diff("acme", state([prev]), state([next]), T(14))[0]?.data).toMatchObject({ reopened: true });
  });

  it("the baseline (first poll) is never news", () => {
    const history = record(null, seen([i1, r4]), T(16), true);
    const open = record(null, seen([i1], { id: "inc2" }), T(16), true);
    expect(diff("acme", null, state([history, open], [component("api", "major_outage", 1)]), T(16))).toEqual(
      [],
    );
  });

  it.each([
    // [watching since, new incident's updates, events]
    ["before it started: news", T(9), [i1, r4], ["incident.opened", "incident.resolved"]],
    ["after it ended, already over: backdated, quiet", T(16, 3), [i1, r4], []],
    ["after it started, still open: news", T(16, 3), [i1], ["incident.opened"]],
    ["unknown: news", null, [i1, r4], ["incident.opened", "incident.resolved"]],
  ] as const)("a new incident, watching since %s", (_, since, updates, types) => {
    const next = record(null, seen([...updates], { id: "late" }), T(16, 5));
    expect(diff("acme", state([]), state([next]), T(16, 5), since).map((e) => e.type)).toEqual(types);
  });

  it("an incident first seen closed with no update to date it opens and resolves, once", () => {
    const next = record(null, seen([], { status: "resolved" }), T(16, 5));
    expect(next.resolvedAt).toBeNull();
    const events = diff("acme", state([]), state([next]), T(16, 5));
    expect(events.map((e) => e.type)).toEqual(["incident.opened", "incident.resolved"]);
    const later = record(next, seen([], { status: "resolved" }), T(17, 5));
    expect(diff("acme", state([next]), state([later]), T(17, 5))).toEqual([]);
  });

  it("a status change without a visible update still counts once", () => {
    const prev = record(null, seen([i1]), T(11));
    const next = record(prev, seen([i1], { status: "resolved" }), T(12));
    expect(diff("acme", state([prev]), state([next]), T(12)).map((e) => e.type)).toEqual([
      "incident.resolved",
    ]);
  });

  it("event ids are deterministic: the same change seen twice has the same id", () => {
    const prev = record(null, seen([i1]), T(11));
    const next = record(prev, seen([i1, i2]), T(12));
    const first = diff("acme", state([prev]), state([next]), T(12));
    const again = diff("acme", state([prev]), state([next]), T(12));
    expect(first.map((e) => e.id)).toEqual(again.map((e) => e.id));
    expect(new Set(diff("other", state([prev]), state([next]), T(12)).map((e) => e.id))).not.toContain(
      first[0]?.id,
    );
  });
});

describe("diff: maintenances", () => {
  const m = (status: IncidentStatus, updates: UpdateSnapshot[]) =>
    seen(updates, {
      kind: "maintenance",
      status,
      impact: "maintenance",
      scheduledFor: T(20),
      scheduledUntil: T(22),
    });
  const s1 = update("m1", "scheduled", T(8));
  const s2 = update("m2", "in_progress", T(20));
  const s3 = update("m3", "verifying", T(21));
  const s4 = update("m4", "completed", T(22));

  it("scheduled → in_progress → verifying → completed gives scheduled, started, completed", () => {
    const steps = [
      m("scheduled", [s1]),
      m("in_progress", [s1, s2]),
      m("verifying", [s1, s2, s3]),
      m("completed", [s1, s2, s3, s4]),
    ];
    let prev: Incident | null = null;
    const types: string[] = [];
    for (const [index, step] of steps.entries()) {
      const next: Incident = record(prev, step, T(8 + index));
      types.push(...diff("acme", state(prev ? [prev] : []), state([next]), T(8 + index)).map((e) => e.type));
      prev = next;
    }
    expect(types).toEqual(["maintenance.scheduled", "maintenance.started", "maintenance.completed"]);
    expect(prev?.startedAt).toBe(T(20));
    expect(prev?.resolvedAt).toBe(T(22));
  });
});

describe("diff: components", () => {
  const api = component("api", "operational", 1);
  const web = component("web", "operational", 2);

  it.each([
    {
      name: "a component change",
      after: [component("api", "partial_outage", 1), web],
      types: ["component.changed"],
    },
    { name: "re-ordered list", after: [web, api], types: [] },
    {
      name: "renumbered positions",
      after: [
        { ...api, position: 7 },
        { ...web, position: 9 },
      ],
      types: [],
    },
    { name: "a new component", after: [api, web, component("cdn", "operational", 3)], types: [] },
  ])("$name", ({ after, types }) => {
    const events = diff("acme", state([], [api, web]), state([], after), T(12));
    expect(events.map((e) => e.type)).toEqual(types);
  });

  it("carries from and to", () => {
    const [event] = diff("acme", state([], [api]), state([], [component("api", "major_outage", 1)]), T(12));
    expect(event).toMatchObject({
      componentId: "api",
      data: { from: "operational", to: "major_outage", name: "API" },
    });
  });
});

describe("record: timestamp-only churn and old_status == new_status", () => {
  it("re-building from an identical snapshot yields an identical record and no events", () => {
    const first = record(null, seen([i1, i2]), T(11));
    const again = record(first, seen([i1, i2]), T(12));
    expect(again).toEqual(first);
    expect(diff("acme", state([first]), state([again]), T(12))).toEqual([]);
  });

  it("a component named only as operational is still listed, but not affected", () => {
    const same = { ...i1, components: [{ id: "api", name: "API", status: "operational" as const }] };
    const incident = record(null, seen([same]), T(11));
    expect(incident.affectedComponents).toEqual([]);
    expect(incident.listedOperational).toEqual([{ id: "api", name: "API" }]);
  });

  it("orders affected components by the vendor's order and keeps the worst status", () => {
    const u = (id: string, at: string, comps: [string, ComponentSnapshot["status"]][]): UpdateSnapshot => ({
      ...update(id, "investigating", at),
      components: comps.map(([cid, status]) => ({ id: cid, name: cid.toUpperCase(), status })),
    });
    const incident = buildIncident(
      seen([
        u("a", T(10), [
          ["web", "degraded_performance"],
          ["api", "partial_outage"],
        ]),
        u("b", T(11), [["web", "major_outage"]]),
      ]),
      null,
      {
        vendor: "acme",
        now: T(12),
        baseline: false,
        componentOrder: componentOrder([
          component("api", "operational", 1),
          component("web", "operational", 2),
        ]),
      },
    );
    expect(incident.affectedComponents).toEqual([
      { id: "api", name: "API", worstStatus: "partial_outage" },
      { id: "web", name: "WEB", worstStatus: "major_outage" },
    ]);
  });
});
