// SLA targets (issue 11): one per vendor and component name ('' for the whole vendor), gone with the vendor.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function slaTargetsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("sla_targets")
        .addColumn("vendor", "text", (c) => c.notNull().references("vendors.slug").onDelete("cascade"))
        .addColumn("component", "text", (c) => c.notNull())
        .addColumn("target_percent", "double precision", (c) => c.notNull())
        .addColumn("credits", "text", (c) => c.notNull())
        .addColumn("claim_days", "integer")
        .addPrimaryKeyConstraint("sla_targets_pk", ["vendor", "component"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("sla_targets").execute();
    },
  };
}
