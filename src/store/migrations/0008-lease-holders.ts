// Who holds each lease (issue 13): a claimed vendor or delivery records the worker that claimed it, so
// a worker restarted after a crash can take back at once what its dead predecessor held, rather than
// wait for the lease to run out. Null when no one holds it.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

const TABLES = ["vendors", "deliveries"] as const;

export function leaseHoldersMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of TABLES) await db.schema.alterTable(table).addColumn("leased_by", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of TABLES) await db.schema.alterTable(table).dropColumn("leased_by").execute();
    },
  };
}
