import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  type ChangeEvent,
  type ComponentSnapshot,
  type EventType,
  type Incident,
} from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import type { Subscription } from "../domain/notification.ts";
import { DEFAULT_SUBSCRIBED_EVENTS } from "../domain/notification.ts";
import { routeEvents, withWatchedComponents, type RouteInput } from "./route.ts";

const NOW = "2026-08-01T10:00:00.000Z";

const sub = (extra: Partial<Subscription> = {}): Subscription => ({
  id: "s1",
  channel: "hook",
  vendors: null,
  components: null,
  minImpact: null,
  events: [...DEFAULT_SUBSCRIBED_EVENTS],
  ...extra,
});

function incident(id: string, extra: Partial<Incident> = {}): Incident {
  return {
    id,
    vendor: "github",
    vendorIncidentId: `v-${id}`,
    kind: "incident",
    title: `Incident ${id}`,
    status: "investigating",
    impact: "minor",
    url: null,
    startedAt: NOW,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: NOW,
    seenLive: true,
    detectionLagSeconds: 0,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [{ id: "c-actions", name: "Actions", worstStatus: "partial_outage" }],
    updates: [],
    ...extra,
  };
}

const ev = (id: string, type: EventType, extra: Partial<ChangeEvent> = {}): ChangeEvent => ({
  id,
  type,
  vendor: "github",
  incidentId: type.startsWith("incident.") || type.startsWith("maintenance.") ? "inc1" : null,
  componentId: null,
  at: NOW,
  data: {},
  ...extra,
});

const change = (id: string, componentId: string, from: string, to: string, name?: string): ChangeEvent =>
  ev(id, "component.changed", { componentId, data: { name: name ?? componentId, group: null, from, to } });

const components: ComponentSnapshot[] = [
  { id: "c-actions", name: "Actions", group: null, position: 1, status: "partial_outage", rawStatus: "x" },
  { id: "c-api", name: "API Requests", group: null, position: 2, status: "operational", rawStatus: "x" },
];

const incidents = new Map([
  ["inc1", incident("inc1")],
  ["inc-major", incident("inc-major", { impact: "major" })],
  ["inc-none", incident("inc-none", { impact: "none", affectedComponents: [] })],
  [
    "inc-api",
    incident("inc-api", {
      affectedComponents: [{ id: null, name: "api requests", worstStatus: "major_outage" }],
    }),
  ],
  ["maint", incident("maint", { kind: "maintenance", impact: "maintenance", affectedComponents: [] })],
  // incident.io lists every component on some updates: Actions degraded, Pages only "Operational".
  ["inc-listed", incident("inc-listed", { listedOperational: [{ id: "c-pages", name: "Pages" }] })],
  [
    "maint-ahead",
    incident("maint-ahead", {
      kind: "maintenance",
      status: "scheduled",
      affectedComponents: [],
      listedOperational: [{ id: "c-pages", name: "Pages" }],
    }),
  ],
]);

const route = (events: ChangeEvent[], subscriptions: Subscription[], extra: Partial<RouteInput> = {}) =>
  routeEvents({ events, incidents, components, subscriptions, now: NOW, ...extra });

/** Which event ids reach the one subscription given. */
const routed = (event: ChangeEvent, subscription: Subscription): boolean =>
  route([event], [subscription]).length === 1;

