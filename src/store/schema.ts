// Row shapes of the tables, as Kysely sees them. Timestamps are ISO text (Date#toISOString) in both
// databases, so they sort and compare as text; booleans are 0/1 integers (SQLite has no boolean).
import type { Generated } from "kysely";

export type SqlDialectName = "sqlite" | "postgres";

export interface VendorTable {
  slug: string;
  name: string;
  /** 1 when the name is a placeholder the page's own name may replace. */
  name_auto: number;
  url: string;
  platform: string;
  feed_url: string | null;
  interval_seconds: number | null;
  watched_components: string | null;
  platform_options: string | null;
  created_at: string;
  baseline_at: string | null;
  last_polled_at: string | null;
  last_ok_at: string | null;
  stale: number;
  last_error: string | null;
  failures: number;
  next_poll_at: string;
  /** 1 while the user has paused polling (migration 0003). */
  paused: Generated<number>;
  /** A catalog category, or null (migration 0005). */
  category: string | null;
  /** Migration 0007: when the feed was first seen changing its item ids; null while it has not. */
  unstable_ids_at: string | null;
  /** Migration 0007: why the circuit breaker holds the vendor's notifications; null when not held. */
  notifications_held: string | null;
  /** Migration 0007: when a person last reset the breaker. */
  breaker_reset_at: string | null;
  /** Migration 0008: the worker whose poll lease this is; null once the poll is written. */
  leased_by: string | null;
  /** Migration 0021: the worker whose poll was last written (its lease's holder); null: none known. */
  polled_by: string | null;
  /** Migration 0013: the secret in the vendor's push-hint URL; null until first asked for. */
  hint_token: string | null;
  /** Migration 0013: a hint that came while the vendor was leased; its poll's write makes it due at once. */
  hinted_at: string | null;
  /** Migration 0013: when the last push hint was accepted (the vendor has push). */
  last_hint_at: string | null;
  /** Migration 0015: the share of a partial outage that counts as down; null: all of it. */
  partial_outage_weight: number | null;
}

export interface ComponentTable {
  vendor: string;
  id: string;
  name: string;
  group_name: string | null;
  position: number;
  status: string;
  raw_status: string;
}

export interface IncidentTable {
  id: string;
  vendor: string;
  vendor_incident_id: string;
  kind: string;
  title: string;
  status: string;
  impact: string;
  url: string | null;
  started_at: string;
  resolved_at: string | null;
  scheduled_for: string | null;
  scheduled_until: string | null;
  detected_at: string;
  seen_live: number;
  detection_lag_seconds: number | null;
  /** Added by migration 0009: absent (null) on rows written before it. */
  postmortem_published_at: string | null;
  postmortem_url: string | null;
  affected_components: string;
  listed_components: string;
}

export interface IncidentUpdateTable {
  incident_id: string;
  id: string;
  status: string;
  at: string;
  message: string;
  components: string;
}

/** Migration 0010: what the vendor changed after Pingoru saw it (domain/revisions.ts). */
export interface IncidentRevisionTable {
  /** Autoincrement / identity: the order revisions were seen in. */
  seq: Generated<number | string>;
  id: string;
  vendor: string;
  incident_id: string | null;
  update_id: string | null;
  component_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  seen_at: string;
}

export interface EventTable {
  /** Autoincrement / identity: the cursor of the change stream. PostgreSQL returns bigint as text. */
  seq: Generated<number | string>;
  id: string;
  type: string;
  vendor: string;
  incident_id: string | null;
  component_id: string | null;
  at: string;
  data: string;
}

export interface ChannelTable {
  id: string;
  type: string;
  /** The type's settings as JSON. */
  config: string;
  disabled_reason: string | null;
}

export interface SubscriptionTable {
  id: string;
  channel: string;
  /** JSON string[] or null (all vendors). */
  vendors: string | null;
  /** JSON Record<slug, names[]> or null (all components). */
  components: string | null;
  min_impact: string | null;
  /** JSON EventType[]. */
  events: string;
  /** Migration 0014: minutes before a maintenance to remind, or null. */
  remind_before_minutes: number | null;
  /** Migration 0014: 1 when component changes during a maintenance are sent anyway. */
  notify_during_maintenance: number;
}

export interface DeliveryTable {
  /** Autoincrement / identity: creation order, for FIFO per channel and newest-first paging. */
  seq: Generated<number | string>;
  id: string;
  subscription: string;
  channel: string;
  vendor: string;
  incident_id: string | null;
  component_id: string | null;
  /** JSON string[]. */
  event_ids: string;
  status: string;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
  /** Migration 0008: the worker whose send lease this is; null once the attempt is recorded. */
  leased_by: string | null;
  /** Migration 0020: the message (JSON) the first attempt sent; every later attempt sends it again. */
  message: string | null;
}

export interface DeliveryEventTable {
  event_id: string;
  subscription_id: string;
  delivery_id: string;
}

/** Migration 0012: what a maintenance calendar last published for each maintenance (store/calendar-store.ts). */
export interface CalendarRevisionTable {
  incident_id: string;
  fingerprint: string;
  sequence: number;
  revised_at: string;
}

export interface Database {
  vendors: VendorTable;
  components: ComponentTable;
  incidents: IncidentTable;
  incident_updates: IncidentUpdateTable;
  incident_revisions: IncidentRevisionTable;
  events: EventTable;
  channels: ChannelTable;
  subscriptions: SubscriptionTable;
  deliveries: DeliveryTable;
  delivery_events: DeliveryEventTable;
  calendar_revisions: CalendarRevisionTable;
  sla_targets: SlaTargetTable;
}

/** Migration 0016. */
export interface SlaTargetTable {
  vendor: string;
  /** '' for the whole vendor. */
  component: string;
  target_percent: number;
  /** JSON: [{below, creditPercent}], highest threshold first. */
  credits: string;
  claim_days: number | null;
}
