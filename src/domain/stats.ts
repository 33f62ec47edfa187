// Figures over a window [from, to), per vendor and across vendors: incidents and downtime per month,
// time to resolve (p50, p90), detection lag (p50, p95), the vendor's acknowledgement delay (p50,
// ack-delay.ts) and its postmortem rate. Pure. Maintenances are planned work, not failures: they are
// left out of every figure.
//
// - An incident counts in the month it started, when it started in the window.
// - Downtime is the time in the window (up to now) during which the vendor had at least one incident
//   open: the union of its incidents' [started, resolved) spans, so two overlapping incidents count
//   once. Across vendors it is the sum of the vendors' downtimes (vendor-time). An incident closed without
//   a resolved time lasted an unknown time: it counts as an incident, not as open, and adds no downtime
//   and no time to resolve (as in domain/uptime.ts).
// - Time to resolve, detection lag, acknowledgement delay and postmortem rate are over the incidents
//   that started in the window: resolved ones; ones Pingoru saw appear (a lag is known); ones whose
//   delay is known; resolved ones with a postmortem, out of the resolved ones.
// A vendor's samples are collected once (collectSamples) and merged across vendors (mergeSamples)
// before their percentiles are taken, so the figures across vendors are over every incident.

import { ACK_LOOKBACK_HOURS, acknowledgementDelay, indexChanges, type AckIncident } from "./ack-delay.ts";
import {
  durationSeconds,
  isOpenIncident,
  spanEnd,
  type ChangeEvent,
  type Incident,
  type Iso,
} from "./model.ts";

export const FIGURE_MONTHS = 12;

/** What the figures read of an incident: its own fields and when its first update was. */
export type StatIncident = AckIncident &
  Pick<Incident, "kind" | "status" | "startedAt" | "resolvedAt" | "postmortemPublishedAt">;

export interface StatWindow {
  from: Date;
  to: Date;
  /** Downtime of incidents still open runs to now, not past it. */
  now: Date;
}

/** Numbers gathered from one vendor's incidents, or several vendors' merged. */
export interface StatSamples {
  /** UTC months (YYYY-MM) the window touches, oldest first. */
  months: string[];
  incidentsPerMonth: number[];
  downtimePerMonth: number[];
  resolveSeconds: number[];
  lagSeconds: number[];
  ackSeconds: number[];
  /** Incidents started in the window and still open. */
  open: number;
  /** Resolved incidents started in the window with a postmortem. */
  postmortems: number;
}

export interface Spread {
  p50: number | null;
  /** p90 for time to resolve, p95 for detection lag; absent for the acknowledgement delay. */
  high?: number | null;
  count: number;
}

export interface StatFigures {
  perMonth: { month: string; incidents: number; downtimeSeconds: number }[];
  incidentCount: number;
  openCount: number;
  downtimeSeconds: number;
  resolve: Spread;
  detectionLag: Spread;
  acknowledgement: Spread;
  resolvedCount: number;
  postmortemCount: number;
  /** Share of the resolved incidents with a postmortem, 0..1; null when none is resolved. */
  postmortemRate: number | null;
}

/** The first instant of the earliest month counted, for loading just what the figures need. */
export function figuresSince(now: Date, months = FIGURE_MONTHS): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)).toISOString();
}

/** The UTC months (YYYY-MM) that [from, to) touches, oldest first. */
export function windowMonths(from: Date, to: Date): string[] {
  const months: string[] = [];
  for (let k = 0; ; k++) {
    const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + k, 1));
    if (k > 0 && start >= to) return months;
    months.push(start.toISOString().slice(0, 7));
  }
}

/**
 * One vendor's samples; `changes` are its component.changed events, oldest first: at least those in
 * ackChangesWindow with each component's last one before it.
 */
export function collectSamples(
  incidents: readonly StatIncident[],
  changes: readonly ChangeEvent[],
  window: StatWindow,
): StatSamples {
  const months = windowMonths(window.from, window.to);
  const [from, to] = [window.from.getTime(), window.to.getTime()];
  const failures = incidents.filter((i) => i.kind === "incident");
  const started = failures.filter((i) => Date.parse(i.startedAt) >= from && Date.parse(i.startedAt) < to);
  const resolved = started.filter((i) => i.resolvedAt !== null);
  const incidentsPerMonth = months.map((m) => started.filter((i) => i.startedAt.startsWith(m)).length);
  const index = indexChanges(changes);
  return {
    months,
    incidentsPerMonth,
    downtimePerMonth: downtimePerMonth(failures, months, window),
    resolveSeconds: resolved.map((i) => durationSeconds(i)!),
    lagSeconds: started.map((i) => i.detectionLagSeconds).filter((s): s is number => s !== null),
    ackSeconds: started.map((i) => acknowledgementDelay(i, index)).filter((s): s is number => s !== null),
    open: started.filter(isOpenIncident).length,
    postmortems: resolved.filter((i) => i.postmortemPublishedAt !== null).length,
  };
}

