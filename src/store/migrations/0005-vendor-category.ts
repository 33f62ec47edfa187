// A vendor's catalog category (nullable text): vendors added before the catalog simply have none.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function vendorCategoryMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").addColumn("category", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").dropColumn("category").execute();
    },
  };
}
