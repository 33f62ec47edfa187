// A vendor's platform settings (JSON text, e.g. an html page's selectors); null for platforms that need none.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function vendorPlatformOptionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").addColumn("platform_options", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").dropColumn("platform_options").execute();
    },
  };
}
