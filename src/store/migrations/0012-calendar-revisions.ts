// Maintenance calendars (issue 14): the revision of each event a calendar published. A vendor may move
// a maintenance's window without posting an update, so nothing in the record says it changed; the
// calendar keeps what it last published (a fingerprint) and raises SEQUENCE when that changes. No
// foreign key: a vendor removed and added again keeps counting from where it was. The index finds
// the maintenances in a window across vendors.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function calendarRevisionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("calendar_revisions")
        .addColumn("incident_id", "text", (c) => c.primaryKey())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("sequence", "integer", (c) => c.notNull())
        .addColumn("revised_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("incidents_kind_scheduled_for")
        .on("incidents")
        .columns(["kind", "scheduled_for"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("incidents_kind_scheduled_for").execute();
      await db.schema.dropTable("calendar_revisions").execute();
    },
  };
}
