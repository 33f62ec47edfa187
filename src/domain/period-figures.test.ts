import { describe, expect, it } from "vitest";
import type { Incident } from "./model.ts";
import { computePeriodFigures } from "./period-figures.ts";

const COMPONENTS = [
  { id: "c-api", name: "API" },
  { id: "c-web", name: "Web" },
];

function incident(id: string, startedAt: string, resolvedAt: string | null, extra: Partial<Incident> = {}) {
  return {
    id,
    vendor: "acme",
    vendorIncidentId: id,
    kind: "incident",
    title: id,
    status: resolvedAt === null ? "investigating" : "resolved",
    impact: "major",
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
    affectedComponents: [],
    listedOperational: [],
    updates: [],
    ...extra,
  } satisfies Incident;
}

const api = (worstStatus: "major_outage" | "partial_outage") => [{ id: "c-api", name: "API", worstStatus }];

// The period is 48 hours, 05-02 00:00 to 05-04 00:00.
const INCIDENTS: Incident[] = [
  // Started before the period: its 3 hours in it count against uptime, not in the count.
  incident("before", "01T20:00", "02T03:00", { affectedComponents: api("partial_outage") }),
  incident("outage", "02T06:00", "02T18:00", { affectedComponents: api("major_outage") }),
  incident("slow", "03T10:00", null, {
    affectedComponents: [{ id: "c-web", name: "Web", worstStatus: "degraded_performance" }],
  }),
  incident("upgrade", "03T01:00", "03T02:00", { kind: "maintenance", impact: "maintenance" }),
  incident("after", "04T00:00", "04T01:00", { affectedComponents: api("major_outage") }),
];

const figures = (coverageStart: string | null) =>
  computePeriodFigures({
    components: COMPONENTS,
    incidents: INCIDENTS,
    changes: [],
    coverageStart,
    from: "2024-05-02T00:00:00.000Z",
    to: "2024-05-04T00:00:00.000Z",
  });

describe("computePeriodFigures", () => {
  it("counts the incidents started in the period, their median time to resolve, and uptime over it", () => {
    expect(figures("2024-04-01T00:00:00.000Z")).toEqual({
      incidentCount: 2,
      medianResolveSeconds: 12 * 3600,
      resolvedCount: 1,
      uptime: [
        { componentId: "c-api", name: "API", percent: (100 * (48 - 15)) / 48 },
        { componentId: "c-web", name: "Web", percent: 100 },
      ],
    });
  });

  it("measures uptime from where the record begins when that is inside the period", () => {
    expect(figures("2024-05-02T12:00:00.000Z").uptime[0]!.percent).toBeCloseTo((100 * (36 - 6)) / 36);
  });

  it("knows no uptime for a vendor never read", () => {
    expect(figures(null).uptime.map((u) => u.percent)).toEqual([null, null]);
  });
});
