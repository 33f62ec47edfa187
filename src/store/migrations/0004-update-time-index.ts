// Feeds list the latest updates across every incident (ORDER BY at DESC LIMIT n): without an index
// on the update time that is a sort of the whole table per request (~40 ms at 80,000 updates).
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function updateTimeIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex("incident_updates_at")
        .on("incident_updates")
        .columns(["at", "incident_id", "id"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("incident_updates_at").execute();
    },
  };
}
