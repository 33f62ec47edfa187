// The normalized vocabulary and shapes every other part speaks. Pure: no I/O.

export const COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
  "unknown",
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = [
  "investigating",
  "identified",
  "monitoring",
  "resolved",
  "postmortem",
  "scheduled",
  "in_progress",
  "verifying",
  "completed",
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const IMPACTS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type Impact = (typeof IMPACTS)[number];

export const INCIDENT_KINDS = ["incident", "maintenance"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** ISO 8601 UTC timestamp with milliseconds, as produced by Date#toISOString (sorts as text). */
export type Iso = string;

/** A component as one poll saw it. */
export interface ComponentSnapshot {
  id: string;
  name: string;
  group: string | null;
  position: number;
  status: ComponentStatus;
  rawStatus: string;
}

/** A component's state at one incident update (id is null when the source names it only). */
export interface ComponentState {
  id: string | null;
  name: string;
  status: ComponentStatus;
}

export interface UpdateSnapshot {
  /** Vendor update id, else a stable hash of (incident, time, status). */
  id: string;
  status: IncidentStatus;
  /** The time the vendor displays for the update. */
  at: Iso;
  /** Vendor text as sent (may hold HTML; rendered through the sanitizer). */
  message: string;
  /** In the vendor's order, each component once; empty when the update names none. */
  components: ComponentState[];
}

export interface IncidentSnapshot {
  /** The vendor's own id for the incident (stable across polls and sources). */
  id: string;
  kind: IncidentKind;
  /** May be empty when the source has none; the record derives one. */
  title: string;
  status: IncidentStatus;
  impact: Impact;
  url: string | null;
  /** The earliest time the vendor gives for the incident itself (started_at / created_at), if any. */
  startedAt: Iso | null;
  scheduledFor: Iso | null;
  scheduledUntil: Iso | null;
  /** Incident-level components, used when updates carry no per-update states. */
  components: ComponentState[];
  updates: UpdateSnapshot[];
}

/** What one poll of a vendor's status page saw. Incidents absent from it are unknown, not deleted. */
export interface Snapshot {
  pageName: string | null;
  components: ComponentSnapshot[];
  incidents: IncidentSnapshot[];
  /**
   * True when `incidents` is every incident and maintenance the vendor has open (a page that lists only
   * open ones, such as status.io's). One that is open in the record but absent here has then ended;
   * otherwise absence says nothing (DESIGN §1).
   */
  listsAllOpen?: boolean;
  /**
   * Set when the page lists every incident (not maintenance) the vendor created at or after this time
   * (Statuspage's incidents.json: its latest 50). A stored incident that started since and is not listed
   * was taken down by the vendor (domain/revisions.ts); an older one merely fell off the list.
   */
  incidentsListedSince?: Iso;
}

export interface AffectedComponent {
  id: string | null;
  name: string;
  worstStatus: ComponentStatus;
}

/** A component an incident names, without a state (see listedOperational). */
export interface NamedComponent {
  id: string | null;
  name: string;
}

/** The stored, derived record of one incident. */
export interface Incident {
  /** Pingoru's id: stable hash of (vendor slug, vendor incident id). */
  id: string;
  vendor: string;
  vendorIncidentId: string;
  kind: IncidentKind;
  title: string;
  status: IncidentStatus;
  impact: Impact;
  url: string | null;
  startedAt: Iso;
  resolvedAt: Iso | null;
  scheduledFor: Iso | null;
  scheduledUntil: Iso | null;
  detectedAt: Iso;
  seenLive: boolean;
  detectionLagSeconds: number | null;
  /** When the vendor published its postmortem (the first "postmortem" update), else null (postmortem.ts). */
  postmortemPublishedAt: Iso | null;
  /** The link that postmortem gives to a write-up, when it gives one. */
  postmortemUrl: string | null;
  /** Components whose worst state in the incident is not operational, in the vendor's order (affected.ts). */
  affectedComponents: AffectedComponent[];
  /** Components its updates name, but only ever as operational: kept on the updates, not affected. */
  listedOperational: NamedComponent[];
  updates: UpdateSnapshot[];
}

export const EVENT_TYPES = [
  "incident.opened",
  "incident.updated",
  "incident.resolved",
  "incident.postmortem",
  /** The vendor changed what it had said (domain/revisions.ts); only subscriptions that name it get it. */
  "incident.edited",
  "component.changed",
  "maintenance.scheduled",
  "maintenance.started",
  "maintenance.completed",
  /** Due N minutes before a maintenance starts, for subscriptions that ask (domain/maintenance.ts). */
  "maintenance.reminder",
  "source.degraded",
  "source.recovered",
  /** A month's downtime passed an SLA target's allowance; once per target and month (domain/sla-events.ts). */
  "sla.breached",
  /** A breached month's credit can be claimed for SLA_CLAIM_REMIND_DAYS more days; once per target and month. */
  "sla.claim_due",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface ChangeEvent {
  /** Deterministic: hash of (vendor, entity, transition, upstream timestamp). */
  id: string;
  type: EventType;
  vendor: string;
  incidentId: string | null;
  componentId: string | null;
  /** When Pingoru recorded it. */
  at: Iso;
  data: Record<string, unknown>;
}

export function durationSeconds(incident: Pick<Incident, "startedAt" | "resolvedAt">): number | null {
  if (incident.resolvedAt === null) return null;
  return Math.max(0, Math.round((Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt)) / 1000));
}

/** Still open: no resolved time, and not closed either. */
export function isOpenIncident(incident: Pick<Incident, "status" | "resolvedAt">): boolean {
  return incident.resolvedAt === null && !isClosedStatus(incident.status);
}

/**
 * Where an incident's span of time ends, in ms: its resolved time; `now` while it is open. Null for one
 * closed without a resolved time (posted already closed, with no update to date it): how long it
 * lasted is unknown, so it spans no time (it still counts as an incident).
 */
export function spanEnd(incident: Pick<Incident, "status" | "resolvedAt">, now: number): number | null {
  if (incident.resolvedAt !== null) return Date.parse(incident.resolvedAt);
  return isOpenIncident(incident) ? now : null;
}

const SEVERITY: Record<ComponentStatus, number> = {
  unknown: 0,
  operational: 1,
  under_maintenance: 2,
  degraded_performance: 3,
  partial_outage: 4,
  major_outage: 5,
};

export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

export function isClosedStatus(status: IncidentStatus): boolean {
  return status === "resolved" || status === "postmortem" || status === "completed";
}
