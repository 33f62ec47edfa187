// The figures over a window, on hand-made incidents: each figure is derived here again from the raw
// times (downtime by walking the window minute by minute), not taken from the code under test.
import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "./model.ts";
import {
  ackChangesWindow,
  collectSamples,
  figuresSince,
  median,
  mergeSamples,
  percentile,
  summariseSamples,
  windowMonths,
  type StatIncident,
} from "./stats.ts";

const NOW = new Date("2024-05-15T12:00:00.000Z");
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

function incident(startedAt: string, extra: Partial<StatIncident> = {}): StatIncident {
  return {
    kind: "incident",
    status: extra.resolvedAt ? "resolved" : "investigating",
    startedAt,
    resolvedAt: null,
    seenLive: false,
    detectionLagSeconds: null,
    postmortemPublishedAt: null,
    affectedComponents: [],
    firstUpdateAt: startedAt,
    ...extra,
  };
}

const change = (componentId: string, at: string, from: string, to: string): ChangeEvent => ({
  id: `${componentId}-${at}`,
  type: "component.changed",
  vendor: "acme",
  incidentId: null,
  componentId,
  at,
  data: { name: componentId, group: null, from, to },
});

/** Minutes in [from, min(to, now)) at which some incident (not maintenance) was open, per UTC month. */
function walkDowntime(incidents: readonly StatIncident[], from: string, to: string, now: Date) {
  const perMonth = new Map<string, number>();
  const end = Math.min(Date.parse(to), now.getTime());
  for (let t = Date.parse(from); t < end; t += 60_000) {
    const open = incidents.some(
      (i) =>
        i.kind === "incident" &&
        Date.parse(i.startedAt) <= t &&
        // Closed without a resolved time: how long it lasted is unknown, it is down at no minute.
        (i.resolvedAt === null
          ? !["resolved", "postmortem"].includes(i.status)
          : t < Date.parse(i.resolvedAt)),
    );
    const month = new Date(t).toISOString().slice(0, 7);
    perMonth.set(month, (perMonth.get(month) ?? 0) + (open ? 60 : 0));
  }
  return perMonth;
}

describe("percentile", () => {
  it.each([
    [[5], 90, 5],
    [[9, 1, 5], 50, 5],
    [[4, 1, 3, 2], 50, 2.5],
    // rank (n − 1) × p: 3 × 0.9 = 2.7, so 70 % of the way from the third value to the fourth.
    [[3600, 7200, 10800, 36000], 90, 10800 + 0.7 * (36000 - 10800)],
    [
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210],
      95,
      200,
    ],
  ])("percentile(%j, %d) = %s", (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected);
  });

  it("takes the median as p50, and is null for no values", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
  });
});

describe("windowMonths", () => {
  it("lists the UTC months the window touches", () => {
    expect(figuresSince(NOW, 3)).toBe("2024-03-01T00:00:00.000Z");
    expect(windowMonths(new Date("2024-01-31T23:00:00Z"), new Date("2024-03-01T00:00:00Z"))).toEqual([
      "2024-01",
      "2024-02",
    ]);
    expect(windowMonths(new Date("2023-12-05T00:00:00Z"), new Date("2024-01-01T00:00:01Z"))).toEqual([
      "2023-12",
      "2024-01",
    ]);
  });
});

