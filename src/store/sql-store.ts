// The Store on Kysely, shared by SQLite and PostgreSQL; the dialect only changes locking details.
import type { Kysely } from "kysely";
import type { ChangeEvent, ComponentSnapshot, Incident, Iso } from "../domain/model.ts";
import type { Database, SqlDialectName } from "./schema.ts";
import type { ChannelConfig, Delivery, DeliveryStatus, Subscription } from "../notify/model.ts";
import * as channels from "./sql-channels.ts";
import * as deliveries from "./sql-deliveries.ts";
import * as feed from "./sql-feed.ts";
import { savePoll } from "./sql-poll.ts";
import * as read from "./sql-read.ts";
import * as vendors from "./sql-vendors.ts";
import type {
  DeliveryOutcome,
  DeliveryQuery,
  EventQuery,
  IncidentQuery,
  LoadRecordOptions,
  NewVendor,
  Page,
  PollWrite,
  RecentUpdate,
  RecentUpdateQuery,
  Store,
  Vendor,
  VendorRecord,
} from "./store.ts";

export class SqlStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #dialect: SqlDialectName;
  readonly #onClose: () => Promise<void>;

  /** `onClose` runs after the Kysely instance is destroyed (e.g. dropping a test schema). */
  constructor(db: Kysely<Database>, dialect: SqlDialectName, onClose: () => Promise<void> = async () => {}) {
    this.#db = db;
    this.#dialect = dialect;
    this.#onClose = onClose;
  }

  addVendor(vendor: NewVendor, now: Iso): Promise<Vendor> {
    return vendors.addVendor(this.#db, vendor, now);
  }
  upsertVendor(vendor: NewVendor, now: Iso): Promise<Vendor> {
    return vendors.upsertVendor(this.#db, vendor, now);
  }
  getVendor(slug: string): Promise<Vendor | null> {
    return vendors.getVendor(this.#db, slug);
  }
  listVendors(): Promise<Vendor[]> {
    return vendors.listVendors(this.#db);
  }
  removeVendor(slug: string): Promise<boolean> {
    return vendors.removeVendor(this.#db, slug);
  }
  setVendorPaused(slug: string, paused: boolean): Promise<boolean> {
    return vendors.setVendorPaused(this.#db, slug, paused);
  }
  claimDueVendors(now: Iso, leaseUntil: Iso, limit: number): Promise<Vendor[]> {
    return vendors.claimDueVendors(this.#db, this.#dialect, now, leaseUntil, limit);
  }
  loadRecord(
    slug: string,
    vendorIncidentIds: readonly string[],
    options?: LoadRecordOptions,
  ): Promise<VendorRecord> {
    return read.loadRecord(this.#db, slug, vendorIncidentIds, options);
  }
  savePoll(write: PollWrite): Promise<void> {
    return savePoll(this.#db, this.#dialect, write);
  }
  listComponents(slug: string): Promise<ComponentSnapshot[]> {
    return read.listComponents(this.#db, slug);
  }
  listIncidents(slug: string, query: IncidentQuery): Promise<Page<Incident>> {
    return read.listIncidents(this.#db, slug, query);
  }
  getIncident(id: string): Promise<Incident | null> {
    return read.getIncident(this.#db, id);
  }
  listEvents(query: EventQuery): Promise<Page<ChangeEvent>> {
    return read.listEvents(this.#db, query);
  }
  latestEventCursor(): Promise<string | null> {
    return read.latestEventCursor(this.#db);
  }
  getVendorVersion(slug: string): Promise<string | null> {
    return read.getVendorVersion(this.#db, slug);
  }
  upsertChannel(channel: ChannelConfig): Promise<void> {
    return channels.upsertChannel(this.#db, channel);
  }
  listChannels(): Promise<ChannelConfig[]> {
    return channels.listChannels(this.#db);
  }
  removeChannel(id: string): Promise<boolean> {
    return channels.removeChannel(this.#db, id);
  }
  setChannelDisabled(id: string, reason: string | null): Promise<void> {
    return channels.setChannelDisabled(this.#db, id, reason);
  }
  upsertSubscription(subscription: Subscription): Promise<void> {
    return channels.upsertSubscription(this.#db, subscription);
  }
  listSubscriptions(): Promise<Subscription[]> {
    return channels.listSubscriptions(this.#db);
  }
  removeSubscription(id: string): Promise<boolean> {
    return channels.removeSubscription(this.#db, id);
  }
  claimDueDeliveries(now: Iso, leaseUntil: Iso, limit: number): Promise<Delivery[]> {
    return deliveries.claimDueDeliveries(this.#db, this.#dialect, now, leaseUntil, limit);
  }
  finishDelivery(id: string, outcome: DeliveryOutcome): Promise<void> {
    return deliveries.finishDelivery(this.#db, id, outcome);
  }
  listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>> {
    return deliveries.listDeliveries(this.#db, query);
  }
  getEvents(ids: readonly string[]): Promise<ChangeEvent[]> {
    return deliveries.getEvents(this.#db, ids);
  }
  listRecentUpdates(query: RecentUpdateQuery): Promise<RecentUpdate[]> {
    return feed.listRecentUpdates(this.#db, query);
  }
  countDeliveries(): Promise<Record<DeliveryStatus, number>> {
    return feed.countDeliveries(this.#db);
  }
  async close(): Promise<void> {
    await this.#db.destroy();
    await this.#onClose();
  }
}
