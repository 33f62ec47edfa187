// Converts notification rows (channels, subscriptions, deliveries) to and from domain objects.
import type { Selectable } from "kysely";
import type { EventType, Impact } from "../domain/model.ts";
import type { ChannelConfig, Delivery, DeliveryStatus, Subscription } from "../domain/notification.ts";
import type { ChannelTable, DeliveryTable, SubscriptionTable } from "./schema.ts";

export function toChannel(row: Selectable<ChannelTable>): ChannelConfig {
  return {
    id: row.id,
    type: row.type,
    config: JSON.parse(row.config) as Record<string, unknown>,
    disabledReason: row.disabled_reason,
  };
}

export function fromChannel(channel: ChannelConfig): ChannelTable {
  return {
    id: channel.id,
    type: channel.type,
    config: JSON.stringify(channel.config),
    disabled_reason: channel.disabledReason,
  };
}

export function toSubscription(row: Selectable<SubscriptionTable>): Subscription {
  return {
    id: row.id,
    channel: row.channel,
    vendors: row.vendors === null ? null : (JSON.parse(row.vendors) as string[]),
    components: row.components === null ? null : (JSON.parse(row.components) as Record<string, string[]>),
    minImpact: row.min_impact as Impact | null,
    events: JSON.parse(row.events) as EventType[],
    // Absent when unset, so a subscription reads back as it was written.
    ...(row.remind_before_minutes === null ? {} : { remindBeforeMinutes: Number(row.remind_before_minutes) }),
    ...(Number(row.notify_during_maintenance) === 1 ? { notifyDuringMaintenance: true } : {}),
  };
}

export function fromSubscription(s: Subscription): SubscriptionTable {
  return {
    id: s.id,
    channel: s.channel,
    vendors: s.vendors === null ? null : JSON.stringify(s.vendors),
    components: s.components === null ? null : JSON.stringify(s.components),
    min_impact: s.minImpact,
    events: JSON.stringify(s.events),
    remind_before_minutes: s.remindBeforeMinutes ?? null,
    notify_during_maintenance: s.notifyDuringMaintenance ? 1 : 0,
  };
}

export function toDelivery(row: Omit<Selectable<DeliveryTable>, "message">): Delivery {
  return {
    id: row.id,
    subscription: row.subscription,
    channel: row.channel,
    vendor: row.vendor,
    incidentId: row.incident_id,
    componentId: row.component_id,
    eventIds: JSON.parse(row.event_ids) as string[],
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
    lastError: row.last_error,
  };
}

export function fromDelivery(d: Delivery): Omit<DeliveryTable, "seq"> {
  return {
    id: d.id,
    subscription: d.subscription,
    channel: d.channel,
    vendor: d.vendor,
    incident_id: d.incidentId,
    component_id: d.componentId,
    event_ids: JSON.stringify(d.eventIds),
    status: d.status,
    attempts: d.attempts,
    created_at: d.createdAt,
    next_attempt_at: d.nextAttemptAt,
    delivered_at: d.deliveredAt,
    last_error: d.lastError,
    leased_by: null,
    message: null,
  };
}
