// Two indexes for the component changes a window reads (store/sql-event-store.ts componentChangeQueries):
// uptime, SLAs and acknowledgement delays read a window's changes and each component's last change
// before it. With only `events_vendor_seq`, both walked every change the vendor ever had (the last ones
// before by grouping all earlier changes): a read that grew with history. `events_changes_at` (vendor,
// type, at): the window's changes are one range (PostgreSQL would not seek per component for them: a
// heap row for each, scattered). `events_component_changes` (vendor, type, component_id, at): each
// component's last change before the window is one seek. Plain, not partial on the type: SQLite cannot
// match a bound parameter to an index's predicate.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function componentChangeIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex("events_changes_at")
        .on("events")
        .columns(["vendor", "type", "at"])
        .execute();
      await db.schema
        .createIndex("events_component_changes")
        .on("events")
        .columns(["vendor", "type", "component_id", "at"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("events_component_changes").execute();
      await db.schema.dropIndex("events_changes_at").execute();
    },
  };
}