describe("routeEvents: which events reach a subscription", () => {
  const all = sub({ events: [...EVENT_TYPES] });
  it.each<[string, ChangeEvent, Subscription, boolean]>([
    ["default events: opened", ev("e", "incident.opened"), sub(), true],
    ["default events: updated", ev("e", "incident.updated"), sub(), true],
    ["default events: resolved", ev("e", "incident.resolved"), sub(), true],
    [
      "default events: no component.changed",
      change("e", "c-api", "operational", "major_outage"),
      sub(),
      false,
    ],
    [
      "default events: no maintenance",
      ev("e", "maintenance.scheduled", { incidentId: "maint" }),
      sub(),
      false,
    ],
    ["default events: no source.degraded", ev("e", "source.degraded"), sub(), false],
    [
      "listed maintenance",
      ev("e", "maintenance.started", { incidentId: "maint" }),
      sub({ events: ["maintenance.started"] }),
      true,
    ],
    ["listed source.recovered", ev("e", "source.recovered"), sub({ events: ["source.recovered"] }), true],
    ["vendor listed", ev("e", "incident.opened"), sub({ vendors: ["clerk", "github"] }), true],
    ["vendor not listed", ev("e", "incident.opened"), sub({ vendors: ["clerk"] }), false],
    [
      "components: incident affects one (case-insensitive)",
      ev("e", "incident.opened"),
      sub({ components: { github: ["ACTIONS "] } }),
      true,
    ],
    [
      "components: incident affects another",
      ev("e", "incident.opened"),
      sub({ components: { github: ["Pages"] } }),
      false,
    ],
    [
      "components: incident names none passes",
      ev("e", "incident.opened", { incidentId: "inc-none" }),
      sub({ components: { github: ["Pages"] } }),
      true,
    ],
    [
      "components: one only listed as operational is not affected",
      ev("e", "incident.opened", { incidentId: "inc-listed" }),
      sub({ components: { github: ["Pages"] } }),
      false,
    ],
    [
      "components: a maintenance affecting nothing yet concerns what it names",
      ev("e", "maintenance.scheduled", { incidentId: "maint-ahead" }),
      sub({ events: ["maintenance.scheduled"], components: { github: ["Pages"] } }),
      true,
    ],
    [
      "components: ... and not what it does not name",
      ev("e", "maintenance.scheduled", { incidentId: "maint-ahead" }),
      sub({ events: ["maintenance.scheduled"], components: { github: ["Actions"] } }),
      false,
    ],
    [
      "components: incident not in the map passes",
      ev("e", "incident.opened", { incidentId: "ghost" }),
      sub({ components: { github: ["Pages"] } }),
      true,
    ],
    [
      "components: list for another vendor only",
      ev("e", "incident.opened"),
      sub({ components: { clerk: ["Pages"] } }),
      true,
    ],
    [
      "components: changed component by its current name",
      change("e", "c-api", "operational", "degraded_performance", "old name"),
      sub({ events: ["component.changed"], components: { github: ["api requests"] } }),
      true,
    ],
    [
      "components: changed component not listed",
      change("e", "c-actions", "operational", "degraded_performance"),
      sub({ events: ["component.changed"], components: { github: ["API Requests"] } }),
      false,
    ],
    [
      "components: name from the event when not in the list",
      change("e", "c-gone", "operational", "major_outage", "Pages"),
      sub({ events: ["component.changed"], components: { github: ["pages"] } }),
      true,
    ],
    [
      "components: source events pass",
      ev("e", "source.degraded"),
      sub({ events: ["source.degraded"], components: { github: ["Pages"] } }),
      true,
    ],
    ["min impact: minor incident vs major", ev("e", "incident.opened"), sub({ minImpact: "major" }), false],
    [
      "min impact: major incident vs major",
      ev("e", "incident.updated", { incidentId: "inc-major" }),
      sub({ minImpact: "major" }),
      true,
    ],
    [
      "min impact: none incident vs minor",
      ev("e", "incident.opened", { incidentId: "inc-none" }),
      sub({ minImpact: "minor" }),
      false,
    ],
    [
      "min impact: none incident vs none",
      ev("e", "incident.opened", { incidentId: "inc-none" }),
      sub({ minImpact: "none" }),
      true,
    ],
    [
      "min impact: from the event data when the incident is unknown",
      ev("e", "incident.opened", { incidentId: "ghost", data: { impact: "critical" } }),
      sub({ minImpact: "critical" }),
      true,
    ],
    [
      "min impact: maintenance ignores it",
      ev("e", "maintenance.scheduled", { incidentId: "maint" }),
      sub({ events: ["maintenance.scheduled"], minImpact: "critical" }),
      true,
    ],
    [
      "min impact: degraded is minor",
      change("e", "c-api", "operational", "degraded_performance"),
      sub({ events: ["component.changed"], minImpact: "minor" }),
      true,
    ],
    [
      "min impact: degraded is not major",
      change("e", "c-api", "operational", "degraded_performance"),
      sub({ events: ["component.changed"], minImpact: "major" }),
      false,
    ],
    [
      "min impact: partial outage is major",
      change("e", "c-api", "operational", "partial_outage"),
      sub({ events: ["component.changed"], minImpact: "major" }),
      true,
    ],
    [
      "min impact: major outage is critical",
      change("e", "c-api", "degraded_performance", "major_outage"),
      sub({ events: ["component.changed"], minImpact: "critical" }),
      true,
    ],
    [
      "min impact: recovery weighs as the outage it ends",
      change("e", "c-api", "major_outage", "operational"),
      sub({ events: ["component.changed"], minImpact: "critical" }),
      true,
    ],
    [
      "min impact: maintenance status is none",
      change("e", "c-api", "operational", "under_maintenance"),
      sub({ events: ["component.changed"], minImpact: "minor" }),
      false,
    ],
    ["unknown: into unknown dropped", change("e", "c-api", "operational", "unknown"), all, false],
    ["unknown: out of unknown dropped", change("e", "c-api", "unknown", "major_outage"), all, false],
    ["unknown: other changes kept", change("e", "c-api", "operational", "under_maintenance"), all, true],
  ])("%s", (_name, event, subscription, expected) => {
    expect(routed(event, subscription)).toBe(expected);
  });
});