describe("collectSamples and summariseSamples", () => {
  const from = "2024-03-10T00:00:00.000Z";
  const to = "2024-05-20T00:00:00.000Z";
  const window = { from: new Date(from), to: new Date(to), now: NOW };
  const incidents = [
    // Started before the window: its downtime counts from `from`, it is not counted or timed.
    incident("2024-03-09T22:00:00.000Z", { resolvedAt: "2024-03-10T03:00:00.000Z" }),
    // Spans the March/April boundary.
    incident("2024-03-31T20:00:00.000Z", {
      resolvedAt: "2024-04-01T04:00:00.000Z",
      detectionLagSeconds: 120,
      postmortemPublishedAt: "2024-04-03T00:00:00.000Z",
    }),
    // Overlaps the one before: the union counts the overlap once.
    incident("2024-04-01T02:00:00.000Z", { resolvedAt: "2024-04-01T06:30:00.000Z", detectionLagSeconds: 30 }),
    incident("2024-04-20T10:00:00.000Z", {
      resolvedAt: "2024-04-20T10:45:00.000Z",
      detectionLagSeconds: 600,
    }),
    // A maintenance: no figure sees it.
    incident("2024-04-25T00:00:00.000Z", { kind: "maintenance", resolvedAt: "2024-04-25T12:00:00.000Z" }),
    // Still open at now (before the window's end): down until now, not timed.
    incident("2024-05-15T09:00:00.000Z", { detectionLagSeconds: 45 }),
    // Started after the window: in no figure.
    incident("2024-05-21T00:00:00.000Z", { resolvedAt: "2024-05-21T01:00:00.000Z", detectionLagSeconds: 1 }),
  ];
  const figures = summariseSamples(collectSamples(incidents, [], window));

  it("counts incidents per month that started in the window, maintenances left out", () => {
    expect(figures.perMonth.map((m) => [m.month, m.incidents])).toEqual([
      ["2024-03", 1],
      ["2024-04", 2],
      ["2024-05", 1],
    ]);
    expect(figures.incidentCount).toBe(4);
    expect(figures.openCount).toBe(1);
  });

  it("measures downtime as the union of incident spans, clipped to the window and to now", () => {
    const walked = walkDowntime(incidents, from, to, NOW);
    expect(figures.perMonth.map((m) => m.downtimeSeconds)).toEqual([
      walked.get("2024-03"),
      walked.get("2024-04"),
      walked.get("2024-05"),
    ]);
    // And by hand: 3 h on Mar 10, 4 h of Mar 31; Apr 1 00:00–06:30 and 45 min; May 15 09:00–12:00 (now).
    expect(figures.perMonth.map((m) => m.downtimeSeconds)).toEqual([
      seconds(from, "2024-03-10T03:00:00.000Z") + seconds("2024-03-31T20:00:00Z", "2024-04-01T00:00:00Z"),
      seconds("2024-04-01T00:00:00Z", "2024-04-01T06:30:00Z") + 45 * 60,
      seconds("2024-05-15T09:00:00Z", NOW.toISOString()),
    ]);
    expect(figures.downtimeSeconds).toBe([...walked.values()].reduce((a, b) => a + b, 0));
  });

  it("clips at the window's end when it is before now, an incident open then or resolved after it alike", () => {
    const end = "2024-04-20T10:30:00.000Z";
    const cut = { from: new Date(from), to: new Date(end), now: NOW };
    const still = [...incidents, incident("2024-04-20T10:20:00.000Z")];
    const walked = walkDowntime(still, from, end, NOW);
    const clipped = summariseSamples(collectSamples(still, [], cut));
    expect(clipped.perMonth.map((m) => m.downtimeSeconds)).toEqual([
      walked.get("2024-03"),
      walked.get("2024-04"),
    ]);
    // April: 00:00–06:30 on the 1st, then 10:00 until the window ends at 10:30 on the 20th.
    expect(clipped.perMonth[1]!.downtimeSeconds).toBe(
      seconds("2024-04-01T00:00Z", "2024-04-01T06:30Z") + 30 * 60,
    );
    // Both April-20 incidents started in the window: the one resolved later is timed in full, the other is open.
    expect([clipped.incidentCount, clipped.openCount, clipped.resolve.count]).toEqual([4, 1, 3]);
  });

  it("counts an incident closed without a resolved time, but not as open, downtime or time to resolve, whatever the window", () => {
    // A vendor posted it already closed, with no update: how long it lasted is unknown.
    const closed = incident("2024-04-10T08:00:00.000Z", { status: "resolved" });
    const late = { from: new Date("2024-04-05T00:00:00.000Z"), to: new Date(to), now: NOW };
    const early = { from: new Date(from), to: new Date(to), now: NOW };
    for (const window of [late, early]) {
      const without = summariseSamples(collectSamples(incidents, [], window));
      const withIt = summariseSamples(collectSamples([...incidents, closed], [], window));
      expect(withIt.incidentCount).toBe(without.incidentCount + 1);
      expect([withIt.openCount, withIt.downtimeSeconds]).toEqual([
        without.openCount,
        without.downtimeSeconds,
      ]);
      expect([withIt.resolvedCount, withIt.resolve]).toEqual([without.resolvedCount, without.resolve]);
      const walked = walkDowntime([...incidents, closed], window.from.toISOString(), to, NOW);
      expect(withIt.downtimeSeconds).toBe([...walked.values()].reduce((a, b) => a + b, 0));
    }
    // Started before the window, it is in no figure at all.
    const after = { from: new Date("2024-04-11T00:00:00.000Z"), to: new Date(to), now: NOW };
    expect(summariseSamples(collectSamples([closed], [], after))).toMatchObject({
      incidentCount: 0,
      openCount: 0,
      downtimeSeconds: 0,
    });
  });

  it("times resolution over resolved incidents started in the window (p50, p90)", () => {
    const durations = [
      seconds("2024-03-31T20:00:00Z", "2024-04-01T04:00:00Z"),
      seconds("2024-04-01T02:00:00Z", "2024-04-01T06:30:00Z"),
      seconds("2024-04-20T10:00:00Z", "2024-04-20T10:45:00Z"),
    ].sort((a, b) => a - b);
    expect(figures.resolve).toEqual({
      p50: durations[1],
      high: durations[1]! + 0.8 * (durations[2]! - durations[1]!),
      count: 3,
    });
    expect(figures.resolvedCount).toBe(3);
  });

  it("takes detection lag over incidents started in the window with a known lag (p50, p95)", () => {
    // 30, 45, 120, 600: the median is between 45 and 120; p95's rank is 3 × 0.95 = 2.85.
    expect(figures.detectionLag.p50).toBe((45 + 120) / 2);
    expect(figures.detectionLag.high).toBeCloseTo(120 + 0.85 * (600 - 120));
    expect(figures.detectionLag.count).toBe(4);
  });

  it("gives the postmortem rate over resolved incidents", () => {
    expect([figures.postmortemCount, figures.postmortemRate]).toEqual([1, 1 / 3]);
  });

  it("merges vendors' samples: counts and downtime add up, percentiles are over every incident", () => {
    const other = collectSamples(
      [incident("2024-04-02T00:00:00.000Z", { resolvedAt: "2024-04-02T00:10:00.000Z" })],
      [],
      window,
    );
    const merged = summariseSamples(mergeSamples(window, [collectSamples(incidents, [], window), other]));
    expect(merged.incidentCount).toBe(5);
    expect(merged.perMonth[1]).toEqual({
      month: "2024-04",
      incidents: 3,
      downtimeSeconds: figures.perMonth[1]!.downtimeSeconds + 600,
    });
    expect(merged.resolve.count).toBe(4);
    // 10 min, 45 min, 4 h 30 min, 8 h: the median is between the middle two.
    expect(merged.resolve.p50).toBe((45 * 60 + seconds("2024-04-01T02:00Z", "2024-04-01T06:30Z")) / 2);
    expect(summariseSamples(mergeSamples(window, []))).toMatchObject({
      incidentCount: 0,
      downtimeSeconds: 0,
      postmortemRate: null,
      resolve: { p50: null, high: null, count: 0 },
    });
  });
});

