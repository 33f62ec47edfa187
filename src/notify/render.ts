// What a notification says, once, for every channel: a title, the latest vendor message as plain
// text, and the facts (status, impact, components, times, link). Channels only lay it out. Pure.
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATUSES,
  durationSeconds,
  isOpenIncident,
} from "../domain/model.ts";
import type { ChangeEvent, ComponentStatus, EventType, Impact, Incident, Iso } from "../domain/model.ts";
import type { Notification } from "../domain/notification.ts";
import { formatDuration, formatUtc } from "../lib/human-time.ts";
import { concernedComponents } from "../domain/affected.ts";
import { toPlainText } from "../lib/plain-text.ts";
import { slaBody } from "./render-sla.ts";

export type Severity = "critical" | "major" | "minor" | "none" | "maintenance";
export type Subject = "incident" | "maintenance" | "component" | "source" | "sla";

export interface Fact {
  label: string;
  value: string;
}

export interface RenderedNotification {
  subject: Subject;
  vendor: Notification["vendor"];
  incidentId: string | null;
  /** "GitHub: Incident with Actions — investigating" */
  title: string;
  /** What happened, e.g. "Incident opened", "Component changed". */
  headline: string;
  /** The latest vendor message (or a description of the change) as plain text. */
  message: string;
  severity: Severity;
  /** The incident (or maintenance, or component) is over: resolved, completed, operational, recovered. */
  resolved: boolean;
  status: string | null;
  impact: Impact | null;
  components: { name: string; status: ComponentStatus }[];
  startedAt: Iso | null;
  resolvedAt: Iso | null;
  durationSeconds: number | null;
  link: string | null;
  eventTypes: EventType[];
  /** When Pingoru recorded the latest event. */
  at: Iso;
  /** The facts above as label/value lines, in display order. */
  facts: Fact[];
}

/** What the rendering reads of an incident: the stored one, or one made up from its event. */
type IncidentView = Pick<
  Incident,
  | "id"
  | "title"
  | "kind"
  | "status"
  | "impact"
  | "startedAt"
  | "resolvedAt"
  | "url"
  | "affectedComponents"
  | "listedOperational"
  | "updates"
> & { durationSeconds: number | null };

const HEADLINES: Record<EventType, string> = {
  "incident.opened": "Incident opened",
  "incident.updated": "Incident updated",
  "incident.resolved": "Incident resolved",
  "incident.postmortem": "Postmortem published",
  "incident.edited": "Incident edited by the vendor",
  "component.changed": "Component changed",
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.started": "Maintenance started",
  "maintenance.completed": "Maintenance completed",
  "maintenance.reminder": "Maintenance starts soon",
  "source.degraded": "Status page unreadable",
  "source.recovered": "Status page readable again",
  "sla.breached": "SLA breached",
  "sla.claim_due": "SLA credit claim due",
};

const COMPONENT_SEVERITY: Record<ComponentStatus, Severity> = {
  major_outage: "critical",
  partial_outage: "major",
  degraded_performance: "minor",
  under_maintenance: "maintenance",
  operational: "none",
  unknown: "none",
};

export function renderNotification(notification: Notification): RenderedNotification {
  const last = notification.events.at(-1);
  if (last === undefined) throw new Error(`delivery ${notification.deliveryId} has no events`);
  const { incident } = notification;
  const base = {
    vendor: notification.vendor,
    eventTypes: notification.events.map((e) => e.type),
    at: last.at,
    headline: HEADLINES[last.type],
  };
  const body = incident
    ? incidentBody({ ...incident, durationSeconds: durationSeconds(incident) }, notification)
    : last.incidentId !== null
      ? incidentBody(incidentFromEvent(last), notification)
      : last.type === "component.changed"
        ? componentBody(last, notification)
        : last.type.startsWith("sla.")
          ? slaBody(last, notification)
          : sourceBody(last, notification);
  const reminder = last.type === "maintenance.reminder" ? reminderMessage(last) : null;
  const facts = body.facts ?? factsOf(body);
  return { ...base, ...body, ...(reminder === null ? {} : { message: reminder }), facts };
}

/** A reminder says when the maintenance starts (and ends), not the vendor's last words. */
function reminderMessage(event: ChangeEvent): string | null {
  const start = stringField(event.data, "scheduled_for");
  if (start === null) return null;
  const until = stringField(event.data, "scheduled_until");
  const left = event.data["minutes_left"];
  const inMinutes = typeof left === "number" ? ` (in ${left} minute${left === 1 ? "" : "s"})` : "";
  return `Starts ${formatUtc(start)}${inMinutes}${until === null ? "" : `, until ${formatUtc(until)}`}.`;
}

type Body = Omit<RenderedNotification, "vendor" | "eventTypes" | "at" | "headline" | "facts"> & {
  /** A body with facts of its own (an SLA's) gives them; the others' follow from their fields. */
  facts?: Fact[];
};

