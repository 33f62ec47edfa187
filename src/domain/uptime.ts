// Per-component uptime over the last N UTC days, derived from the stored record alone. Pure.
//
// Sources of "how was component C at time t":
// - an incident update that names C with status S holds from that update's time until the next update
//   of the same incident that names C, or until the incident is resolved (now, while open);
// - an incident whose updates never name C but lists C as affected holds its worst status from start
//   to resolution (sources that only give incident-level components);
// - a component.changed event (to S) holds from when it was recorded until the next change of C.
// An incident closed without a resolved time lasted an unknown time: it spans nothing (model.ts spanEnd).
// Where nothing says otherwise, C was operational — but only from `coverageStart` on: before the
// record begins we know nothing ("no data"), and those days count neither way in the percentage.
//
// The rule: major and partial outage count as down, degraded performance and maintenance as up. A
// vendor may weigh partial outage less (partialOutageWeight 0..1; Atlassian Statuspage uses 0.3): a
// minute of it is then that share of a minute down. Where several spans overlap, the heaviest counts.

import { COMPONENT_STATUSES, isOpenIncident, spanEnd, worseStatus } from "./model.ts";
import { impactStatus } from "./roll-up.ts";
import { concernedComponents } from "./affected.ts";
import type { ChangeEvent, ComponentStatus, Incident, Iso } from "./model.ts";

export const UPTIME_DAYS = 90;
const DAY_MS = 86_400_000;

export type DayStatus = ComponentStatus | "no_data";

export interface UptimeDay {
  /** UTC date, YYYY-MM-DD. */
  date: string;
  status: DayStatus;
  /** Incidents that touched this component that day, in start order. */
  incidents: { id: string; title: string }[];
}

export interface ComponentUptime {
  componentId: string;
  days: UptimeDay[];
  /** Share of the covered time without a partial or major outage, 0..100; null when nothing is covered. */
  percent: number | null;
}

export interface UptimeInput {
  components: readonly { id: string; name: string }[];
  incidents: readonly Incident[];
  /**
   * component.changed events of the vendor, oldest first: at least those in the window and each
   * component's last one before it (EventStore.listComponentChanges); earlier ones change nothing.
   */
  changes: readonly ChangeEvent[];
  /** Where the record begins (see historyStart); null when the vendor was never read. */
  coverageStart: Iso | null;
  now: Date;
  days?: number;
  /** See DEFAULT_PARTIAL_OUTAGE_WEIGHT. */
  partialOutageWeight?: number;
}

interface Span {
  start: number;
  end: number;
  status: ComponentStatus;
  incident: { id: string; title: string } | null;
}

/** Partial outage counts as wholly down unless the vendor says otherwise. */
export const DEFAULT_PARTIAL_OUTAGE_WEIGHT = 1;

/** How much of each instant in a status counts as down. */
function downWeight(status: ComponentStatus, partialOutageWeight: number): number {
  if (status === "major_outage") return 1;
  return status === "partial_outage" ? partialOutageWeight : 0;
}

/**
 * The record covers time from the vendor's first successful poll, or from the start of the earliest
 * incident it loaded then (a status page's published history vouches for the quiet days after it).
 */
export function historyStart(baselineAt: Iso | null, earliestIncidentStart: Iso | null): Iso | null {
  if (baselineAt === null) return null;
  return earliestIncidentStart !== null && earliestIncidentStart < baselineAt
    ? earliestIncidentStart
    : baselineAt;
}

export function computeUptime(input: UptimeInput): ComponentUptime[] {
  const { days, now, windowStart, covered } = windowOf(input);
  return input.components.map((component) => {
    const spans = [
      ...incidentSpans(component, input.incidents, now),
      ...changeSpans(component.id, input.changes, now),
    ];
    return {
      componentId: component.id,
      days: Array.from({ length: days }, (_, i) => dayOf(windowStart + i * DAY_MS, spans, covered, now)),
      percent:
        covered === null || covered >= now
          ? null
          : (100 * (now - covered - downMs(spans, covered, now, input.partialOutageWeight))) /
            (now - covered),
    };
  });
}

/** An incident as a whole vendor's bar sees it, updates aside. */
export type VendorDayIncident = Pick<
  Incident,
  | "id"
  | "title"
  | "impact"
  | "status"
  | "startedAt"
  | "resolvedAt"
  | "affectedComponents"
  | "listedOperational"
>;

/**
 * One bar for a whole vendor (the dashboard): each UTC day coloured by the worst status its incidents
 * and maintenances reached (their components' worst, else their impact's), from start to resolution.
 */
