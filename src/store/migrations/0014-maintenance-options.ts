// Maintenance notifications (issue 14): a subscription's reminder lead time (minutes, null for none)
// and whether it hears of component changes a maintenance going on names (0/1: SQLite has no boolean).
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function maintenanceOptionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("subscriptions").addColumn("remind_before_minutes", "integer").execute();
      await db.schema
        .alterTable("subscriptions")
        .addColumn("notify_during_maintenance", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("subscriptions").dropColumn("notify_during_maintenance").execute();
      await db.schema.alterTable("subscriptions").dropColumn("remind_before_minutes").execute();
    },
  };
}
