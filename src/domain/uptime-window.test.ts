// Uptime over a window and SLA figures, checked against an oracle that walks the raw update times
// minute by minute (the times here fall on minutes): at each minute, each open incident's latest
// update naming the component gives its status; the heaviest status there counts.
import { describe, expect, it } from "vitest";
import type { ComponentState, Incident } from "./model.ts";
import { judgeSla, parseCredits, type SlaTarget } from "./sla.ts";
import {
  computeCombinedUptime,
  computeWindowUptime,
  downtimePassing,
  type WindowUptimeInput,
} from "./uptime.ts";

const COMPONENTS = [
  { id: "c-api", name: "API" },
  { id: "c-web", name: "Web" },
];
const MARCH = { from: new Date("2024-03-01T00:00:00Z"), to: new Date("2024-04-01T00:00:00Z") };
const MINUTE = 60_000;

type Status = ComponentState["status"];
const named = (component: string, status: Status): ComponentState => ({
  id: component === "API" ? "c-api" : "c-web",
  name: component,
  status,
});

function incident(
  id: string,
  startedAt: string,
  resolvedAt: string | null,
  updates: [string, ComponentState[]][],
): Incident {
  return {
    id,
    vendor: "acme",
    vendorIncidentId: id,
    kind: "incident",
    title: id,
    status: resolvedAt === null ? "investigating" : "resolved",
    impact: "major",
    url: null,
    startedAt,
    resolvedAt,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: startedAt,
    seenLive: true,
    detectionLagSeconds: null,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: updates.map(([at, components], k) => ({
      id: `${id}-${k}`,
      status: "investigating",
      at,
      message: "",
      components,
    })),
  };
}

const INCIDENTS: Incident[] = [
  // Overlapping on API: major 10:00–12:00, partial 11:00–14:00 (then degraded until 15:00).
  incident("overlap-a", "2024-03-05T10:00:00Z", "2024-03-05T12:00:00Z", [
    ["2024-03-05T10:00:00Z", [named("API", "major_outage")]],
  ]),
  incident("overlap-b", "2024-03-05T11:00:00Z", "2024-03-05T15:00:00Z", [
    ["2024-03-05T11:00:00Z", [named("API", "partial_outage")]],
    ["2024-03-05T14:00:00Z", [named("API", "degraded_performance")]],
  ]),
  // Across the February/March boundary: 2 hours in March.
  incident("boundary", "2024-02-29T22:00:00Z", "2024-03-01T02:00:00Z", [
    ["2024-02-29T22:00:00Z", [named("API", "major_outage")]],
  ]),
  // Web alone, partial, overlapping API's outage in time.
  incident("web", "2024-03-05T13:00:00Z", "2024-03-05T16:30:00Z", [
    ["2024-03-05T13:00:00Z", [named("Web", "partial_outage")]],
  ]),
  // Still open at the end of March (and at now).
  incident("open", "2024-03-31T23:00:00Z", null, [["2024-03-31T23:00:00Z", [named("Web", "major_outage")]]]),
  // Maintenance counts as up.
  incident("works", "2024-03-20T01:00:00Z", "2024-03-20T03:00:00Z", [
    ["2024-03-20T01:00:00Z", [named("API", "under_maintenance")]],
  ]),
];

const WEIGHTS: Partial<Record<Status, number>> = { major_outage: 1 };

/** Down and no-data seconds walked minute by minute from the raw updates. */
function oracle(names: string[], input: WindowUptimeInput, partial: number) {
  let [down, noData, known] = [0, 0, 0];
  const coverage = input.coverageStart === null ? Infinity : Date.parse(input.coverageStart);
  for (let t = input.from.getTime(); t < input.to.getTime(); t += MINUTE) {
    if (t < coverage || t >= input.now.getTime()) {
      noData += 60;
      continue;
    }
    known += 60;
    let worst = 0;
    for (const i of input.incidents) {
      if (Date.parse(i.startedAt) > t || (i.resolvedAt !== null && Date.parse(i.resolvedAt) <= t)) continue;
      for (const name of names) {
        const last = i.updates
          .filter((u) => Date.parse(u.at) <= t && u.components.some((c) => c.name === name))
          .at(-1);
        const status = last?.components.find((c) => c.name === name)?.status;
        const weight = status === "partial_outage" ? partial : (status && WEIGHTS[status]) || 0;
        worst = Math.max(worst, weight);
      }
    }
    down += worst * 60;
  }
  return { down, noData, percent: known === 0 ? null : (100 * (known - down)) / known };
}

const CASES = [
  {
    name: "whole month covered, partial counts as down",
    coverage: "2024-01-01T00:00:00Z",
    now: "2024-04-15T00:00:00Z",
    weight: undefined,
  },
  {
    name: "partial outage weighed 0.3",
    coverage: "2024-01-01T00:00:00Z",
    now: "2024-04-15T00:00:00Z",
    weight: 0.3,
  },
  {
    name: "record begins mid-month",
    coverage: "2024-03-05T12:30:00Z",
    now: "2024-04-15T00:00:00Z",
    weight: undefined,
  },
  {
    name: "month still going (now in it)",
    coverage: "2024-01-01T00:00:00Z",
    now: "2024-03-31T23:30:00Z",
    weight: undefined,
  },
  { name: "never read", coverage: null, now: "2024-04-15T00:00:00Z", weight: undefined },
];

