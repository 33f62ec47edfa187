// An incident's postmortem (issue 16): when the vendor published it and the write-up it links to.
// Nullable text: incidents stored before have none until a poll sees their postmortem.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

const COLUMNS = ["postmortem_published_at", "postmortem_url"] as const;

export function postmortemsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS)
        await db.schema.alterTable("incidents").addColumn(column, "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS) await db.schema.alterTable("incidents").dropColumn(column).execute();
    },
  };
}
