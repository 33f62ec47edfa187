// The message a delivery's first attempt sent (JSON), so every later attempt of it (a retry, a resend
// after a crash) sends the same body under the same webhook-id, whatever the record became meanwhile.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function deliveryMessagesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("deliveries").addColumn("message", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("deliveries").dropColumn("message").execute();
    },
  };
}