describe("acknowledgement delay in the samples", () => {
  const window = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-15T00:00:00Z"), now: NOW };
  const api = [{ id: "c-api", name: "API", worstStatus: "major_outage" as const }];
  const live = { seenLive: true, detectionLagSeconds: 60, affectedComponents: api };
  const changes = [
    change("c-api", "2024-05-02T09:50:00.000Z", "operational", "degraded_performance"),
    change("c-api", "2024-05-02T09:55:00.000Z", "degraded_performance", "major_outage"),
    change("c-api", "2024-05-02T11:00:00.000Z", "major_outage", "operational"),
    change("c-api", "2024-05-06T08:00:00.000Z", "operational", "partial_outage"),
    change("c-api", "2024-05-06T09:00:00.000Z", "partial_outage", "operational"),
    change("c-api", "2024-05-08T12:30:00.000Z", "operational", "major_outage"),
    change("c-api", "2024-05-01T00:00:00.000Z", "operational", "under_maintenance"),
  ].sort((a, b) => (a.at < b.at ? -1 : 1));
  const delays = (incidents: StatIncident[]) => collectSamples(incidents, changes, window).ackSeconds;

  it("runs from the change that started the failure to the vendor's first update", () => {
    const first = incident("2024-05-02T09:40:00.000Z", {
      ...live,
      firstUpdateAt: "2024-05-02T10:07:00.000Z",
    });
    expect(delays([first])).toEqual([seconds("2024-05-02T09:50:00Z", "2024-05-02T10:07:00Z")]);
  });

  it("is 0 when the vendor spoke before the component changed, while the incident was open", () => {
    const early = incident("2024-05-08T12:00:00.000Z", {
      ...live,
      firstUpdateAt: "2024-05-08T12:10:00.000Z",
    });
    expect(delays([early])).toEqual([0]);
  });

  it("counts no change after the first update for an incident closed without a resolved time", () => {
    const undated = incident("2024-05-08T12:00:00.000Z", {
      ...live,
      status: "resolved",
      firstUpdateAt: "2024-05-08T12:10:00.000Z",
    });
    expect(delays([undated])).toEqual([]);
    const before = incident("2024-05-02T09:40:00.000Z", {
      ...live,
      status: "resolved",
      firstUpdateAt: "2024-05-02T10:07:00.000Z",
    });
    expect(delays([before])).toEqual([seconds("2024-05-02T09:50:00Z", "2024-05-02T10:07:00Z")]);
  });

  it("is unknown unless Pingoru saw both live, or when the failure had ended before the update", () => {
    const at = { firstUpdateAt: "2024-05-02T10:07:00.000Z" };
    expect(
      delays([
        incident("2024-05-02T09:40:00.000Z", { ...live, ...at, seenLive: false }), // seen already resolved
        incident("2024-05-02T09:40:00.000Z", { ...live, ...at, detectionLagSeconds: null }), // the baseline
        incident("2024-05-02T09:40:00.000Z", { ...live, ...at, affectedComponents: [] }), // no component
        incident("2024-05-06T10:00:00.000Z", {
          ...live,
          firstUpdateAt: "2024-05-06T10:00:00.000Z",
          resolvedAt: "2024-05-06T11:00:00.000Z",
        }),
        incident("2024-05-12T10:00:00.000Z", { ...live, firstUpdateAt: "2024-05-12T10:00:00.000Z" }), // held > 24 h
      ]),
    ).toEqual([]);
  });

  // c-web failed before Pingoru's first look (its first change seen goes from one failing state to
  // another) and kept failing to the first update; it recovered and failed again while the incident was
  // open. That later failure is not the one the vendor spoke of: no delay, as with a failure begun too
  // long ago, and as a read from 24 h before the update (with each component's last change) gives too.
  it("is unknown for a component failing already when its first change was seen", () => {
    const web = [{ id: "c-web", name: "Web", worstStatus: "major_outage" as const }];
    const failing = [
      change("c-web", "2024-05-09T10:00:00.000Z", "partial_outage", "major_outage"),
      change("c-web", "2024-05-10T12:10:00.000Z", "major_outage", "operational"),
      change("c-web", "2024-05-10T12:20:00.000Z", "operational", "major_outage"),
    ];
    const spoke = incident("2024-05-10T12:00:00.000Z", {
      ...live,
      affectedComponents: web,
      resolvedAt: "2024-05-10T13:00:00.000Z",
    });
    expect(collectSamples([spoke], failing, window).ackSeconds).toEqual([]);
  });
});

