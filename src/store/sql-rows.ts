// Converts between table rows and domain objects: JSON columns, 0/1 booleans, bigint-as-text counts.
import type { Selectable } from "kysely";
import type {
  AffectedComponent,
  NamedComponent,
  ChangeEvent,
  ComponentSnapshot,
  ComponentState,
  ComponentStatus,
  EventType,
  Impact,
  Incident,
  IncidentKind,
  IncidentStatus,
  UpdateSnapshot,
} from "../domain/model.ts";
import type { IncidentSummary } from "./record-store.ts";
import type {
  ComponentTable,
  EventTable,
  IncidentTable,
  IncidentUpdateTable,
  VendorTable,
} from "./schema.ts";
import type { Vendor } from "../domain/vendor.ts";
import type { PlatformOptions } from "../domain/vendor.ts";

export type VendorRow = Selectable<VendorTable> & { open_incidents: unknown };

export function toVendor(row: VendorRow): Vendor {
  return {
    slug: row.slug,
    name: row.name,
    url: row.url,
    platform: row.platform,
    feedUrl: row.feed_url,
    intervalSeconds: row.interval_seconds,
    watchedComponents: parseJson<string[] | null>(row.watched_components, null),
    platformOptions: parseJson<PlatformOptions | null>(row.platform_options, null),
    createdAt: row.created_at,
    baselineAt: row.baseline_at,
    lastPolledAt: row.last_polled_at,
    lastOkAt: row.last_ok_at,
    stale: row.stale !== 0,
    lastError: row.last_error,
    failures: row.failures,
    nextPollAt: row.next_poll_at,
    openIncidents: Number(row.open_incidents ?? 0),
    paused: row.paused !== 0,
    category: row.category ?? null,
    unstableIdsAt: row.unstable_ids_at ?? null,
    notificationsHeld: row.notifications_held ?? null,
    breakerResetAt: row.breaker_reset_at ?? null,
    lastHintAt: row.last_hint_at ?? null,
  };
}

export function toComponent(row: Selectable<ComponentTable>): ComponentSnapshot {
  return {
    id: row.id,
    name: row.name,
    group: row.group_name,
    position: row.position,
    status: row.status as ComponentStatus,
    rawStatus: row.raw_status,
  };
}

export function fromComponent(vendor: string, c: ComponentSnapshot): ComponentTable {
  return {
    vendor,
    id: c.id,
    name: c.name,
    group_name: c.group,
    position: c.position,
    status: c.status,
    raw_status: c.rawStatus,
  };
}

export function toIncident(row: Selectable<IncidentTable>, updates: UpdateSnapshot[]): Incident {
  return { ...toIncidentSummary(row), updates };
}

export function toIncidentSummary(row: Selectable<IncidentTable>): IncidentSummary {
  return {
    id: row.id,
    vendor: row.vendor,
    vendorIncidentId: row.vendor_incident_id,
    kind: row.kind as IncidentKind,
    title: row.title,
    status: row.status as IncidentStatus,
    impact: row.impact as Impact,
    url: row.url,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    scheduledFor: row.scheduled_for,
    scheduledUntil: row.scheduled_until,
    detectedAt: row.detected_at,
    seenLive: row.seen_live !== 0,
    detectionLagSeconds: row.detection_lag_seconds,
    postmortemPublishedAt: row.postmortem_published_at,
    postmortemUrl: row.postmortem_url,
    affectedComponents: parseJson<AffectedComponent[]>(row.affected_components, []),
    listedOperational: parseJson<NamedComponent[]>(row.listed_components, []),
  };
}

export function fromIncident(i: Incident): IncidentTable {
  return {
    id: i.id,
    vendor: i.vendor,
    vendor_incident_id: i.vendorIncidentId,
    kind: i.kind,
    title: i.title,
    status: i.status,
    impact: i.impact,
    url: i.url,
    started_at: i.startedAt,
    resolved_at: i.resolvedAt,
    scheduled_for: i.scheduledFor,
    scheduled_until: i.scheduledUntil,
    detected_at: i.detectedAt,
    seen_live: i.seenLive ? 1 : 0,
    detection_lag_seconds: i.detectionLagSeconds,
    postmortem_published_at: i.postmortemPublishedAt,
    postmortem_url: i.postmortemUrl,
    affected_components: JSON.stringify(i.affectedComponents),
    listed_components: JSON.stringify(i.listedOperational),
  };
}

export function toUpdate(row: Selectable<IncidentUpdateTable>): UpdateSnapshot {
  return {
    id: row.id,
    status: row.status as IncidentStatus,
    at: row.at,
    message: row.message,
    components: parseJson<ComponentState[]>(row.components, []),
  };
}

export function fromUpdate(incidentId: string, u: UpdateSnapshot): IncidentUpdateTable {
  return {
    incident_id: incidentId,
    id: u.id,
    status: u.status,
    at: u.at,
    message: u.message,
    components: JSON.stringify(u.components),
  };
}

export function toEvent(row: Selectable<EventTable>): ChangeEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    vendor: row.vendor,
    incidentId: row.incident_id,
    componentId: row.component_id,
    at: row.at,
    data: parseJson<Record<string, unknown>>(row.data, {}),
  };
}

export function fromEvent(e: ChangeEvent): Omit<EventTable, "seq"> {
  return {
    id: e.id,
    type: e.type,
    vendor: e.vendor,
    incident_id: e.incidentId,
    component_id: e.componentId,
    at: e.at,
    data: JSON.stringify(e.data),
  };
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

/** Below this, a list is one piece whatever its length: most writes are this small. */
const ONE_PIECE_BELOW = 16;

/**
 * Splits a list, in order, so no statement exceeds the databases' bound-parameter limits — and so
 * that statements come in few shapes. A statement's text holds its number of rows (`values (…), (…)`,
 * `in (?, ?, …)`), and SQLite keeps each text it prepared, a multi-row insert at tens of kilobytes:
 * one piece per length would prepare, and keep, a statement for every length a poll ever wrote. So
 * full pieces of `size`, then what is left in powers of two down to ONE_PIECE_BELOW, then the rest
 * whole: 1–15 or a power of two, a few shapes per statement, a few pieces per list.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (; items.length - i >= size; i += size) out.push(items.slice(i, i + size));
  for (let piece = 2 ** Math.floor(Math.log2(size)); piece >= ONE_PIECE_BELOW; piece /= 2)
    if (items.length - i >= piece) {
      out.push(items.slice(i, i + piece));
      i += piece;
    }
  if (i < items.length) out.push(items.slice(i));
  return out;
}