/**
 * The component changes collectSamples reads (for acknowledgement delays), as a window for
 * EventStore.listComponentChanges: from ACK_LOOKBACK_HOURS before the earliest first update of an
 * incident whose delay may be known to just after the latest of their ends (null: one is open, up to
 * now). Null when no delay can be known: nothing to read.
 */
export function ackChangesWindow(
  incidents: readonly StatIncident[],
  window: Pick<StatWindow, "from" | "to">,
): { since: Iso; until: Iso | null } | null {
  const [from, to] = [window.from.getTime(), window.to.getTime()];
  let [first, last] = [Infinity, -Infinity];
  for (const i of incidents) {
    const start = Date.parse(i.startedAt);
    const known = i.seenLive && i.detectionLagSeconds !== null && i.firstUpdateAt !== null;
    if (i.kind !== "incident" || start < from || start >= to || !known) continue;
    if (!i.affectedComponents.some((c) => c.id !== null)) continue;
    const spoke = Date.parse(i.firstUpdateAt!);
    first = Math.min(first, spoke);
    last = Math.max(last, spoke, spanEnd(i, Infinity) ?? spoke);
  }
  if (first === Infinity) return null;
  return {
    since: new Date(first - ACK_LOOKBACK_HOURS * 3_600_000).toISOString(),
    until: last === Infinity ? null : new Date(last + 1).toISOString(),
  };
}

/** Samples of several vendors over the same window, as one (none: no incident at all). */
export function mergeSamples(
  window: Pick<StatWindow, "from" | "to">,
  all: readonly StatSamples[],
): StatSamples {
  const months = windowMonths(window.from, window.to);
  const add = (pick: (s: StatSamples) => number[]) =>
    months.map((_, k) => all.reduce((total, s) => total + (pick(s)[k] ?? 0), 0));
  return {
    months,
    incidentsPerMonth: add((s) => s.incidentsPerMonth),
    downtimePerMonth: add((s) => s.downtimePerMonth),
    resolveSeconds: all.flatMap((s) => s.resolveSeconds),
    lagSeconds: all.flatMap((s) => s.lagSeconds),
    ackSeconds: all.flatMap((s) => s.ackSeconds),
    open: all.reduce((total, s) => total + s.open, 0),
    postmortems: all.reduce((total, s) => total + s.postmortems, 0),
  };
}

export function summariseSamples(s: StatSamples): StatFigures {
  const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);
  const resolvedCount = s.resolveSeconds.length;
  return {
    perMonth: s.months.map((month, k) => ({
      month,
      incidents: s.incidentsPerMonth[k]!,
      downtimeSeconds: s.downtimePerMonth[k]!,
    })),
    incidentCount: sum(s.incidentsPerMonth),
    openCount: s.open,
    downtimeSeconds: sum(s.downtimePerMonth),
    resolve: spread(s.resolveSeconds, 90),
    detectionLag: spread(s.lagSeconds, 95),
    acknowledgement: { p50: percentile(s.ackSeconds, 50), count: s.ackSeconds.length },
    resolvedCount,
    postmortemCount: s.postmortems,
    postmortemRate: resolvedCount === 0 ? null : s.postmortems / resolvedCount,
  };
}

function spread(values: readonly number[], high: number): Spread {
  return { p50: percentile(values, 50), high: percentile(values, high), count: values.length };
}

/**
 * The p-th percentile, interpolating linearly between the closest ranks (numpy's default), so p50 is
 * the median: the mean of the two middle values for an even count. Null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * p) / 100;
  const [low, high] = [sorted[Math.floor(rank)]!, sorted[Math.ceil(rank)]!];
  return low + (high - low) * (rank - Math.floor(rank));
}

/** The middle value; the mean of the two middle ones for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Seconds per month of the union of the incidents' spans, clipped to the window and to now. */
function downtimePerMonth(
  incidents: readonly StatIncident[],
  months: readonly string[],
  window: StatWindow,
): number[] {
  const end = Math.min(window.to.getTime(), window.now.getTime());
  const spans = incidents
    .flatMap((i) => {
      const until = spanEnd(i, end);
      return until === null ? [] : [[Date.parse(i.startedAt), until] as const];
    })
    .map(([s, e]) => [Math.max(s, window.from.getTime()), Math.min(e, end)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const union: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = union.at(-1);
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else union.push([s, e]);
  }
  return months.map((month) => {
    const start = Date.parse(`${month}-01T00:00:00.000Z`);
    const next = new Date(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const ms = union.reduce(
      (total, [s, e]) => total + Math.max(0, Math.min(e, next.getTime()) - Math.max(s, start)),
      0,
    );
    return Math.round(ms / 1000);
  });
}

/** An incident as the figures read it: its first update is when the vendor first said anything. */
export function statIncident(incident: Incident): StatIncident {
  return { ...incident, firstUpdateAt: incident.updates[0]?.at ?? null };
}
