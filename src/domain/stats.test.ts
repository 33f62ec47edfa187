import { describe, expect, it } from "vitest";
import type { Incident } from "./model.ts";
import { computeFigures, figuresSince, median } from "./stats.ts";

const NOW = new Date("2024-05-15T12:00:00.000Z");

function incident(startedAt: string, extra: Partial<Incident> = {}): Incident {
  return {
    id: startedAt,
    vendor: "acme",
    vendorIncidentId: startedAt,
    kind: "incident",
    title: "t",
    status: "resolved",
    impact: "minor",
    url: null,
    startedAt,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: startedAt,
    seenLive: false,
    detectionLagSeconds: null,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: [],
    ...extra,
  };
}

describe("median", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])("median(%j) = %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("computeFigures", () => {
  it("starts the window at the first day of the earliest month, in UTC", () => {
    expect(figuresSince(NOW, 3)).toBe("2024-03-01T00:00:00.000Z");
    expect(figuresSince(new Date("2024-02-10T00:00:00.000Z"), 3)).toBe("2023-12-01T00:00:00.000Z");
  });

  it("counts incidents per month, oldest first, zero-filled, without maintenances or older incidents", () => {
    const figures = computeFigures(
      [
        incident("2024-05-01T00:00:00.000Z"),
        incident("2024-05-14T00:00:00.000Z"),
        incident("2024-03-31T23:59:59.000Z"),
        incident("2024-05-02T00:00:00.000Z", { kind: "maintenance" }),
        incident("2024-02-29T23:00:00.000Z"),
      ],
      NOW,
      3,
    );
    expect(figures.perMonth).toEqual([
      { month: "2024-03", count: 1 },
      { month: "2024-04", count: 0 },
      { month: "2024-05", count: 2 },
    ]);
  });

  it("takes medians over resolved incidents and over incidents with a known lag", () => {
    const figures = computeFigures(
      [
        incident("2024-05-01T00:00:00.000Z", {
          resolvedAt: "2024-05-01T01:00:00.000Z",
          detectionLagSeconds: 30,
        }),
        incident("2024-05-02T00:00:00.000Z", {
          resolvedAt: "2024-05-02T03:00:00.000Z",
          detectionLagSeconds: 90,
        }),
        incident("2024-05-03T00:00:00.000Z", { resolvedAt: "2024-05-03T00:30:00.000Z" }),
        incident("2024-05-04T00:00:00.000Z", { status: "investigating", detectionLagSeconds: 600 }),
        incident("2023-01-01T00:00:00.000Z", {
          resolvedAt: "2023-01-09T00:00:00.000Z",
          detectionLagSeconds: 1,
        }),
      ],
      NOW,
    );
    expect(figures.perMonth).toHaveLength(12);
    expect(figures.medianResolveSeconds).toBe(3600);
    expect(figures.resolvedCount).toBe(3);
    expect(figures.medianDetectionLagSeconds).toBe(90);
    expect(figures.detectedCount).toBe(3);
  });

  it("says null when there is nothing to take a median of", () => {
    const figures = computeFigures([], NOW, 2);
    expect(figures).toEqual({
      perMonth: [
        { month: "2024-04", count: 0 },
        { month: "2024-05", count: 0 },
      ],
      medianResolveSeconds: null,
      resolvedCount: 0,
      medianDetectionLagSeconds: null,
      detectedCount: 0,
    });
  });
});