describe("routeEvents: deliveries", () => {
  it("groups one poll's events per incident, component and source, per subscription, in event order", () => {
    const events = [
      change("c1", "c-api", "operational", "major_outage"),
      ev("i1", "incident.opened"),
      ev("src", "source.recovered"),
      ev("j1", "incident.opened", { incidentId: "inc-major" }),
      ev("i2", "incident.updated"),
      change("c2", "c-actions", "operational", "partial_outage"),
    ];
    const a = sub({
      id: "a",
      channel: "hook",
      events: ["incident.opened", "incident.updated", "component.changed", "source.recovered"],
    });
    const b = sub({ id: "b", channel: "chat", minImpact: "major" });
    const deliveries = route(events, [a, b]);
    expect(
      deliveries.map((d) => [d.subscription, d.channel, d.incidentId, d.componentId, d.eventIds]),
    ).toEqual([
      ["a", "hook", null, "c-api", ["c1"]],
      ["a", "hook", "inc1", null, ["i1", "i2"]],
      ["a", "hook", null, null, ["src"]],
      ["a", "hook", "inc-major", null, ["j1"]],
      ["a", "hook", null, "c-actions", ["c2"]],
      ["b", "chat", "inc-major", null, ["j1"]],
    ]);
    expect(deliveries[1]).toEqual({
      id: stableId("a", "i1", "i2"),
      subscription: "a",
      channel: "hook",
      vendor: "github",
      incidentId: "inc1",
      componentId: null,
      eventIds: ["i1", "i2"],
      status: "pending",
      attempts: 0,
      createdAt: NOW,
      nextAttemptAt: NOW,
      deliveredAt: null,
      lastError: null,
    });
  });

  it("gives deterministic ids: the same events in any order, the same delivery", () => {
    const events = [ev("i1", "incident.opened"), ev("i2", "incident.updated")];
    const once = route(events, [sub()]);
    expect(route([...events].reverse(), [sub()]).map((d) => d.id)).toEqual(once.map((d) => d.id));
    expect(once[0]?.id).toBe(stableId("s1", "i1", "i2"));
    expect(route(events, [sub({ id: "s2" })])[0]?.id).not.toBe(once[0]?.id);
  });

  it("holds component-only deliveries for the flap window, nothing else", () => {
    const s = sub({ events: ["component.changed", "incident.opened", "source.degraded"] });
    const events = [
      change("c1", "c-api", "operational", "major_outage"),
      ev("i1", "incident.opened"),
      ev("d1", "source.degraded"),
    ];
    const [component, inc, source] = route(events, [s]);
    expect(component?.nextAttemptAt).toBe("2026-08-01T10:02:00.000Z");
    expect(inc?.nextAttemptAt).toBe(NOW);
    expect(source?.nextAttemptAt).toBe(NOW);
    expect(route(events, [s], { flapWindowSeconds: 5 })[0]?.nextAttemptAt).toBe("2026-08-01T10:00:05.000Z");
  });

  it("makes nothing of no events (a baseline poll) or no subscriptions", () => {
    expect(route([], [sub()])).toEqual([]);
    expect(route([ev("i1", "incident.opened")], [])).toEqual([]);
  });
});

describe("withWatchedComponents", () => {
  it.each<[string, Subscription, string[] | null, Subscription["components"]]>([
    ["no watched list: unchanged", sub(), null, null],
    ["empty watched list: unchanged", sub(), [], null],
    ["watched list fills in for all components", sub(), ["Actions"], { github: ["Actions"] }],
    [
      "other vendors' lists are kept",
      sub({ components: { clerk: ["Auth"] } }),
      ["Actions"],
      { clerk: ["Auth"], github: ["Actions"] },
    ],
    [
      "the subscription's own list wins",
      sub({ components: { github: ["Pages"] } }),
      ["Actions"],
      { github: ["Pages"] },
    ],
  ])("%s", (_name, subscription, watched, expected) => {
    expect(withWatchedComponents([subscription], "github", watched)[0]?.components).toEqual(expected);
  });

  it("keeps unwatched components' changes out of every subscription", () => {
    const subs = withWatchedComponents([sub({ events: ["component.changed"] })], "github", ["Actions"]);
    expect(route([change("c1", "c-api", "operational", "major_outage")], subs)).toEqual([]);
    expect(route([change("c2", "c-actions", "operational", "major_outage")], subs)).toHaveLength(1);
  });
});
