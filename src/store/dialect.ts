// What differs between the two databases once the schema exists: how a claim locks the rows it
// picks, how concurrent polls order their event inserts, and the full-text index. Everything else is
// the same Kysely SQL.
import { sql, type SelectQueryBuilder, type Transaction } from "kysely";
import type { Database, SqlDialectName } from "./schema.ts";
import { postgresSearchIndex, sqliteSearchIndex, type SearchIndex } from "./sql-search-index.ts";

export interface SqlDialect {
  readonly name: SqlDialectName;
  /** The candidate rows of a claim (vendors, deliveries), locked so concurrent claimers never share one. */
  lockForClaim<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>;
  /** Called in a poll's transaction before its events are inserted: makes them visible in stream order. */
  orderEventInserts(trx: Transaction<Database>): Promise<void>;
  /** The n-th (1-based) bound parameter in hand-written SQL for the hot paths, compiled once. */
  param(n: number): string;
  /** The full-text index of incidents' titles and update text. */
  readonly search: SearchIndex;
}

/** SQLite runs one writer at a time: a single UPDATE … WHERE IN (SELECT …) is already atomic, and
 * events commit in the order their sequence numbers were handed out. */
export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  lockForClaim: (query) => query,
  orderEventInserts: async () => {},
  param: (n) => `?${n}`, // numbered, so that one parameter may be used twice
  search: sqliteSearchIndex,
};

// Any constant: the key of the advisory lock that orders event inserts (ASCII "ping").
const EVENT_LOCK_KEY = 0x70696e67;

export const postgresDialect: SqlDialect = {
  name: "postgres",
  // Lock the picked rows and skip rows another worker holds: no two workers lease the same row.
  lockForClaim: (query) => query.forUpdate().skipLocked(),
  // PostgreSQL hands out sequence numbers before commit; holding this lock to commit makes events
  // visible in sequence order, so a reader following the cursor never skips a late-committing one.
  orderEventInserts: async (trx) => {
    await sql`select pg_advisory_xact_lock(${EVENT_LOCK_KEY})`.execute(trx);
  },
  param: (n) => `$${n}`,
  search: postgresSearchIndex,
};

export const DIALECTS: Record<SqlDialectName, SqlDialect> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
};