export function computeVendorDays(
  input: Omit<UptimeInput, "components" | "incidents" | "changes"> & {
    incidents: readonly VendorDayIncident[];
  },
): UptimeDay[] {
  const { days, now, windowStart, covered } = windowOf(input);
  const spans = input.incidents.map((incident): Span => {
    const start = Date.parse(incident.startedAt);
    // One closed without a resolved time marks the day it started, as one posted already resolved.
    const end = spanEnd(incident, now) ?? start;
    // Components named only as operational say the vendor kept them up: the day is not its impact's.
    const named = concernedComponents(incident).map((c) => c.worstStatus);
    const status = named.length === 0 ? impactStatus(incident.impact) : named.reduce(worseStatus);
    // An incident posted already resolved (start = end) still marks its day.
    return {
      start,
      end: Math.max(end, start + 1),
      status,
      incident: { id: incident.id, title: incident.title },
    };
  });
  return Array.from({ length: days }, (_, i) => dayOf(windowStart + i * DAY_MS, spans, covered, now));
}

/** The window's first UTC day and where the known part of it begins (null: nothing known). */
function windowOf(input: Pick<UptimeInput, "coverageStart" | "now" | "days">) {
  const days = input.days ?? UPTIME_DAYS;
  const now = input.now.getTime();
  const windowStart = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const covered =
    input.coverageStart === null ? null : Math.max(windowStart, Date.parse(input.coverageStart));
  return { days, now, windowStart, covered };
}

function dayOf(dayStart: number, spans: Span[], covered: number | null, now: number): UptimeDay {
  const dayEnd = Math.min(dayStart + DAY_MS, now);
  const date = new Date(dayStart).toISOString().slice(0, 10);
  const touching = spans.filter((s) => s.start < dayEnd && s.end > dayStart);
  const incidents = [...new Map(touching.flatMap((s) => (s.incident ? [[s.incident.id, s.incident]] : [])))];
  const known = covered !== null && covered < dayEnd;
  const base: DayStatus = known ? "operational" : "no_data";
  const worst = touching.reduce<DayStatus>(
    (acc, s) => (acc === "no_data" ? s.status : worseStatus(acc, s.status)),
    base,
  );
  return { date, status: worst, incidents: incidents.map(([, i]) => i) };
}

/** Down time within [from, to), in ms: at each instant the heaviest span there counts. */
function downMs(
  spans: readonly Span[],
  from: number,
  to: number,
  partialOutageWeight = DEFAULT_PARTIAL_OUTAGE_WEIGHT,
): number {
  return downSegments(spans, from, to, partialOutageWeight).reduce((sum, s) => sum + s.w * (s.b - s.a), 0);
}

/** [from, to) cut where spans begin or end, each piece with the heaviest down weight over it (> 0), in order. */
function downSegments(spans: readonly Span[], from: number, to: number, partialOutageWeight: number) {
  const weighted = spans
    .map((s) => ({
      a: Math.max(s.start, from),
      b: Math.min(s.end, to),
      w: downWeight(s.status, partialOutageWeight),
    }))
    .filter((s) => s.b > s.a && s.w > 0);
  const cuts = [...new Set(weighted.flatMap((s) => [s.a, s.b]))].sort((x, y) => x - y);
  const segments: { a: number; b: number; w: number }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    const w = weighted.reduce((max, s) => (s.a <= a && s.b >= b ? Math.max(max, s.w) : max), 0);
    if (w > 0) segments.push({ a, b, w });
  }
  return segments;
}

export interface WindowUptimeInput extends Omit<UptimeInput, "days"> {
  /** The window [from, to); time after `now` in it is no data. */
  from: Date;
  to: Date;
}

export interface WindowUptime {
  /** Share of the covered part of the window that was up, 0..100; null when none of it is covered. */
  percent: number | null;
  downSeconds: number;
  /** Before the record begins or after now: counted neither way. */
  noDataSeconds: number;
  /** Incidents that put some of the covered window down, in start order. */
  incidentIds: string[];
}

/** Each component's uptime over any window. */
export function computeWindowUptime(input: WindowUptimeInput): (WindowUptime & { componentId: string })[] {
  return input.components.map((component) => ({
    componentId: component.id,
    ...windowUptime(spansOf(component, input), input),
  }));
}

/** The uptime of the components taken together: an instant is down when any of them is down there. */
export function computeCombinedUptime(input: WindowUptimeInput): WindowUptime {
  return windowUptime(
    input.components.flatMap((component) => spansOf(component, input)),
    input,
  );
}

function spansOf(component: { id: string; name: string }, input: WindowUptimeInput): Span[] {
  const now = input.now.getTime();
  return [
    ...incidentSpans(component, input.incidents, now),
    ...changeSpans(component.id, input.changes, now),
  ];
}

