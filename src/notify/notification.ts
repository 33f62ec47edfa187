// Builds what a channel sends from the stored record: a delivery's events, its incident, its vendor.
import type { ChangeEvent, Incident } from "../domain/model.ts";
import { NO_MARKS, revisionMarks } from "../domain/revisions.ts";
import { stableId } from "../lib/hash.ts";
import type { Store } from "../store/store.ts";
import type { Delivery, Notification } from "../domain/notification.ts";

export type Built = { ok: true; notification: Notification } | { ok: false; reason: string };

export async function buildNotification(
  store: Store,
  delivery: Delivery,
  publicUrl: string | null,
): Promise<Built> {
  const { incidentId } = delivery;
  const [events, incident, vendor, revisions] = await Promise.all([
    store.getEvents(delivery.eventIds),
    incidentId === null ? null : store.getIncident(incidentId),
    store.getVendor(delivery.vendor),
    incidentId === null ? [] : store.listRevisions([incidentId]),
  ]);
  // The vendor's record (and its events) go when the vendor is removed: there is nothing true to say.
  if (vendor === null) return { ok: false, reason: `vendor ${delivery.vendor} was removed` };
  if (events.length === 0) return { ok: false, reason: "its events are no longer stored" };
  return {
    ok: true,
    notification: {
      deliveryId: delivery.id,
      vendor: { slug: vendor.slug, name: vendor.name, url: vendor.url },
      events: sortEvents(events, delivery.eventIds),
      incident,
      marks: incident === null ? NO_MARKS : revisionMarks(incident.id, revisions),
      link: incidentLink(publicUrl, incidentId) ?? slaLink(publicUrl, events),
    },
  };
}

/** An SLA event links to its month on the SLA page. */
function slaLink(publicUrl: string | null, events: readonly ChangeEvent[]): string | null {
  const path = events.find((e) => e.type.startsWith("sla."))?.data.path;
  if (publicUrl === null || typeof path !== "string" || !path.startsWith("/sla?")) return null;
  return `${publicUrl.replace(/\/+$/, "")}${path}`;
}

/** In the order they happened; the delivery's own order breaks ties. */
function sortEvents(events: ChangeEvent[], order: readonly string[]): ChangeEvent[] {
  const rank = new Map(order.map((id, index) => [id, index]));
  return [...events].sort(
    (a, b) => a.at.localeCompare(b.at) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0),
  );
}

export function incidentLink(publicUrl: string | null, incidentId: string | null): string | null {
  if (publicUrl === null || incidentId === null) return null;
  return `${publicUrl.replace(/\/+$/, "")}/incidents/${encodeURIComponent(incidentId)}`;
}

/** A made-up but well-formed notification for `pingoru channels test` and the admin test route. */
export function sampleNotification(now: Date, publicUrl: string | null = null): Notification {
  const at = now.toISOString();
  const incidentId = "pingoru-test-incident";
  const event: ChangeEvent = {
    id: stableId("pingoru-test", at),
    type: "incident.opened",
    vendor: "pingoru-test",
    incidentId,
    componentId: null,
    at,
    data: { title: "Test notification from Pingoru", status: "investigating", impact: "minor" },
  };
  const incident: Incident = {
    id: incidentId,
    vendor: "pingoru-test",
    vendorIncidentId: incidentId,
    kind: "incident",
    title: "Test notification from Pingoru",
    status: "investigating",
    impact: "minor",
    url: null,
    startedAt: at,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: at,
    seenLive: true,
    detectionLagSeconds: 0,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [{ id: null, name: "Example component", worstStatus: "degraded_performance" }],
    updates: [
      {
        id: "pingoru-test-update",
        status: "investigating",
        at,
        message: "This is a test: if you can read it, the channel works.",
        components: [{ id: null, name: "Example component", status: "degraded_performance" }],
      },
    ],
  };
  return {
    deliveryId: stableId("pingoru-test-delivery", at),
    vendor: { slug: "pingoru-test", name: "Pingoru test", url: "https://example.com/status" },
    events: [event],
    incident,
    marks: NO_MARKS,
    link: incidentLink(publicUrl, incidentId),
  };
}
