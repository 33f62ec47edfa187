// Domain objects → the public JSON shapes of DESIGN §4 (snake_case, ISO 8601 UTC timestamps).

import { durationSeconds } from "../domain/model.ts";
import type { ChangeEvent, ComponentSnapshot, ComponentStatus, Incident } from "../domain/model.ts";
import { redactChannelSettings } from "../notify/channel-settings.ts";
import type { ChannelConfig, Delivery, Subscription } from "../notify/model.ts";
import type { Vendor } from "../store/store.ts";

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
  };
}

export function serializeComponent(component: ComponentSnapshot) {
  return { id: component.id, name: component.name, group: component.group, status: component.status };
}

export function serializeIncident(incident: Incident) {
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
    url: incident.url,
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
    })),
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

/** A channel as the admin API shows it: the config-file shape, secrets as "<secret>". */
export function serializeChannel(channel: ChannelConfig) {
  return {
    id: channel.id,
    type: channel.type,
    ...redactChannelSettings(channel.type, channel.config),
    disabled_reason: channel.disabledReason,
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
  };
}
