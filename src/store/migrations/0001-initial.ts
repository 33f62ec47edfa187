// The initial schema. Portable: only the event sequence column differs between the databases.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { SqlDialectName } from "../schema.ts";

export function initialMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createVendors(db);
      await createComponents(db);
      await createIncidents(db);
      await createEvents(db, dialect);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["events", "incident_updates", "incidents", "components", "vendors"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

async function createVendors(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("vendors")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_auto", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("feed_url", "text")
    .addColumn("interval_seconds", "integer")
    .addColumn("watched_components", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("baseline_at", "text")
    .addColumn("last_polled_at", "text")
    .addColumn("last_ok_at", "text")
    .addColumn("stale", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_poll_at", "text", (c) => c.notNull())
    .execute();
  // The scheduler's hot query: vendors due now.
  await db.schema.createIndex("vendors_next_poll_at").on("vendors").columns(["next_poll_at"]).execute();
}

async function createComponents(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("components")
    .addColumn("vendor", "text", (c) => c.notNull().references("vendors.slug").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("group_name", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("raw_status", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("components_pk", ["vendor", "id"])
    .execute();
}

async function createIncidents(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("incidents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor", "text", (c) => c.notNull().references("vendors.slug").onDelete("cascade"))
    .addColumn("vendor_incident_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("impact", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("scheduled_for", "text")
    .addColumn("scheduled_until", "text")
    .addColumn("detected_at", "text", (c) => c.notNull())
    .addColumn("seen_live", "integer", (c) => c.notNull())
    .addColumn("detection_lag_seconds", "integer")
    .addColumn("affected_components", "text", (c) => c.notNull())
    .addUniqueConstraint("incidents_vendor_incident_id", ["vendor", "vendor_incident_id"])
    .execute();
  // History pages: a vendor's incidents newest first (keyset on started_at, id).
  await db.schema
    .createIndex("incidents_vendor_started_at")
    .on("incidents")
    .columns(["vendor", "started_at", "id"])
    .execute();
  await db.schema
    .createTable("incident_updates")
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("components", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_updates_pk", ["incident_id", "id"])
    .execute();
}

async function createEvents(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("seq", dialect === "postgres" ? "bigint" : "integer", (c) =>
      dialect === "postgres" ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("vendor", "text", (c) => c.notNull().references("vendors.slug").onDelete("cascade"))
    .addColumn("incident_id", "text")
    .addColumn("component_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .execute();
  // The change stream for one vendor; the stream as a whole walks the primary key.
  await db.schema.createIndex("events_vendor_seq").on("events").columns(["vendor", "seq"]).execute();
}
