// The Store on Kysely, shared by SQLite and PostgreSQL: one part per concern over the same database,
// composed. The dialect object carries the few details in which the databases differ.
import type { Kysely } from "kysely";
import type { SqlDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";
import { sqlCalendarStore } from "./sql-calendar-store.ts";
import { sqlChannelStore } from "./sql-channel-store.ts";
import { sqlEventStore } from "./sql-event-store.ts";
import { sqlFeedStore } from "./sql-feed-store.ts";
import { sqlOutboxStore } from "./sql-outbox-store.ts";
import { sqlRecordStore } from "./sql-record-store.ts";
import { sqlRetentionStore } from "./sql-retention-store.ts";
import { sqlRevisionStore } from "./sql-revisions.ts";
import { sqlLeaseStore } from "./sql-lease-store.ts";
import { sqlHintStore } from "./sql-hint-store.ts";
import { sqlSearchStore } from "./sql-search-store.ts";
import { sqlSlaStore } from "./sql-sla-store.ts";
import { sqlStatsStore } from "./sql-stats-store.ts";
import { sqlVendorStore } from "./sql-vendor-store.ts";
import type { Store } from "./store.ts";

/** `onClose` runs after the Kysely instance is destroyed (e.g. dropping a test schema). */
export function sqlStore(
  db: Kysely<Database>,
  dialect: SqlDialect,
  onClose: () => Promise<void> = async () => {},
): Store {
  return {
    ...sqlVendorStore(db, dialect),
    ...sqlRecordStore(db, dialect),
    ...sqlRevisionStore(db),
    ...sqlEventStore(db, dialect),
    ...sqlOutboxStore(db, dialect),
    ...sqlChannelStore(db),
    ...sqlFeedStore(db),
    ...sqlRetentionStore(db),
    ...sqlLeaseStore(db),
    ...sqlHintStore(db),
    ...sqlSearchStore(db, dialect),
    ...sqlCalendarStore(db),
    ...sqlSlaStore(db),
    ...sqlStatsStore(db),
    async close() {
      await db.destroy();
      await onClose();
    },
  };
}