function incidentBody(incident: IncidentView, notification: Notification): Body {
  const status = humanize(incident.status);
  const latest = incident.updates.at(-1);
  // Closed without a resolved time (posted already closed) is over too: its alert must resolve.
  const closed = !isOpenIncident(incident);
  return {
    subject: incident.kind,
    incidentId: incident.id,
    title: `${notification.vendor.name}: ${incident.title} — ${status}`,
    message: latest ? toPlainText(latest.message) : "",
    severity: incident.kind === "maintenance" ? "maintenance" : impactSeverity(incident.impact),
    resolved: closed,
    status,
    impact: incident.impact,
    components: componentStates(incident),
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    durationSeconds: closed ? incident.durationSeconds : null,
    link: notification.link ?? incident.url ?? notification.vendor.url,
  };
}

/** When the incident itself is not at hand (no longer stored), what its event recorded. */
function incidentFromEvent(event: ChangeEvent): IncidentView {
  const closed = event.type === "incident.resolved" || event.type === "maintenance.completed";
  const status =
    INCIDENT_STATUSES.find((s) => s === event.data["status"]) ?? (closed ? "resolved" : "investigating");
  return {
    id: event.incidentId ?? "",
    title: stringField(event.data, "title") ?? "Incident",
    kind: event.type.startsWith("maintenance.") ? "maintenance" : "incident",
    status,
    impact: IMPACTS.find((i) => i === event.data["impact"]) ?? "none",
    startedAt: event.at,
    resolvedAt: closed ? event.at : null,
    durationSeconds: null,
    url: null,
    affectedComponents: [],
    listedOperational: [],
    updates: [],
  };
}

/** Each affected (else named) component with its state at the latest update that names it (else its worst). */
function componentStates(incident: IncidentView) {
  return concernedComponents(incident).map((component) => {
    const key = component.name.toLowerCase();
    const named = incident.updates.flatMap((u) => u.components).filter((c) => c.name.toLowerCase() === key);
    return { name: component.name, status: named.at(-1)?.status ?? component.worstStatus };
  });
}

function componentBody(event: ChangeEvent, notification: Notification): Body {
  const name = stringField(event.data, "name") ?? event.componentId ?? "component";
  const to = statusField(event.data, "to");
  const from = statusField(event.data, "from");
  return {
    subject: "component",
    incidentId: null,
    title: `${notification.vendor.name}: ${name} — ${humanize(to)}`,
    message: `${name} changed from ${humanize(from)} to ${humanize(to)}.`,
    severity: COMPONENT_SEVERITY[to],
    resolved: to === "operational",
    status: humanize(to),
    impact: null,
    components: [{ name, status: to }],
    startedAt: event.at,
    resolvedAt: null,
    durationSeconds: null,
    link: notification.link ?? notification.vendor.url,
  };
}

function sourceBody(event: ChangeEvent, notification: Notification): Body {
  const recovered = event.type === "source.recovered";
  const error = stringField(event.data, "error");
  return {
    subject: "source",
    incidentId: null,
    title: `${notification.vendor.name}: status page ${recovered ? "readable again" : "cannot be read"}`,
    message: recovered
      ? "Pingoru can read the status page again."
      : `Pingoru cannot read the status page${error ? `: ${error}` : "."} The last known state is kept.`,
    severity: recovered ? "none" : "minor",
    resolved: recovered,
    status: recovered ? "recovered" : "degraded",
    impact: null,
    components: [],
    startedAt: event.at,
    resolvedAt: null,
    durationSeconds: null,
    link: notification.link ?? notification.vendor.url,
  };
}

function factsOf(body: Body): Fact[] {
  const facts: Fact[] = [];
  if (body.status !== null) facts.push({ label: "Status", value: body.status });
  if (body.impact !== null) facts.push({ label: "Impact", value: body.impact });
  if (body.components.length > 0) {
    const value = body.components.map((c) => `${c.name} (${humanize(c.status)})`).join(", ");
    facts.push({ label: "Components", value });
  }
  if (body.startedAt !== null && body.subject !== "source" && body.subject !== "component")
    facts.push({ label: "Started", value: formatUtc(body.startedAt) });
  if (body.durationSeconds !== null)
    facts.push({ label: "Duration", value: formatDuration(body.durationSeconds) });
  return facts;
}

function impactSeverity(impact: Impact): Severity {
  return impact === "maintenance" ? "maintenance" : impact;
}

export function humanize(word: string): string {
  return word.replace(/_/g, " ");
}

function stringField(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : null;
}

function statusField(data: Record<string, unknown>, key: string): ComponentStatus {
  const value = data[key];
  return (COMPONENT_STATUSES as readonly unknown[]).includes(value) ? (value as ComponentStatus) : "unknown";
}