describe("ackChangesWindow", () => {
  const window = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-15T00:00:00Z") };
  const live = {
    seenLive: true,
    detectionLagSeconds: 60,
    affectedComponents: [{ id: "c-api", name: "API", worstStatus: "major_outage" as const }],
  };

  it("runs from 24 h before the earliest first update to just after the latest end", () => {
    const incidents = [
      incident("2024-05-03T10:00:00.000Z", { ...live, resolvedAt: "2024-05-03T12:00:00.000Z" }),
      incident("2024-05-02T10:00:00.000Z", {
        ...live,
        firstUpdateAt: "2024-05-02T10:30:00.000Z",
        resolvedAt: "2024-05-02T11:00:00.000Z",
      }),
      // Neither seen live, nor in the window, nor naming a component by id: no delay to read for.
      incident("2024-04-20T10:00:00.000Z", { ...live, resolvedAt: "2024-05-09T00:00:00.000Z" }),
      incident("2024-05-05T10:00:00.000Z", { resolvedAt: "2024-05-09T00:00:00.000Z" }),
      incident("2024-05-06T10:00:00.000Z", {
        ...live,
        affectedComponents: [{ id: null, name: "API", worstStatus: "major_outage" }],
        resolvedAt: "2024-05-09T00:00:00.000Z",
      }),
    ];
    expect(ackChangesWindow(incidents, window)).toEqual({
      since: "2024-05-01T10:30:00.000Z",
      until: "2024-05-03T12:00:00.001Z",
    });
    expect(ackChangesWindow([...incidents, incident("2024-05-04T10:00:00.000Z", live)], window)).toEqual({
      since: "2024-05-01T10:30:00.000Z",
      until: null,
    });
    expect(ackChangesWindow(incidents.slice(2), window)).toBeNull();
  });

  it("ends at the first update of an incident closed without a resolved time, not now", () => {
    const undated = incident("2024-05-04T10:00:00.000Z", { ...live, status: "resolved" });
    expect(ackChangesWindow([undated], window)).toEqual({
      since: "2024-05-03T10:00:00.000Z",
      until: "2024-05-04T10:00:00.001Z",
    });
  });
});
