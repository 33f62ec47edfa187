// Pure mapping of a validated status.io status document to a Snapshot.
//
// Components: status.io rates each (component, container) pair — e.g. "Website" hosted on
// "Google Compute Engine" — so each pair is one Pingoru component, id "<component>/<container>".
// A component on one container is named after the component alone (what the page shows); one on
// several containers gives "Component — Container" rows grouped under the component's name.
// A component with no container is one row with the component's own id and status.
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
import { stableId } from "../lib/hash.ts";
import type {
  StatusioComponent,
  StatusioDocument,
  StatusioIncident,
  StatusioMessage,
} from "./statusio-schema.ts";
import { impactFromComponents } from "./status-words.ts";
import { sortUpdates, uniqueStates } from "./statuspage-map.ts";

/**
 * status.io's component status codes. 600 (the API says "Security Issue", the docs "Security Event") says a component is affected without
 * saying it is down; partial_outage is the nearest availability state (the raw text is kept).
 */
export const STATUSIO_COMPONENT_CODES: Readonly<Record<number, ComponentStatus>> = {
  100: "operational",
  200: "under_maintenance",
  300: "degraded_performance",
  400: "partial_outage",
  500: "major_outage",
  600: "partial_outage",
};

/** status.io's incident message states. */
export const STATUSIO_INCIDENT_STATES: Readonly<Record<number, IncidentStatus>> = {
  100: "investigating",
  200: "identified",
  300: "monitoring",
};

export function toStatusioComponentStatus(code: number | null): ComponentStatus {
  return (code !== null && STATUSIO_COMPONENT_CODES[code]) || "unknown";
}

/** The raw value kept beside the mapped one: the code and the vendor's words, e.g. "400 Partial Service Disruption". */
export function rawStatusio(code: number | null, words: string): string {
  return [code === null ? "" : String(code), words.trim()].filter(Boolean).join(" ");
}

/** Where the page's own incident pages live: the hosted page's origin, else status.io itself. */
export interface StatusioLinks {
  pageId: string;
  origin: string;
}

export function mapStatusio(doc: StatusioDocument, links: StatusioLinks): Snapshot {
  const { result } = doc;
  const components = mapStatusioComponents(result.status);
  const names = new Map(components.map((c) => [c.id, c.name]));
  const incidents = [
    ...result.incidents.map((i) => mapStatusioIncident(i, "incident", null, links, names)),
    ...result.maintenance.active.map((i) => mapStatusioIncident(i, "maintenance", "active", links, names)),
    ...result.maintenance.upcoming.map((i) =>
      mapStatusioIncident(i, "maintenance", "upcoming", links, names),
    ),
  ];
  return { pageName: null, components, incidents };
}

export function mapStatusioComponents(raw: readonly StatusioComponent[]): ComponentSnapshot[] {
  const rows: Omit<ComponentSnapshot, "position">[] = [];
  const seen = new Set<string>();
  for (const component of raw) {
    const pairs =
      component.containers.length === 0
        ? [{ id: component.id, name: component.name, code: component.status_code, words: component.status }]
        : component.containers.map((c) => ({
            id: `${component.id}/${c.id}`,
            name: pairName(component.name, c.name, component.containers.length),
            code: c.status_code,
            words: c.status,
          }));
    for (const pair of pairs) {
      if (seen.has(pair.id)) continue; // a container listed twice under one component
      seen.add(pair.id);
      rows.push({
        id: pair.id,
        name: pair.name,
        group: component.containers.length > 1 ? component.name : null,
        status: toStatusioComponentStatus(pair.code),
        rawStatus: rawStatusio(pair.code, pair.words),
      });
    }
  }
  return rows.map((row, position) => ({ ...row, position }));
}

function pairName(component: string, container: string, containers: number): string {
  return containers > 1 ? `${component} — ${container}` : component;
}

export function mapStatusioIncident(
  raw: StatusioIncident,
  kind: IncidentKind,
  window: "active" | "upcoming" | null,
  links: StatusioLinks,
  names: ReadonlyMap<string, string>,
): IncidentSnapshot {
  const affected = affectedPairs(raw, names);
  const updates = assignIds(
    sortUpdates(raw.messages.map((m) => mapMessage(m, raw, kind, window, affected))),
    raw._id,
  );
  const latest = updates.at(-1);
  const worst = raw.messages.map((m) => toStatusioComponentStatus(m.status));
  const path = kind === "maintenance" ? "maintenance" : "incident";
  return {
    id: raw._id,
    kind,
    title: raw.name.trim(),
    status:
      latest?.status ??
      (window === "active" ? "in_progress" : kind === "maintenance" ? "scheduled" : "investigating"),
    impact: impactFromComponents(worst, kind),
    url: `${links.origin}/pages/${path}/${links.pageId}/${raw._id}`,
    startedAt: raw.datetime_open ?? updates[0]?.at ?? null,
    scheduledFor: kind === "maintenance" ? raw.datetime_planned_start : null,
    scheduledUntil: kind === "maintenance" ? raw.datetime_planned_end : null,
    // The state the latest message set; "unknown" only for an incident with no message yet.
    components: latest?.components ?? affected.map((a) => ({ ...a, status: "unknown" as const })),
    updates,
  };
}

/** The (component, container) pairs an incident names, as component ids the snapshot uses. */
function affectedPairs(
  raw: StatusioIncident,
  names: ReadonlyMap<string, string>,
): Omit<ComponentState, "status">[] {
  const pairs = raw.components_affected.flatMap((component) =>
    raw.containers_affected.length === 0
      ? [{ id: component._id, name: names.get(component._id) ?? component.name }]
      : raw.containers_affected.map((container) => {
          const id = `${component._id}/${container._id}`;
          const fallback = pairName(component.name, container.name, raw.containers_affected.length);
          return { id, name: names.get(id) ?? fallback };
        }),
  );
  return uniqueStates(pairs.map((p) => ({ ...p, status: "unknown" as const }))).map(({ id, name }) => ({
    id,
    name,
  }));
}

function mapMessage(
  message: StatusioMessage,
  raw: StatusioIncident,
  kind: IncidentKind,
  window: "active" | "upcoming" | null,
  affected: readonly Omit<ComponentState, "status">[],
): UpdateSnapshot {
  const status = kind === "maintenance" ? maintenanceStatus(message, raw, window) : incidentStatus(message);
  const componentStatus = toStatusioComponentStatus(message.status);
  return {
    id: "",
    status,
    at: message.datetime,
    message: message.details,
    components: affected.map((a) => ({ ...a, status: componentStatus })),
  };
}

/** An unknown state still means an open incident (the public document lists open ones only). */
function incidentStatus(message: StatusioMessage): IncidentStatus {
  return (message.state !== null && STATUSIO_INCIDENT_STATES[message.state]) || "investigating";
}

/** Upcoming: scheduled. Active: messages from the planned start on are in progress, earlier ones scheduled. */
function maintenanceStatus(
  message: StatusioMessage,
  raw: StatusioIncident,
  window: "active" | "upcoming" | null,
): IncidentStatus {
  if (window !== "active") return "scheduled";
  const start = raw.datetime_planned_start;
  return start !== null && message.datetime < start ? "scheduled" : "in_progress";
}

/** status.io messages carry no id: a stable hash of (incident, time, status), numbered when equal. */
function assignIds(updates: readonly UpdateSnapshot[], incidentId: string): UpdateSnapshot[] {
  const counts = new Map<string, number>();
  return updates.map((u) => {
    const base = stableId(incidentId, u.at, u.status);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return { ...u, id: n === 0 ? base : stableId(incidentId, u.at, u.status, n) };
  });
}
