// Notifications as the dispatcher builds them, for channel and render tests.
import type { ChangeEvent, EventType, Incident } from "../../src/domain/model.ts";
import type { Notification } from "../../src/domain/notification.ts";

export const GITHUB = { slug: "github", name: "GitHub", url: "https://www.githubstatus.com" };

export function sampleIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: "inc0123456789abcdef0",
    vendor: "github",
    vendorIncidentId: "xyz123",
    kind: "incident",
    title: "Incident with Actions",
    status: "investigating",
    impact: "major",
    url: "https://www.githubstatus.com/incidents/xyz123",
    startedAt: "2024-05-01T12:00:00.000Z",
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: "2024-05-01T12:01:00.000Z",
    seenLive: true,
    detectionLagSeconds: 60,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [
      { id: "c1", name: "Actions", worstStatus: "major_outage" },
      { id: "c2", name: "API Requests", worstStatus: "degraded_performance" },
    ],
    updates: [
      {
        id: "u1",
        status: "investigating",
        at: "2024-05-01T12:00:00.000Z",
        message:
          "<p>We are investigating reports of degraded performance for <strong>Actions</strong> &amp; API.</p><script>alert(1)</script>",
        components: [
          { id: "c1", name: "Actions", status: "major_outage" },
          { id: "c2", name: "API Requests", status: "degraded_performance" },
        ],
      },
      {
        id: "u2",
        status: "investigating",
        at: "2024-05-01T12:20:00.000Z",
        message:
          '<p>Actions runs are delayed &lt;&gt; we\'re on it.</p><p>See <a href="https://example.com/x">details</a>.</p>',
        components: [{ id: "c1", name: "Actions", status: "partial_outage" }],
      },
    ],
    ...overrides,
  };
}

export function resolvedIncident(): Incident {
  const open = sampleIncident();
  return {
    ...open,
    status: "resolved",
    resolvedAt: "2024-05-01T13:05:00.000Z",
    updates: [
      ...open.updates,
      {
        id: "u3",
        status: "resolved",
        at: "2024-05-01T13:05:00.000Z",
        message: "This incident has been resolved.",
        components: [{ id: "c1", name: "Actions", status: "operational" }],
      },
    ],
  };
}

export function incidentEvent(type: EventType, incident: Incident, id = `ev-${type}`): ChangeEvent {
  return {
    id,
    type,
    vendor: incident.vendor,
    incidentId: incident.id,
    componentId: null,
    at: "2024-05-01T12:21:00.000Z",
    data: { title: incident.title, status: incident.status, impact: incident.impact },
  };
}

export function incidentNotification(
  types: EventType[] = ["incident.opened"],
  incident: Incident = sampleIncident(),
  deliveryId = "dlv0123456789abcdef0",
): Notification {
  return {
    deliveryId,
    vendor: GITHUB,
    events: types.map((type) => incidentEvent(type, incident)),
    incident,
    link: `https://pingoru.example/incidents/${incident.id}`,
  };
}

export function componentNotification(from = "operational", to = "partial_outage"): Notification {
  return {
    deliveryId: "dlvcomponent000000001",
    vendor: GITHUB,
    events: [
      {
        id: "ev-comp",
        type: "component.changed",
        vendor: "github",
        incidentId: null,
        componentId: "c1",
        at: "2024-05-01T12:02:00.000Z",
        data: { name: "Actions", group: null, from, to },
      },
    ],
    incident: null,
    link: null,
  };
}

export function sourceNotification(type: "source.degraded" | "source.recovered"): Notification {
  return {
    deliveryId: "dlvsource0000000000001",
    vendor: GITHUB,
    events: [
      {
        id: "ev-src",
        type,
        vendor: "github",
        incidentId: null,
        componentId: null,
        at: "2024-05-01T12:03:00.000Z",
        data: type === "source.degraded" ? { error: "HTTP 503 from https://www.githubstatus.com" } : {},
      },
    ],
    incident: null,
    link: null,
  };
}

/** An SLA event's notification (as sla-events.ts makes them: the month's figures in the data). */
export function slaNotification(
  type: "sla.breached" | "sla.claim_due",
  component: string | null = "Actions",
): Notification {
  const data: Record<string, unknown> = {
    component,
    month: "2024-04",
    target_percent: 99.9,
    uptime_percent: 99.8614,
    allowed_downtime_seconds: 2592,
    downtime_seconds: 3593,
    incident_ids: ["inc0123456789abcdef0", "inc0123456789abcdef1"],
    path: "/sla?month=2024-04",
    ...(type === "sla.breached"
      ? { breached_at: "2024-04-20T10:43:12.001Z" }
      : { credit_percent: 10, claim_by: "2024-05-30", days_left: 7 }),
  };
  return {
    deliveryId: `dlv-${type}`,
    vendor: GITHUB,
    events: [
      {
        id: `ev-${type}`,
        type,
        vendor: "github",
        incidentId: null,
        componentId: null,
        at: "2024-04-20T10:44:00.000Z",
        data,
      },
    ],
    incident: null,
    link: "https://pingoru.example/sla?month=2024-04",
  };
}
