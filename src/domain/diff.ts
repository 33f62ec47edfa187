// The one place that decides "it happened": compares the stored record with the next one.
import { stableId } from "../lib/hash.ts";
import {
  isClosedStatus,
  type ChangeEvent,
  type ComponentSnapshot,
  type EventType,
  type Incident,
  type IncidentStatus,
  type Iso,
  type UpdateSnapshot,
} from "./model.ts";

export interface RecordState {
  components: readonly ComponentSnapshot[];
  /** Only incidents present in `next` matter; the rest are neither new nor gone. */
  incidents: readonly Incident[];
}

/**
 * Events between two records of one vendor. `prev` null is the baseline (first poll): nothing is new.
 * Ids are deterministic, so replaying the same change yields the same ids.
 *
 * `watchedSince` (the vendor's baseline) keeps a backdated entry quiet: an incident or maintenance
 * first seen already over, that started before Pingoru began watching, is history the vendor added
 * late, not news. It is recorded (it "appeared later": not seen live, with the time Pingoru first saw
 * it as detected_at), but no event is emitted, so nothing is notified.
 */
export function diff(
  vendor: string,
  prev: RecordState | null,
  next: RecordState,
  now: Iso,
  watchedSince: Iso | null = null,
): ChangeEvent[] {
  if (prev === null) return [];
  const emit = eventFactory(vendor, now);
  const before = new Map(prev.incidents.map((incident) => [incident.id, incident]));
  const events: ChangeEvent[] = [];
  for (const incident of next.incidents) {
    const old = before.get(incident.id) ?? null;
    if (old === null && isBackdated(incident, watchedSince)) continue;
    events.push(
      ...(incident.kind === "maintenance"
        ? maintenanceEvents(old, incident, emit)
        : incidentEvents(old, incident, emit)),
    );
  }
  events.push(...componentEvents(prev.components, next.components, emit));
  return events;
}

/** Over when first seen, and started before watching began: a late entry in the vendor's history. */
export function isBackdated(incident: Incident, watchedSince: Iso | null): boolean {
  return watchedSince !== null && isClosedStatus(incident.status) && incident.startedAt < watchedSince;
}

type Emit = (
  type: EventType,
  entity: { incident?: Incident; componentId?: string },
  transition: string,
  upstreamAt: Iso | null,
  data: Record<string, unknown>,
) => ChangeEvent;

function eventFactory(vendor: string, now: Iso): Emit {
  return (type, entity, transition, upstreamAt, data) => {
    const entityKey = entity.incident?.vendorIncidentId ?? `component:${entity.componentId}`;
    return {
      id: stableId(vendor, entityKey, type, transition, upstreamAt ?? now),
      type,
      vendor,
      incidentId: entity.incident?.id ?? null,
      componentId: entity.componentId ?? null,
      at: now,
      data,
    };
  };
}

function incidentEvents(old: Incident | null, next: Incident, emit: Emit): ChangeEvent[] {
  const summary = { title: next.title, status: next.status, impact: next.impact };
  if (old === null) {
    const opened = [emit("incident.opened", { incident: next }, "opened", next.startedAt, summary)];
    // Closed, dated or not (posted already closed with no update to date it): it is over.
    if (next.resolvedAt !== null || isClosedStatus(next.status))
      opened.push(emit("incident.resolved", { incident: next }, "resolved", next.resolvedAt, summary));
    if (next.postmortemPublishedAt !== null) opened.push(postmortemEvent(next, summary, emit));
    return opened;
  }
  const events: ChangeEvent[] = [];
  const known = new Set(old.updates.map((update) => update.id));
  let status: IncidentStatus = old.status;
  for (const update of next.updates) {
    if (known.has(update.id)) continue;
    events.push(...updateEvents(old, next, update, status, emit));
    status = update.status;
  }
  // A status change the vendor made without an update we can see.
  if (events.length === 0 && isClosedStatus(next.status) !== isClosedStatus(old.status)) {
    const closed = isClosedStatus(next.status);
    const type = closed ? "incident.resolved" : "incident.updated";
    events.push(
      emit(type, { incident: next }, `status:${next.status}`, next.resolvedAt, {
        ...summary,
        reopened: !closed,
      }),
    );
  }
  return events;
}

/** What one new update of a known incident is: its resolution, its first postmortem, or an update. */
function updateEvents(
  old: Incident,
  next: Incident,
  update: UpdateSnapshot,
  status: IncidentStatus,
  emit: Emit,
): ChangeEvent[] {
  const data = {
    title: next.title,
    status: next.status,
    impact: next.impact,
    update_id: update.id,
    update_status: update.status,
  };
  const transition = `update:${update.id}`;
  const resolves = isClosedStatus(update.status) && !isClosedStatus(status) && update.at === next.resolvedAt;
  // One postmortem event per incident, ever: for the update that first published one.
  const postmortem =
    update.status === "postmortem" &&
    old.postmortemPublishedAt === null &&
    update.at === next.postmortemPublishedAt;
  const events: ChangeEvent[] = [];
  if (resolves) events.push(emit("incident.resolved", { incident: next }, transition, update.at, data));
  if (postmortem) events.push(postmortemEvent(next, data, emit));
  if (!resolves && !postmortem) {
    const reopened = isClosedStatus(status) && !isClosedStatus(update.status);
    events.push(emit("incident.updated", { incident: next }, transition, update.at, { ...data, reopened }));
  }
  return events;
}

function postmortemEvent(next: Incident, data: Record<string, unknown>, emit: Emit): ChangeEvent {
  const at = next.postmortemPublishedAt;
  return emit("incident.postmortem", { incident: next }, "postmortem", at, {
    ...data,
    postmortem_published_at: at,
    postmortem_url: next.postmortemUrl,
  });
}

const PHASES: Record<IncidentStatus, EventType | null> = {
  scheduled: "maintenance.scheduled",
  in_progress: "maintenance.started",
  verifying: "maintenance.started",
  completed: "maintenance.completed",
  resolved: "maintenance.completed",
  postmortem: "maintenance.completed",
  investigating: "maintenance.started",
  identified: "maintenance.started",
  monitoring: "maintenance.started",
};

function maintenanceEvents(old: Incident | null, next: Incident, emit: Emit): ChangeEvent[] {
  const phase = PHASES[next.status];
  if (phase === null || (old !== null && PHASES[old.status] === phase)) return [];
  const upstreamAt =
    phase === "maintenance.completed"
      ? next.resolvedAt
      : phase === "maintenance.started"
        ? (next.updates.find((u) => PHASES[u.status] === phase)?.at ?? null)
        : next.scheduledFor;
  const data = { title: next.title, status: next.status, scheduled_for: next.scheduledFor };
  return [emit(phase, { incident: next }, phase, upstreamAt, data)];
}

function componentEvents(
  prev: readonly ComponentSnapshot[],
  next: readonly ComponentSnapshot[],
  emit: Emit,
): ChangeEvent[] {
  const before = new Map(prev.map((component) => [component.id, component]));
  const events: ChangeEvent[] = [];
  for (const component of next) {
    const old = before.get(component.id);
    if (old === undefined || old.status === component.status) continue;
    const data = { name: component.name, group: component.group, from: old.status, to: component.status };
    events.push(
      emit(
        "component.changed",
        { componentId: component.id },
        `${old.status}->${component.status}`,
        null,
        data,
      ),
    );
  }
  return events;
}
