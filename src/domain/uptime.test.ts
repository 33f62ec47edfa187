import { describe, expect, it } from "vitest";
import type { ChangeEvent, ComponentState, Incident, IncidentStatus } from "./model.ts";
import { computeUptime, computeVendorDays, historyStart, type DayStatus } from "./uptime.ts";

// A 5-day window: 05-01 … 05-05 (today, up to noon).
const NOW = new Date("2024-05-05T12:00:00.000Z");
const COMPONENTS = [
  { id: "c-api", name: "API" },
  { id: "c-web", name: "Web" },
];
const WINDOW_HOURS = 4 * 24 + 12;

const state = (id: string | null, name: string, status: ComponentState["status"]): ComponentState => ({
  id,
  name,
  status,
});
const api = (status: ComponentState["status"]) => state("c-api", "API", status);
const upd = (at: string, components: ComponentState[], status: IncidentStatus = "investigating") => ({
  id: at,
  status,
  at: `2024-05-${at}:00.000Z`,
  message: "",
  components,
});

function incident(
  id: string,
  startedAt: string,
  resolvedAt: string | null,
  extra: Partial<Incident> = {},
): Incident {
  return {
    id,
    vendor: "acme",
    vendorIncidentId: id,
    kind: "incident",
    title: `Title ${id}`,
    status: resolvedAt === null ? "investigating" : "resolved",
    impact: "minor",
    url: null,
    startedAt: `2024-05-${startedAt}:00.000Z`,
    resolvedAt: resolvedAt === null ? null : `2024-05-${resolvedAt}:00.000Z`,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: `2024-05-${startedAt}:00.000Z`,
    seenLive: true,
    detectionLagSeconds: null,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: [],
    ...extra,
  };
}

const change = (at: string, to: string): ChangeEvent => ({
  id: at,
  type: "component.changed",
  vendor: "acme",
  incidentId: null,
  componentId: "c-web",
  at: `2024-05-${at}:00.000Z`,
  data: { from: "operational", to },
});

const OK5: DayStatus[] = Array(5).fill("operational");
const pct = (downHours: number, coveredHours = WINDOW_HOURS) =>
  (100 * (coveredHours - downHours)) / coveredHours;

interface Case {
  name: string;
  incidents?: Incident[];
  changes?: ChangeEvent[];
  coverage?: string | null;
  api?: [DayStatus[], number | null];
  web?: [DayStatus[], number | null];
}

const CASES: Case[] = [
  { name: "quiet record: operational, 100%", api: [OK5, 100], web: [OK5, 100] },
  {
    name: "before the record begins: no data, not counted",
    coverage: "2024-05-03T00:00:00.000Z",
    api: [["no_data", "no_data", "operational", "operational", "operational"], 100],
  },
  { name: "never read: no data at all", coverage: null, api: [Array(5).fill("no_data"), null] },
  {
    name: "each update's state holds until the next one names the component, or resolution",
    incidents: [
      incident("i1", "02T10:00", "03T01:00", {
        updates: [upd("02T10:00", [api("partial_outage")]), upd("02T11:00", [api("major_outage")])],
      }),
    ],
    api: [["operational", "major_outage", "major_outage", "operational", "operational"], pct(15)],
    web: [OK5, 100],
  },
  {
    name: "an update naming no components keeps the last state; degraded counts as up",
    incidents: [
      incident("i1", "02T10:00", "02T14:00", {
        updates: [upd("02T10:00", [api("degraded_performance")]), upd("02T12:00", [])],
      }),
    ],
    api: [["operational", "degraded_performance", "operational", "operational", "operational"], 100],
  },
  {
    name: "a later operational state ends the outage before resolution",
    incidents: [
      incident("i1", "02T10:00", "02T20:00", {
        updates: [upd("02T10:00", [api("major_outage")]), upd("02T12:00", [api("operational")])],
      }),
    ],
    api: [["operational", "major_outage", "operational", "operational", "operational"], pct(2)],
  },
  {
    name: "an open incident lasts until now",
    incidents: [incident("i1", "05T10:00", null, { updates: [upd("05T10:00", [api("major_outage")])] })],
    api: [["operational", "operational", "operational", "operational", "major_outage"], pct(2)],
  },
  {
    name: "incident-level components only: worst status from start to resolution",
    incidents: [
      incident("i1", "04T00:00", "04T06:00", {
        affectedComponents: [{ id: "c-web", name: "Web", worstStatus: "partial_outage" }],
      }),
    ],
    api: [OK5, 100],
    web: [["operational", "operational", "operational", "partial_outage", "operational"], pct(6)],
  },
  {
    name: "a state without an id is matched by name",
    incidents: [
      incident("i1", "01T00:00", "01T03:00", {
        updates: [upd("01T00:00", [state(null, "Web", "major_outage")])],
      }),
    ],
    web: [["major_outage", "operational", "operational", "operational", "operational"], pct(3)],
  },
  {
    name: "component.changed events hold until the next change",
    changes: [
      change("01T06:00", "major_outage"),
      change("01T12:00", "operational"),
      change("05T11:00", "bogus"),
    ],
    web: [["major_outage", "operational", "operational", "operational", "operational"], pct(6)],
  },
  {
    name: "overlapping outages are counted once; maintenance counts as up",
    incidents: [
      incident("a", "02T00:00", "02T04:00", { updates: [upd("02T00:00", [api("major_outage")])] }),
      incident("b", "02T02:00", "02T06:00", { updates: [upd("02T02:00", [api("partial_outage")])] }),
      incident("m", "04T00:00", "04T05:00", {
        kind: "maintenance",
        updates: [upd("04T00:00", [api("under_maintenance")], "in_progress")],
      }),
    ],
    api: [["operational", "major_outage", "operational", "under_maintenance", "operational"], pct(6)],
  },
];

