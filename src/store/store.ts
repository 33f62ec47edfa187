// The store, one interface per concern (vendors, record, events, outbox, channels, feeds, retention,
// leases, push hints, SLAs, figures);
// `Store` is all of them with close(). Parts of Pingoru that need one concern may ask for that part alone.
import type { CalendarStore } from "./calendar-store.ts";
import type { ChannelStore } from "./channel-store.ts";
import type { EventStore } from "./event-store.ts";
import type { FeedStore } from "./feed-store.ts";
import type { HintStore } from "./hint-store.ts";
import type { LeaseStore } from "./lease-store.ts";
import type { OutboxStore } from "./outbox-store.ts";
import type { RecordStore } from "./record-store.ts";
import type { RetentionStore } from "./retention-store.ts";
import type { RevisionStore } from "./revision-store.ts";
import type { SearchStore } from "./search-store.ts";
import type { SlaStore } from "./sla-store.ts";
import type { StatsStore } from "./stats-store.ts";
import type { VendorStore } from "./vendor-store.ts";

export interface Store
  extends
    VendorStore,
    RecordStore,
    RevisionStore,
    EventStore,
    OutboxStore,
    ChannelStore,
    FeedStore,
    RetentionStore,
    LeaseStore,
    HintStore,
    SearchStore,
    CalendarStore,
    SlaStore,
    StatsStore {
  close(): Promise<void>;
}

export type { CalendarRevision, CalendarStore, MaintenanceQuery } from "./calendar-store.ts";
export type { ChannelStore } from "./channel-store.ts";
export type { EventQuery, EventStore } from "./event-store.ts";
export type { FeedStore, RecentUpdate, RecentUpdateQuery } from "./feed-store.ts";
export type { DeliveryOutcome, DeliveryQuery, OutboxStore } from "./outbox-store.ts";
export type { Page } from "./page.ts";
export type { PruneCounts, RetentionStore } from "./retention-store.ts";
export type { LeaseStore } from "./lease-store.ts";
export type { HintStore } from "./hint-store.ts";
export type { RevisionStore } from "./revision-store.ts";
export type { IncidentSearch, SearchStore } from "./search-store.ts";
export type { SlaStore } from "./sla-store.ts";
export type { StatsStore } from "./stats-store.ts";
export {
  INCIDENT_OPENNESS,
  type AllIncidentQuery,
  type IncidentOpenness,
  type IncidentQuery,
  type IncidentSummary,
  type LoadRecordOptions,
  type PollFailure,
  type PollSuccess,
  type PollWrite,
  type RecordStore,
  type VendorRecord,
} from "./record-store.ts";
export type { ClaimedVendor, QuietPoll, MovedClaim, VendorStore } from "./vendor-store.ts";
