// Two indexes on incidents (issue 10). `incidents_open`: every claim reads its vendors with their count
// of open incidents, and with only 0012's index on (kind, scheduled_for) to choose from besides the
// vendor's own, SQLite counted them by walking every incident of that kind — the whole table, for each
// vendor claimed (a fleet of 10,000 vendors fell minutes behind). Partial: an open incident is one
// without a resolution time, a small part of the table. `incidents_started_at_id`: the newest incidents
// across vendors (/incidents, the API, feeds) in index order instead of a sort of the whole table.
import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function incidentIndexesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex("incidents_open")
        .on("incidents")
        .columns(["vendor", "kind"])
        .where(sql.ref("resolved_at"), "is", null)
        .execute();
      await db.schema
        .createIndex("incidents_started_at_id")
        .on("incidents")
        .columns(["started_at", "id"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("incidents_started_at_id").execute();
      await db.schema.dropIndex("incidents_open").execute();
    },
  };
}