describe("uptime over a window", () => {
  it.each(CASES)("$name: each component and the vendor as a whole match the raw updates", (c) => {
    const input: WindowUptimeInput = {
      components: COMPONENTS,
      incidents: INCIDENTS,
      changes: [],
      coverageStart: c.coverage,
      now: new Date(c.now),
      ...MARCH,
      ...(c.weight === undefined ? {} : { partialOutageWeight: c.weight }),
    };
    const partial = c.weight ?? 1;
    const [api, web] = computeWindowUptime(input);
    for (const [got, names] of [
      [api!, ["API"]],
      [web!, ["Web"]],
      [computeCombinedUptime(input), ["API", "Web"]],
    ] as const) {
      const want = oracle([...names], input, partial);
      expect(got.downSeconds).toBeCloseTo(want.down, 6);
      expect(got.noDataSeconds).toBe(want.noData);
      if (want.percent === null) expect(got.percent).toBeNull();
      else expect(got.percent).toBeCloseTo(want.percent, 9);
    }
  });

  it("adds up the edge cases by hand: overlap, boundary, open incident, weights", () => {
    const input = {
      components: COMPONENTS,
      incidents: INCIDENTS,
      changes: [],
      coverageStart: "2024-01-01T00:00:00Z",
      now: new Date("2024-04-15T00:00:00Z"),
      ...MARCH,
    };
    const [api, web] = computeWindowUptime(input);
    // API: 2 h across the boundary + 10:00–14:00 (overlap counted once) = 6 h.
    expect(api!.downSeconds).toBe(6 * 3600);
    expect(api!.incidentIds).toEqual(["boundary", "overlap-a", "overlap-b"]);
    // Web: 3.5 h partial + 1 h of the incident still open at the month's end.
    expect(web!.downSeconds).toBe(4.5 * 3600);
    // The vendor: API 10:00–14:00 and Web 13:00–16:30 make 10:00–16:30; 2 h + 6.5 h + 1 h.
    expect(computeCombinedUptime(input).downSeconds).toBe(9.5 * 3600);
    // At 0.3: API 2 h + 2 h major + 2 h × 0.3 partial.
    const [light] = computeWindowUptime({ ...input, partialOutageWeight: 0.3 });
    expect(light!.downSeconds).toBeCloseTo(4.6 * 3600, 6);
  });
});

describe("an incident closed without a resolved time", () => {
  // Posted already closed with no update: how long it lasted is unknown (as in domain/stats.ts).
  const closed: Incident = {
    ...incident("closed", "2024-03-10T10:00:00Z", null, []),
    status: "resolved",
    affectedComponents: [{ id: "c-api", name: "API", worstStatus: "major_outage" }],
  };
  const input = (incidents: Incident[]): WindowUptimeInput => ({
    components: COMPONENTS,
    incidents,
    changes: [],
    coverageStart: "2024-01-01T00:00:00Z",
    now: new Date("2024-03-10T12:00:00Z"),
    ...MARCH,
  });

  it("puts nothing down and is not down now, where the same incident open would be", () => {
    const open = input([{ ...closed, status: "investigating" }]);
    expect(computeWindowUptime(open)[0]!.downSeconds).toBe(2 * 3600);
    expect(downtimePassing(open, 0).downAtEnd).toBe(true);
    const [api] = computeWindowUptime(input([closed]));
    expect([api!.downSeconds, api!.percent, api!.incidentIds]).toEqual([0, 100, []]);
    expect(downtimePassing(input([closed]), 0)).toEqual({ passedAt: null, downAtEnd: false });
  });
});

describe("SLA judgement", () => {
  const target = (extra: Partial<SlaTarget>): SlaTarget => ({
    vendor: "acme",
    component: null,
    targetPercent: 99.9,
    credits: parseCredits("99.0:10,95.0:25"),
    claimDays: 30,
    ...extra,
  });
  const month = (downHours: number) => ({
    percent: 100 - (100 * downHours) / (31 * 24),
    downSeconds: downHours * 3600,
    noDataSeconds: 0,
    incidentIds: ["i1"],
  });

  it.each([
    { name: "met", down: 0.5, met: true, credit: 0, claimBy: null },
    { name: "missed, no credit band", down: 1, met: false, credit: 0, claimBy: null },
    { name: "below 99.0", down: 8, met: false, credit: 10, claimBy: "2024-04-30" },
    { name: "below 95.0", down: 40, met: false, credit: 25, claimBy: "2024-04-30" },
  ])("$name", (c) => {
    const result = judgeSla(target({}), "2024-03", month(c.down));
    expect(result).toMatchObject({
      met: c.met,
      creditPercent: c.credit,
      claimBy: c.claimBy,
      incidentIds: ["i1"],
    });
    // 0.1 % of March's 31 days.
    expect(result.allowedDowntimeSeconds).toBe(2678);
  });

  it("says nothing of a month with no data", () => {
    const result = judgeSla(target({}), "2024-03", {
      percent: null,
      downSeconds: 0,
      noDataSeconds: 0,
      incidentIds: [],
    });
    expect(result).toMatchObject({ met: null, creditPercent: null, claimBy: null });
  });

  it.each(["99:", "abc", "99.0:10;95:25", "101:10", "99:0"])("refuses credits %j with one line", (text) => {
    expect(() => parseCredits(text)).toThrow(/^(credits must look like|a credit)/);
  });
});
