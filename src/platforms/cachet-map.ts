// Pure mapping of validated Cachet 2.x lists to a Snapshot.
import type {
  ComponentSnapshot,
  ComponentState,
  ComponentStatus,
  IncidentKind,
  IncidentSnapshot,
  IncidentStatus,
  Snapshot,
  UpdateSnapshot,
} from "../domain/model.ts";
import { isClosedStatus } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { joinUrl } from "./payload.ts";
import type {
  CachetComponent,
  CachetGroup,
  CachetIncident,
  CachetSchedule,
  CachetUpdate,
} from "./cachet-schema.ts";
import { sortUpdates } from "./statuspage-map.ts";

/** Cachet component statuses; 0 is Cachet's own "unknown". */
export const CACHET_COMPONENT_STATUSES: Readonly<Record<number, ComponentStatus>> = {
  0: "unknown",
  1: "operational",
  2: "degraded_performance",
  3: "partial_outage",
  4: "major_outage",
};

/** Cachet incident (and incident update) statuses; 0 "scheduled" is a maintenance. */
export const CACHET_INCIDENT_STATUSES: Readonly<Record<number, IncidentStatus>> = {
  0: "scheduled",
  1: "investigating",
  2: "identified",
  3: "monitoring",
  4: "resolved",
};

/** Cachet schedules (2.4+): 0 upcoming, 1 in progress, 2 complete. */
export const CACHET_SCHEDULE_STATUSES: Readonly<Record<number, IncidentStatus>> = {
  0: "scheduled",
  1: "in_progress",
  2: "completed",
};

export interface CachetLists {
  components: readonly CachetComponent[];
  groups: readonly CachetGroup[];
  incidents: readonly CachetIncident[];
  /** Updates fetched per incident (by incident id) where the incident list did not embed them. */
  updates: ReadonlyMap<string, readonly CachetUpdate[]>;
  schedules: readonly CachetSchedule[];
}

export function toCachetComponentStatus(code: number | null): ComponentStatus {
  return (code !== null && CACHET_COMPONENT_STATUSES[code]) || "unknown";
}

/** An unknown code means the incident is still open: the opening state of its kind. */
export function toCachetIncidentStatus(code: number | null, kind: IncidentKind): IncidentStatus {
  const status = code === null ? undefined : CACHET_INCIDENT_STATUSES[code];
  if (status === undefined) return kind === "maintenance" ? "scheduled" : "investigating";
  if (kind === "maintenance" && status === "resolved") return "completed";
  return status;
}

export function mapCachet(lists: CachetLists, base: string): Snapshot {
  const components = mapCachetComponents(lists.components, lists.groups);
  const byId = new Map(components.map((c) => [c.id, c]));
  return {
    pageName: null,
    components,
    incidents: [
      ...lists.incidents.map((i) => mapCachetIncident(i, lists.updates.get(i.id) ?? [], base, byId)),
      ...lists.schedules.map((s) => mapCachetSchedule(s, base, byId)),
    ],
  };
}

