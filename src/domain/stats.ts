// The vendor page's figures: incidents per month, median time to resolve, median detection lag. Pure.
// Maintenances are planned work, not failures: they are left out of every figure.

import { durationSeconds } from "./model.ts";
import type { Incident } from "./model.ts";

export const FIGURE_MONTHS = 12;

export interface MonthCount {
  /** UTC month, YYYY-MM. */
  month: string;
  count: number;
}

export interface IncidentFigures {
  /** Oldest month first, ending with the current one; months without incidents count 0. */
  perMonth: MonthCount[];
  /** Over the incidents started in those months that are resolved; null when none is. */
  medianResolveSeconds: number | null;
  resolvedCount: number;
  /** Over the incidents started in those months that Pingoru saw appear (a lag is known). */
  medianDetectionLagSeconds: number | null;
  detectedCount: number;
}

/** The first instant of the earliest month counted, for loading just what the figures need. */
export function figuresSince(now: Date, months = FIGURE_MONTHS): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)).toISOString();
}

export function computeFigures(
  incidents: readonly Incident[],
  now: Date,
  months = FIGURE_MONTHS,
): IncidentFigures {
  const since = figuresSince(now, months);
  const counted = incidents.filter((i) => i.kind === "incident" && i.startedAt >= since);
  const perMonth = Array.from({ length: months }, (_, k) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + k, 1))
      .toISOString()
      .slice(0, 7);
    return { month, count: counted.filter((i) => i.startedAt.startsWith(month)).length };
  });
  const resolve = counted.map(durationSeconds).filter((s): s is number => s !== null);
  const lags = counted.map((i) => i.detectionLagSeconds).filter((s): s is number => s !== null);
  return {
    perMonth,
    medianResolveSeconds: median(resolve),
    resolvedCount: resolve.length,
    medianDetectionLagSeconds: median(lags),
    detectedCount: lags.length,
  };
}

/** The middle value; the mean of the two middle ones for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
