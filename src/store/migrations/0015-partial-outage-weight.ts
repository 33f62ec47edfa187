// Uptime rule per vendor (issue 11): how much of a partial outage counts as down (0..1); null: all of it.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

export function partialOutageWeightMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").addColumn("partial_outage_weight", "double precision").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("vendors").dropColumn("partial_outage_weight").execute();
    },
  };
}
