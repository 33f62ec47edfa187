import type {
  ChangeEvent,
  ComponentSnapshot,
  EventType,
  Incident,
  IncidentKind,
  Iso,
  PlatformKind,
  UpdateSnapshot,
} from "../domain/model.ts";
import type { ChannelConfig, Delivery, DeliveryStatus, Subscription } from "../notify/model.ts";
import type { PlatformOptions } from "../platforms/platform.ts";

/** A watched service. */
export interface Vendor {
  slug: string;
  name: string;
  url: string;
  platform: PlatformKind;
  feedUrl: string | null;
  /** Seconds; null means the configured default. */
  intervalSeconds: number | null;
  /** Names of the components the user watches; null means all. */
  watchedComponents: string[] | null;
  /** The platform's own settings (html: its selectors); null when it needs none. */
  platformOptions: PlatformOptions | null;
  createdAt: Iso;
  /** First successful poll: the baseline. Null until then. */
  baselineAt: Iso | null;
  lastPolledAt: Iso | null;
  lastOkAt: Iso | null;
  stale: boolean;
  lastError: string | null;
  failures: number;
  nextPollAt: Iso;
  /** Open incidents (not maintenances) in the record. */
  openIncidents: number;
  /** Paused by the user: kept and shown, never polled until resumed. */
  paused: boolean;
  /** A catalog category ("cloud", "payments", …) for the dashboard's filter; null when unknown. */
  category: string | null;
}

export interface NewVendor {
  slug: string;
  /** "" lets the page's own name stand; absent on an upsert keeps the stored name as it is. */
  name?: string;
  url: string;
  platform: PlatformKind;
  feedUrl?: string | null;
  intervalSeconds?: number | null;
  watchedComponents?: string[] | null;
  platformOptions?: PlatformOptions | null;
  /** Absent on an upsert keeps the stored category; null clears it. */
  category?: string | null | undefined;
}

/** Everything one poll writes, in one transaction. */
export interface PollWrite {
  vendor: string;
  polledAt: Iso;
  nextPollAt: Iso;
  outcome: PollSuccess | PollFailure;
  /** Inserted once each: an event id already stored is skipped. */
  events: ChangeEvent[];
  /** The outbox: written with the events that cause them; one per (event, subscription), ever. */
  deliveries?: Delivery[];
}

export interface PollSuccess {
  ok: true;
  /** The page's name, when it gives one and the vendor has none of the user's. */
  pageName?: string | null;
  /** Replaces the vendor's component list; omitted when the poll saw no change. */
  components?: ComponentSnapshot[];
  /** Inserted or replaced whole (with their updates). Incidents not listed are left as they are. */
  incidents?: Incident[];
}

export interface PollFailure {
  ok: false;
  error: string;
  failures: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page: null at the end of a listing; for events, where to resume (null only before any event). */
  next: string | null;
}

export interface IncidentQuery {
  limit: number;
  before?: string | null;
  kind?: IncidentKind | null;
  /** open: not resolved yet; resolved: resolved, post-mortem or completed. */
  status?: IncidentOpenness | null;
  /** A component id: incidents whose affected components include it. */
  component?: string | null;
  /** Incidents going on at or after this time: open, or started or resolved at/after it. */
  since?: Iso | null;
  /** Incidents that started before this time. With `since`: those overlapping [since, until). */
  until?: Iso | null;
}

export const INCIDENT_OPENNESS = ["open", "resolved"] as const;
export type IncidentOpenness = (typeof INCIDENT_OPENNESS)[number];

export interface EventQuery {
  limit: number;
  after?: string | null;
  vendor?: string | null;
  type?: EventType | null;
}

export interface DeliveryQuery {
  limit: number;
  before?: string | null;
  subscription?: string | null;
  status?: DeliveryStatus | null;
}

/** How one attempt ended; the dispatcher decides, the store records. */
export interface DeliveryOutcome {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Iso;
  deliveredAt: Iso | null;
  lastError: string | null;
}