describe("computeUptime", () => {
  it.each(CASES)("$name", (c) => {
    const result = computeUptime({
      components: COMPONENTS,
      incidents: c.incidents ?? [],
      changes: c.changes ?? [],
      coverageStart: c.coverage === undefined ? "2024-04-01T00:00:00.000Z" : c.coverage,
      now: NOW,
      days: 5,
    });
    expect(result.map((r) => r.componentId)).toEqual(["c-api", "c-web"]);
    for (const [index, want] of [c.api, c.web].entries()) {
      if (want === undefined) continue;
      const got = result[index]!;
      expect(got.days.map((d) => d.status)).toEqual(want[0]);
      if (want[1] === null) expect(got.percent).toBeNull();
      else expect(got.percent).toBeCloseTo(want[1], 6);
    }
  });

  it("dates the cells in UTC and lists each day's incidents once, in order", () => {
    const [apiUptime] = computeUptime({
      components: COMPONENTS,
      incidents: [
        incident("i1", "02T10:00", "03T01:00", {
          updates: [upd("02T10:00", [api("partial_outage")]), upd("02T11:00", [api("major_outage")])],
        }),
        incident("i2", "03T05:00", "03T06:00", { updates: [upd("03T05:00", [api("partial_outage")])] }),
      ],
      changes: [],
      coverageStart: "2024-01-01T00:00:00.000Z",
      now: NOW,
      days: 5,
    });
    expect(apiUptime!.days.map((d) => d.date)).toEqual([
      "2024-05-01",
      "2024-05-02",
      "2024-05-03",
      "2024-05-04",
      "2024-05-05",
    ]);
    expect(apiUptime!.days[1]!.incidents).toEqual([{ id: "i1", title: "Title i1" }]);
    expect(apiUptime!.days[2]!.incidents.map((i) => i.id)).toEqual(["i1", "i2"]);
    expect(apiUptime!.days[3]!.incidents).toEqual([]);
  });

  it("defaults to 90 days ending today", () => {
    const [one] = computeUptime({
      components: COMPONENTS,
      incidents: [],
      changes: [],
      coverageStart: null,
      now: NOW,
    });
    expect(one!.days).toHaveLength(90);
    expect(one!.days.at(-1)!.date).toBe("2024-05-05");
    expect(one!.days[0]!.date).toBe("2024-02-06");
  });
});

describe("historyStart", () => {
  it.each([
    [null, null, null],
    [null, "2024-01-01T00:00:00.000Z", null],
    ["2024-05-01T00:00:00.000Z", null, "2024-05-01T00:00:00.000Z"],
    ["2024-05-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"],
    ["2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z", "2024-05-01T00:00:00.000Z"],
  ])("baseline %s, earliest incident %s → %s", (baseline, earliest, expected) => {
    expect(historyStart(baseline, earliest)).toBe(expected);
  });
});

describe("computeVendorDays", () => {
  const bar = (incidents: Incident[], coverage: string | null = "2024-05-02T06:00:00.000Z") =>
    computeVendorDays({ incidents, coverageStart: coverage, now: NOW, days: 5 });

  it.each<[string, Incident[], DayStatus[]]>([
    [
      "no incidents: no data until the record begins",
      [],
      ["no_data", "operational", "operational", "operational", "operational"],
    ],
    [
      "components' worst status, from start to resolution",
      [
        incident("i1", "02T22:00", "03T02:00", {
          impact: "critical",
          affectedComponents: [
            { id: "a", name: "A", worstStatus: "degraded_performance" },
            { id: "b", name: "B", worstStatus: "partial_outage" },
          ],
        }),
      ],
      ["no_data", "partial_outage", "partial_outage", "operational", "operational"],
    ],
    [
      "the impact where no component is named; open until now",
      [incident("i2", "04T10:00", null, { impact: "critical" })],
      ["no_data", "operational", "operational", "major_outage", "major_outage"],
    ],
    [
      "an incident posted already resolved still marks its day",
      [incident("i3", "05T01:00", "05T01:00", { impact: "minor" })],
      ["no_data", "operational", "operational", "operational", "degraded_performance"],
    ],
    [
      "one closed without a resolved time (how long unknown) marks only the day it started",
      [incident("i4", "03T10:00", null, { status: "resolved", impact: "critical" })],
      ["no_data", "operational", "major_outage", "operational", "operational"],
    ],
  ])("%s", (_name, incidents, expected) => {
    expect(bar(incidents).map((d) => d.status)).toEqual(expected);
  });

  it("names each day's incidents", () => {
    const days = bar([incident("i1", "03T10:00", "03T11:00"), incident("i2", "03T12:00", null)]);
    expect(days[2]!.incidents).toEqual([
      { id: "i1", title: "Title i1" },
      { id: "i2", title: "Title i2" },
    ]);
    expect(days[4]!.incidents).toEqual([{ id: "i2", title: "Title i2" }]);
  });
});
