// Pausing a vendor: a 0/1 column (SQLite has no boolean), so the same statement runs on both databases.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function vendorPauseMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("vendors")
        .addColumn("paused", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").dropColumn("paused").execute();
    },
  };
}