/** Disabled components are hidden on the page and left out. Order: group order, then component order. */
export function mapCachetComponents(
  raw: readonly CachetComponent[],
  groups: readonly CachetGroup[],
): ComponentSnapshot[] {
  const groupById = new Map(groups.map((g, index) => [g.id, { group: g, index }]));
  const key = (c: CachetComponent, index: number): number[] => {
    const g = c.group_id ? groupById.get(String(c.group_id)) : undefined;
    // Ungrouped components come first, as Cachet renders them above the groups.
    return g ? [1, g.group.order ?? g.index, g.index, c.order ?? 0, index] : [0, 0, 0, c.order ?? 0, index];
  };
  const seen = new Set<string>(); // a component repeated across pages counts once
  const rows = raw
    .map((c, index) => ({ c, key: key(c, index) }))
    .filter(({ c }) => c.enabled !== false && !seen.has(c.id) && Boolean(seen.add(c.id)));
  rows.sort((a, b) => compare(a.key, b.key));
  return rows.map(({ c }, position) => ({
    id: c.id,
    name: c.name,
    group: (c.group_id && groupById.get(String(c.group_id))?.group.name) || null,
    position,
    status: toCachetComponentStatus(c.status),
    rawStatus: [c.status === null ? "" : String(c.status), c.status_name.trim()].filter(Boolean).join(" "),
  }));
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The incident's own message is its first update, at the time it occurred. Its status then is the
 * incident's status when no update followed; with updates, the incident's status is the latest one,
 * so the first message is "investigating" (Cachet's opening state).
 */
export function mapCachetIncident(
  raw: CachetIncident,
  fetched: readonly CachetUpdate[],
  base: string,
  components: ReadonlyMap<string, ComponentSnapshot>,
): IncidentSnapshot {
  const kind: IncidentKind = raw.status === 0 ? "maintenance" : "incident";
  const status = toCachetIncidentStatus(raw.status, kind);
  const later = raw.updates ?? fetched;
  const startedAt = raw.occurred_at ?? raw.created_at;
  const first: UpdateSnapshot = {
    id: stableId("cachet-incident", raw.id),
    status: later.length === 0 ? status : kind === "maintenance" ? "scheduled" : "investigating",
    at: startedAt,
    message: raw.message,
    components: [],
  };
  const updates = later.map((u) => ({
    id: `update-${u.id}`,
    status: toCachetIncidentStatus(u.status, kind),
    at: u.created_at,
    message: u.message,
    components: [],
  }));
  return {
    id: raw.id,
    kind,
    title: raw.name.trim(),
    status,
    impact: kind === "maintenance" ? "maintenance" : "none", // Cachet rates no impact
    url: joinUrl(base, `/incidents/${raw.id}`),
    startedAt,
    scheduledFor: kind === "maintenance" ? raw.scheduled_at : null,
    scheduledUntil: null,
    components: incidentComponents(raw.component_id ? [String(raw.component_id)] : [], status, components),
    updates: sortUpdates([first, ...updates]),
  };
}

/**
 * Cachet records no component state per incident: an open incident's component is shown with its
 * current state; once closed, that state no longer tells what the incident did, so it is unknown.
 */
function incidentComponents(
  ids: readonly string[],
  status: IncidentStatus,
  components: ReadonlyMap<string, ComponentSnapshot>,
): ComponentState[] {
  return ids.flatMap((id) => {
    const c = components.get(id);
    if (!c) return [];
    return [{ id, name: c.name, status: isClosedStatus(status) ? "unknown" : c.status }];
  });
}

/** A schedule has no updates: each state it reaches is one, at the time that state began. */
export function mapCachetSchedule(
  raw: CachetSchedule,
  base: string,
  components: ReadonlyMap<string, ComponentSnapshot>,
): IncidentSnapshot {
  const status = (raw.status !== null && CACHET_SCHEDULE_STATUSES[raw.status]) || "scheduled";
  const id = `schedule-${raw.id}`;
  const steps: [IncidentStatus, string | null][] = [
    ["scheduled", raw.created_at],
    ["in_progress", status === "scheduled" ? null : (raw.scheduled_at ?? raw.created_at)],
    ["completed", status === "completed" ? (raw.completed_at ?? raw.scheduled_at ?? raw.created_at) : null],
  ];
  const ids = raw.components.map((c) => String(c.component_id ?? c.id ?? "")).filter(Boolean);
  return {
    id,
    kind: "maintenance",
    title: raw.name.trim(),
    status,
    impact: "maintenance",
    url: joinUrl(base, `/schedules/${raw.id}`),
    startedAt: raw.created_at,
    scheduledFor: raw.scheduled_at,
    scheduledUntil: raw.completed_at,
    components: incidentComponents(ids, status, components),
    updates: sortUpdates(
      steps
        .filter((s): s is [IncidentStatus, string] => s[1] !== null)
        .map(([s, at]) => ({ id: stableId(id, at, s), status: s, at, message: raw.message, components: [] })),
    ),
  };
}
