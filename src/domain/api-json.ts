// Domain objects → the public JSON shapes of DESIGN §4 (snake_case, ISO 8601 UTC timestamps): the one
// place they are written, for the API, feeds and the webhook channel alike.

import { durationSeconds } from "./model.ts";
import type { ChangeEvent, ComponentSnapshot, ComponentStatus, Incident } from "./model.ts";
import type { Delivery, Subscription } from "./notification.ts";
import { NO_MARKS, type Revision, type RevisionMarks } from "./revisions.ts";
import type { Vendor } from "./vendor.ts";

export function serializeVendor(vendor: Vendor, status: ComponentStatus) {
  return {
    slug: vendor.slug,
    name: vendor.name,
    url: vendor.url,
    platform: vendor.platform,
    category: vendor.category,
    status,
    last_polled_at: vendor.lastPolledAt,
    last_ok_at: vendor.lastOkAt,
    stale: vendor.stale,
    open_incidents: vendor.openIncidents,
    /** When its page last sent an accepted push hint (it has push); null when it never has. */
    last_hint_at: vendor.lastHintAt,
  };
}

export function serializeComponent(component: ComponentSnapshot) {
  return { id: component.id, name: component.name, group: component.group, status: component.status };
}

/** `marks`: what the vendor changed or took down (domain/revisions.ts); none unless the caller loaded them. */
export function serializeIncident(incident: Incident, marks: RevisionMarks = NO_MARKS) {
  return {
    id: incident.id,
    vendor: incident.vendor,
    title: incident.title,
    kind: incident.kind,
    status: incident.status,
    impact: incident.impact,
    started_at: incident.startedAt,
    resolved_at: incident.resolvedAt,
    duration_seconds: durationSeconds(incident),
    detected_at: incident.detectedAt,
    seen_live: incident.seenLive,
    detection_lag_seconds: incident.detectionLagSeconds,
    postmortem_published_at: incident.postmortemPublishedAt,
    postmortem_url: incident.postmortemUrl,
    url: incident.url,
    edited_by_vendor: marks.edited,
    deleted_by_vendor: marks.deleted,
    affected_components: incident.affectedComponents.map((c) => ({
      id: c.id,
      name: c.name,
      worst_status: c.worstStatus,
    })),
    updates: incident.updates.map((u) => ({
      id: u.id,
      status: u.status,
      at: u.at,
      message: u.message,
      components: u.components.map((c) => ({ id: c.id, name: c.name, status: c.status })),
      edited_by_vendor: marks.editedUpdates.includes(u.id),
      deleted_by_vendor: marks.deletedUpdates.includes(u.id),
    })),
  };
}

export function serializeRevision(revision: Revision) {
  return {
    id: revision.id,
    incident_id: revision.incidentId,
    update_id: revision.updateId,
    component_id: revision.componentId,
    field: revision.field,
    old_value: revision.oldValue,
    new_value: revision.newValue,
    seen_at: revision.seenAt,
  };
}

export function serializeEvent(event: ChangeEvent) {
  return {
    id: event.id,
    type: event.type,
    vendor: event.vendor,
    incident_id: event.incidentId,
    component_id: event.componentId,
    at: event.at,
    data: event.data,
  };
}

export function serializeDelivery(delivery: Delivery, channelDisabled: string | null) {
  return {
    id: delivery.id,
    subscription: delivery.subscription,
    channel: delivery.channel,
    vendor: delivery.vendor,
    incident_id: delivery.incidentId,
    component_id: delivery.componentId,
    event_ids: delivery.eventIds,
    status: delivery.status,
    attempts: delivery.attempts,
    created_at: delivery.createdAt,
    next_attempt_at: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    delivered_at: delivery.deliveredAt,
    last_error: delivery.lastError,
    /** Why the channel is disabled (the receiver said it is gone), or null. */
    channel_disabled: channelDisabled,
  };
}

export function serializeSubscription(subscription: Subscription) {
  return {
    id: subscription.id,
    channel: subscription.channel,
    vendors: subscription.vendors,
    components: subscription.components,
    min_impact: subscription.minImpact,
    events: subscription.events,
    remind_before_minutes: subscription.remindBeforeMinutes ?? null,
    notify_during_maintenance: subscription.notifyDuringMaintenance ?? false,
  };
}