function windowUptime(spans: readonly Span[], input: WindowUptimeInput): WindowUptime {
  const [from, to] = [input.from.getTime(), input.to.getTime()];
  const start = input.coverageStart === null ? to : Math.max(from, Date.parse(input.coverageStart));
  const end = Math.max(start, Math.min(to, input.now.getTime()));
  const down = downMs(spans, start, end, input.partialOutageWeight);
  const weight = input.partialOutageWeight ?? DEFAULT_PARTIAL_OUTAGE_WEIGHT;
  const hits = spans.filter(
    (s) => s.incident !== null && s.start < end && s.end > start && downWeight(s.status, weight) > 0,
  );
  return {
    percent: end > start ? (100 * (end - start - down)) / (end - start) : null,
    downSeconds: down / 1000,
    noDataSeconds: (to - from - (end - start)) / 1000,
    incidentIds: [...new Set(hits.sort((x, y) => x.start - y.start).map((s) => s.incident!.id))],
  };
}

function incidentSpans(
  component: { id: string; name: string },
  incidents: readonly Incident[],
  now: number,
): Span[] {
  const spans: Span[] = [];
  const isIt = (c: { id: string | null; name: string }) =>
    c.id === null ? c.name === component.name : c.id === component.id;
  for (const incident of incidents) {
    const ref = { id: incident.id, title: incident.title };
    const end = spanEnd(incident, now);
    if (end === null) continue;
    const named = incident.updates.flatMap((u) => {
      const state = u.components.find(isIt);
      return state ? [{ at: Date.parse(u.at), status: state.status }] : [];
    });
    if (named.length === 0) {
      const affected = incident.affectedComponents.find(isIt);
      if (affected)
        spans.push({
          start: Date.parse(incident.startedAt),
          end,
          status: affected.worstStatus,
          incident: ref,
        });
      continue;
    }
    named.forEach((state, i) => {
      const until = Math.min(named[i + 1]?.at ?? end, end);
      if (until > state.at) spans.push({ start: state.at, end: until, status: state.status, incident: ref });
    });
  }
  return spans;
}

function changeSpans(componentId: string, changes: readonly ChangeEvent[], now: number): Span[] {
  const mine = changes.filter((e) => e.type === "component.changed" && e.componentId === componentId);
  return mine.flatMap((e, i) => {
    const status = COMPONENT_STATUSES.find((s) => s === e.data.to);
    const start = Date.parse(e.at);
    const end = i + 1 < mine.length ? Date.parse(mine[i + 1]!.at) : now;
    return status !== undefined && end > start ? [{ start, end, status, incident: null }] : [];
  });
}

export interface DowntimePassing {
  /** The instant the down time in the window first exceeded the allowance; null while it has not. */
  passedAt: Date | null;
  /** Something counts as down now (see downNow): the down time grows while the window lasts. */
  downAtEnd: boolean;
}

/**
 * When the down time of the components taken together (as computeCombinedUptime counts it) passed
 * `allowedSeconds` within the covered window, to the millisecond.
 */
export function downtimePassing(input: WindowUptimeInput, allowedSeconds: number): DowntimePassing {
  const spans = input.components.flatMap((component) => spansOf(component, input));
  const [from, to] = [input.from.getTime(), input.to.getTime()];
  const start = input.coverageStart === null ? to : Math.max(from, Date.parse(input.coverageStart));
  const end = Math.max(start, Math.min(to, input.now.getTime()));
  const weight = input.partialOutageWeight ?? DEFAULT_PARTIAL_OUTAGE_WEIGHT;
  const segments = downSegments(spans, start, end, weight);
  const allowedMs = allowedSeconds * 1000;
  let down = 0;
  let passedAt: Date | null = null;
  for (const { a, b, w } of segments) {
    // The first millisecond at which down time is more than allowed (exactly the allowance is within it).
    if (down + w * (b - a) > allowedMs) {
      passedAt = new Date(Math.floor(a + (allowedMs - down) / w) + 1);
      break;
    }
    down += w * (b - a);
  }
  return { passedAt, downAtEnd: downNow(input, weight) };
}

/**
 * Whether any of the components is down now, by its latest state: an open incident's latest update
 * naming it (else the worst it lists), or its latest change before the window ends (a window's input
 * need not hold later ones). Unlike the spans, an outage that began
 * this very instant (or at a vendor's time a little ahead of ours) counts.
 */
function downNow(input: WindowUptimeInput, weight: number): boolean {
  const to = input.to.getTime();
  const down = (status: ComponentStatus | undefined) =>
    status !== undefined && downWeight(status, weight) > 0;
  return input.components.some((component) => {
    const isIt = (c: { id: string | null; name: string }) =>
      c.id === null ? c.name === component.name : c.id === component.id;
    const change = input.changes.findLast(
      (e) => e.type === "component.changed" && e.componentId === component.id && Date.parse(e.at) < to,
    );
    if (down(COMPONENT_STATUSES.find((s) => s === change?.data.to))) return true;
    return input.incidents.some((incident) => {
      if (!isOpenIncident(incident)) return false;
      const named = incident.updates.flatMap((u) => u.components.filter(isIt)).at(-1);
      return down(named?.status ?? incident.affectedComponents.find(isIt)?.worstStatus);
    });
  });
}
