// Notifications: who hears about what (subscriptions), where (channels), and the outbox (deliveries).
import type { ChangeEvent, EventType, Impact, Incident, Iso } from "./model.ts";
import type { RevisionMarks } from "./revisions.ts";

/**
 * A configured destination. `type` names a channel kind and `config` is that kind's own validated
 * settings (url, secret, to, …): the kinds and their formats are notify's (notify/registry.ts).
 */
export interface ChannelConfig {
  id: string;
  type: string;
  config: Record<string, unknown>;
  /** Set when the receiver said it is gone (HTTP 410): nothing more is sent until re-enabled. */
  disabledReason: string | null;
}

/** Event kinds a subscription gets when it names none. maintenance.* is opt-in. */
export const DEFAULT_SUBSCRIBED_EVENTS: readonly EventType[] = [
  "incident.opened",
  "incident.updated",
  "incident.resolved",
];

export interface Subscription {
  id: string;
  channel: string;
  /** Vendor slugs; null means all vendors. */
  vendors: string[] | null;
  /** Per vendor slug, component names; a vendor absent here means all its components. */
  components: Record<string, string[]> | null;
  minImpact: Impact | null;
  events: EventType[];
  /** Minutes before a maintenance starts to send a `maintenance.reminder`; absent: no reminder. */
  remindBeforeMinutes?: number | null;
  /** Component changes a maintenance going on names are sent too; absent/false: suppressed as expected. */
  notifyDuringMaintenance?: boolean;
}

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "dead", "suppressed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to one subscription's channel. It carries every event one poll saw for one incident
 * (or one component), so a burst of changes is one message. Exactly one delivery per (event,
 * subscription), across restarts and workers.
 */
export interface Delivery {
  /** Deterministic: stableId(subscription id, sorted event ids). */
  id: string;
  subscription: string;
  channel: string;
  vendor: string;
  incidentId: string | null;
  componentId: string | null;
  eventIds: string[];
  status: DeliveryStatus;
  attempts: number;
  createdAt: Iso;
  /** When the next attempt is due (a component change waits out the flap window first). */
  nextAttemptAt: Iso;
  deliveredAt: Iso | null;
  lastError: string | null;
}

/** What a channel is asked to send: the delivery's events with the context to render them. */
export interface Notification {
  deliveryId: string;
  vendor: { slug: string; name: string; url: string };
  events: ChangeEvent[];
  /** The stored incident, when the events concern one (and it is still stored). */
  incident: Incident | null;
  /**
   * What the vendor edited or took down of that incident, as of the message (the webhook's
   * `edited_by_vendor` and `deleted_by_vendor`). Absent from a message kept by an earlier version.
   */
  marks?: RevisionMarks;
  /** Link to Pingoru's own page for it, when a public base URL is configured. */
  link: string | null;
}
