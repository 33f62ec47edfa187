// The worker whose poll was last written for a vendor (issue 10): that worker claims the vendor ahead of
// its due time, another only once it is overdue, so each worker keeps polling the same vendors over the
// same kept-alive connections instead of a random half of the fleet each interval.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function vendorPollerMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").addColumn("polled_by", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").dropColumn("polled_by").execute();
    },
  };
}
