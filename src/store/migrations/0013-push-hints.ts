// Push hints (issue 14): a vendor's secret hint token, a hint that arrived while its poll was in
// flight (polled again as soon as that poll is written), and when the last hint was accepted.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

const COLUMNS = ["hint_token", "hinted_at", "last_hint_at"] as const;

export function pushHintsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS) await db.schema.alterTable("vendors").addColumn(column, "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS) await db.schema.alterTable("vendors").dropColumn(column).execute();
    },
  };
}
