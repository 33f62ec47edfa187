// Per-component uptime over the last N UTC days, derived from the stored record alone. Pure.
//
// Sources of "how was component C at time t":
// - an incident update that names C with status S holds from that update's time until the next update
//   of the same incident that names C, or until the incident is resolved (now, while open);
// - an incident whose updates never name C but lists C as affected holds its worst status from start
//   to resolution (sources that only give incident-level components);
// - a component.changed event (to S) holds from when it was recorded until the next change of C.
// Where nothing says otherwise, C was operational — but only from `coverageStart` on: before the
// record begins we know nothing ("no data"), and those days count neither way in the percentage.

import { COMPONENT_STATUSES, worseStatus } from "./model.ts";
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
  /** component.changed events of the vendor, oldest first. */
  changes: readonly ChangeEvent[];
  /** Where the record begins (see historyStart); null when the vendor was never read. */
  coverageStart: Iso | null;
  now: Date;
  days?: number;
}

interface Span {
  start: number;
  end: number;
  status: ComponentStatus;
  incident: { id: string; title: string } | null;
}

const DOWN: ReadonlySet<ComponentStatus> = new Set(["partial_outage", "major_outage"]);

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
      percent: covered === null || covered >= now ? null : percentUp(spans, covered, now),
    };
  });
}

/** An incident as a whole vendor's bar sees it, updates aside. */
export type VendorDayIncident = Pick<
  Incident,
  "id" | "title" | "impact" | "startedAt" | "resolvedAt" | "affectedComponents" | "listedOperational"
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
    const end = incident.resolvedAt === null ? now : Date.parse(incident.resolvedAt);
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

/** Covered time minus the union of partial/major outage spans, as a percentage. */
function percentUp(spans: Span[], from: number, to: number): number {
  const down = spans
    .filter((s) => DOWN.has(s.status))
    .map((s) => [Math.max(s.start, from), Math.min(s.end, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = from;
  for (const [a, b] of down) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return (100 * (to - from - total)) / (to - from);
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
    const end = incident.resolvedAt === null ? now : Date.parse(incident.resolvedAt);
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