export interface Store {
  addVendor(vendor: NewVendor, now: Iso): Promise<Vendor>; // PingoruError "conflict" if the slug is taken
  /** Adds or updates the user-given fields (name, url, platform, feed, interval, components). */
  upsertVendor(vendor: NewVendor, now: Iso): Promise<Vendor>;
  getVendor(slug: string): Promise<Vendor | null>;
  listVendors(): Promise<Vendor[]>;
  /** Removes the vendor and its record. False when there was none. */
  removeVendor(slug: string): Promise<boolean>;

  /** Pauses or resumes polling; false when there is no such vendor. */
  setVendorPaused(slug: string, paused: boolean): Promise<boolean>;
  /** Atomically leases vendors due at `now` (next_poll_at ≤ now, not paused) by moving next_poll_at to leaseUntil. */
  claimDueVendors(now: Iso, leaseUntil: Iso, limit: number): Promise<Vendor[]>;
  /** The stored components and the stored incidents among the given vendor incident ids (plus, if asked, open ones). */
  loadRecord(
    slug: string,
    vendorIncidentIds: readonly string[],
    options?: LoadRecordOptions,
  ): Promise<VendorRecord>;
  savePoll(write: PollWrite): Promise<void>;

  listComponents(slug: string): Promise<ComponentSnapshot[]>; // in the vendor's order
  listIncidents(slug: string, query: IncidentQuery): Promise<Page<Incident>>; // newest first
  getIncident(id: string): Promise<Incident | null>;
  listEvents(query: EventQuery): Promise<Page<ChangeEvent>>; // oldest first
  /** Where the event stream ends now (the cursor to read on from); null before any event. */
  latestEventCursor(): Promise<string | null>;
  /** Opaque; changes whenever the vendor's own row does (every poll, failure or edit). Null for none. Cheap: for caches. */
  getVendorVersion(slug: string): Promise<string | null>;

  // Notifications (issue 4): channels and subscriptions (from config, CLI or API) and the outbox.
  upsertChannel(channel: ChannelConfig): Promise<void>;
  listChannels(): Promise<ChannelConfig[]>;
  removeChannel(id: string): Promise<boolean>;
  /** Disables (reason) or re-enables (null) a channel. */
  setChannelDisabled(id: string, reason: string | null): Promise<void>;
  upsertSubscription(subscription: Subscription): Promise<void>;
  listSubscriptions(): Promise<Subscription[]>;
  removeSubscription(id: string): Promise<boolean>;
  /** Atomically leases pending deliveries due at `now`, oldest first, moving next_attempt_at to leaseUntil. */
  claimDueDeliveries(now: Iso, leaseUntil: Iso, limit: number): Promise<Delivery[]>;
  finishDelivery(id: string, outcome: DeliveryOutcome): Promise<void>;
  listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>>; // newest first
  getEvents(ids: readonly string[]): Promise<ChangeEvent[]>;

  // Machine interfaces (issue 5): feeds read the latest updates, metrics the outbox's size.
  /** The latest incident updates across incidents, newest first (limit clamped to 1..500). */
  listRecentUpdates(query: RecentUpdateQuery): Promise<RecentUpdate[]>;
  /** How many deliveries are in each status (every status present, zero included). */
  countDeliveries(): Promise<Record<DeliveryStatus, number>>;

  close(): Promise<void>;
}

export interface RecentUpdateQuery {
  limit: number;
  vendor?: string | null;
}

/** One incident update with what a feed entry needs of its incident. */
export interface RecentUpdate {
  incidentId: string;
  vendor: string;
  title: string;
  kind: IncidentKind;
  /** The vendor's own page for the incident. */
  incidentUrl: string | null;
  update: UpdateSnapshot;
}

export interface LoadRecordOptions {
  /** Also load every incident and maintenance still open in the record whose vendor id is not in this set. */
  openNotIn?: ReadonlySet<string>;
}

export interface VendorRecord {
  components: ComponentSnapshot[];
  incidents: Incident[];
}
