// A vendor's figures over a period [from, to): how many incidents started in it, the median time to
// resolve them, and each component's uptime. Pure; the maths is stats.ts's and uptime.ts's.

import { durationSeconds, type ChangeEvent, type Incident, type Iso } from "./model.ts";
import { median } from "./stats.ts";
import { computeWindowUptime } from "./uptime.ts";

export interface PeriodFiguresInput {
  components: readonly { id: string; name: string }[];
  /** The vendor's incidents and maintenances overlapping the period, with their updates. */
  incidents: readonly Incident[];
  /** component.changed events of the vendor, oldest first. */
  changes: readonly ChangeEvent[];
  /** Where the record begins (uptime.ts historyStart); null when the vendor was never read. */
  coverageStart: Iso | null;
  from: Iso;
  /** Not after now: the uptime of time still to come is unknown. */
  to: Iso;
}

export interface PeriodFigures {
  /** Incidents (not maintenances) that started in the period. */
  incidentCount: number;
  /** Over those of them that are resolved; null when none is. */
  medianResolveSeconds: number | null;
  resolvedCount: number;
  /** Each component's share of the covered part of the period without a partial or major outage. */
  uptime: { componentId: string; name: string; percent: number | null }[];
}

export function computePeriodFigures(input: PeriodFiguresInput): PeriodFigures {
  const [from, to] = [Date.parse(input.from), Date.parse(input.to)];
  const started = input.incidents.filter((i) => {
    const start = Date.parse(i.startedAt);
    return i.kind === "incident" && start >= from && start < to;
  });
  const resolve = started.map(durationSeconds).filter((s): s is number => s !== null);
  // The record's time after `to` says nothing about the period: `to` is its "now".
  const uptime = computeWindowUptime({
    ...input,
    from: new Date(from),
    to: new Date(to),
    now: new Date(to),
  });
  return {
    incidentCount: started.length,
    medianResolveSeconds: median(resolve),
    resolvedCount: resolve.length,
    uptime: uptime.map((u, k) => ({
      componentId: u.componentId,
      name: input.components[k]!.name,
      percent: u.percent,
    })),
  };
}
