// Notifications: channels, subscriptions and the outbox. Portable: only the delivery sequence
// column differs between the databases (as with events).
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { SqlDialectName } from "../schema.ts";

export function notificationsMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createChannels(db);
      await createDeliveries(db, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["delivery_events", "deliveries", "subscriptions", "channels"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

async function createChannels(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("channels")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("disabled_reason", "text")
    .execute();
  await db.schema
    .createTable("subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("vendors", "text")
    .addColumn("components", "text")
    .addColumn("min_impact", "text")
    .addColumn("events", "text", (c) => c.notNull())
    .execute();
}

// Deliveries keep no foreign key to their subscription or channel: the log outlives them (removing
// one suppresses its pending deliveries instead). They go with their vendor, like its events.
async function createDeliveries(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  await db.schema
    .createTable("deliveries")
    .addColumn("seq", dialect === "postgres" ? "bigint" : "integer", (c) =>
      dialect === "postgres" ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("subscription", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("vendor", "text", (c) => c.notNull().references("vendors.slug").onDelete("cascade"))
    .addColumn("incident_id", "text")
    .addColumn("component_id", "text")
    .addColumn("event_ids", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("last_error", "text")
    .execute();
  // The dispatcher's hot query: each channel's oldest pending delivery.
  await db.schema
    .createIndex("deliveries_status_channel_seq")
    .on("deliveries")
    .columns(["status", "channel", "seq"])
    .execute();
  // The delivery log filtered by subscription, newest first (unfiltered listing walks the primary key).
  await db.schema
    .createIndex("deliveries_subscription_seq")
    .on("deliveries")
    .columns(["subscription", "seq"])
    .execute();
  // Exactly one delivery per (event, subscription), ever: the primary key is the guarantee.
  await db.schema
    .createTable("delivery_events")
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("subscription_id", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("delivery_events_pk", ["event_id", "subscription_id"])
    .execute();
}
