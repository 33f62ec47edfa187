// What Pingoru noticed about a vendor's source (issue 15): a feed that changes its item ids between
// fetches, and the circuit breaker that holds a vendor's notifications until a person looks.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

const COLUMNS = ["unstable_ids_at", "notifications_held", "breaker_reset_at"] as const;

export function vendorSourceGuardsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS) await db.schema.alterTable("vendors").addColumn(column, "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of COLUMNS) await db.schema.alterTable("vendors").dropColumn(column).execute();
    },
  };
}
