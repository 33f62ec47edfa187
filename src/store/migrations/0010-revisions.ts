// What the vendor changed after Pingoru saw it (issue 16): one row per revision, old and new value,
// kept with the record (they go with their vendor). Capped per incident by the writer (sql-revisions.ts).
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { SqlDialectName } from "../schema.ts";

export function revisionsMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("incident_revisions")
        .addColumn("seq", dialect === "postgres" ? "bigint" : "integer", (c) =>
          dialect === "postgres"
            ? c.primaryKey().generatedByDefaultAsIdentity()
            : c.primaryKey().autoIncrement(),
        )
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("vendor", "text", (c) => c.notNull().references("vendors.slug").onDelete("cascade"))
        .addColumn("incident_id", "text")
        .addColumn("update_id", "text")
        .addColumn("component_id", "text")
        .addColumn("field", "text", (c) => c.notNull())
        .addColumn("old_value", "text")
        .addColumn("new_value", "text")
        .addColumn("seen_at", "text", (c) => c.notNull())
        .execute();
      // An incident's revisions (its page, the API, the cap), and a vendor's deletions and renames.
      await db.schema
        .createIndex("incident_revisions_incident")
        .on("incident_revisions")
        .columns(["incident_id", "seq"])
        .execute();
      await db.schema
        .createIndex("incident_revisions_vendor_field")
        .on("incident_revisions")
        .columns(["vendor", "field", "seq"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("incident_revisions").execute();
    },
  };
}
