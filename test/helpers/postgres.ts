// PostgreSQL for tests: the URL, whether to run, and isolated schemas dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgresStore } from "../../src/store/postgres.ts";
import type { Store } from "../../src/store/store.ts";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";
const configuredUrl = process.env.PINGORU_TEST_PG_URL;
export const pgUrl = configuredUrl || DEFAULT_URL;

export async function pgQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export const pgReachable = await pgQuery("select 1").then(
  () => true,
  () => false,
);

/** CI sets PINGORU_TEST_PG_URL: there an unreachable database fails the run instead of skipping it. */
export const pgRun = pgReachable || Boolean(configuredUrl);

export const freshSchema = () => `t_${randomBytes(6).toString("hex")}`;

export const dropSchema = (schema: string) => async () => {
  await pgQuery(`drop schema if exists "${schema}" cascade`);
};

/** A store in its own fresh schema, dropped on close. */
export function openPgStoreInFreshSchema(): Promise<Store> {
  const schema = freshSchema();
  return openPostgresStore(pgUrl, { schema, onClose: dropSchema(schema) });
}

// One schema per vitest worker (files in a worker run one at a time), created and migrated by the
// first store opened on it, whose pool then stays open for the worker's life: each later store on it
// is that store again, emptied, so that a test pays neither for new connections (~30 ms each on a busy
// machine) nor for the migrator's checks. Emptied means its rows deleted and its identity sequences
// restarted, as `truncate ... restart identity cascade` would, but a DELETE of a few rows costs a
// tenth of a TRUNCATE, which rewrites every table and index file (~300 ms a store). vitest.config.ts
// names the run; its global teardown drops the run's worker schemas.
const workerSchema = `tw_${process.env.PINGORU_TEST_RUN ?? randomBytes(4).toString("hex")}_${process.env.VITEST_POOL_ID ?? "0"}`;
let workerStore: Promise<{ store: Store; empty: () => Promise<void> }> | undefined;
let workerStoreOpen = false;

/**
 * A store on an empty schema of its own: the worker's shared one, emptied, or — while another store
 * is open on that one — a fresh schema dropped on close. Closing the shared one leaves its pool open.
 */
export async function openIsolatedPgStore(): Promise<Store> {
  if (workerStoreOpen) return openPgStoreInFreshSchema();
  workerStoreOpen = true;
  try {
    workerStore ??= openWorkerStore().catch((error: unknown) => {
      workerStore = undefined;
      throw error;
    });
    const { store, empty } = await workerStore;
    await empty();
    return {
      ...store,
      close: async () => {
        workerStoreOpen = false;
      },
    };
  } catch (error) {
    workerStoreOpen = false;
    throw error;
  }
}

async function openWorkerStore(): Promise<{ store: Store; empty: () => Promise<void> }> {
  const store = await openPostgresStore(pgUrl, { schema: workerSchema });
  // A connection of its own for emptying; like the store's, idle it does not keep the worker alive.
  const pool = new pg.Pool({ connectionString: pgUrl, max: 1, allowExitOnIdle: true });
  try {
    const emptying = await emptyingStatements(workerSchema, (text) => pool.query(text));
    return { store, empty: async () => void (await pool.query(emptying)) };
  } catch (error) {
    await Promise.all([store.close(), pool.end()]);
    throw error;
  }
}

/**
 * What empties a migrated schema, as one simple query (so one transaction): every row of its tables
 * deleted (every foreign key cascades) and its identity sequences restarted. What
 * `truncate ... restart identity cascade` does, at a tenth of the cost on tables of a few rows.
 */
export async function emptyingStatements(
  schema: string,
  query: (text: string) => Promise<pg.QueryResult> = pgQuery,
): Promise<string> {
  const [tables, sequences] = await Promise.all([
    query(`select tablename from pg_tables where schemaname = '${schema}' and tablename not like 'kysely_%'`),
    query(`select sequencename from pg_sequences where schemaname = '${schema}'`),
  ]);
  return [
    ...tables.rows.map((row: { tablename: string }) => `delete from "${schema}"."${row.tablename}"`),
    ...sequences.rows.map(
      (row: { sequencename: string }) => `select setval('"${schema}"."${row.sequencename}"', 1, false)`,
    ),
  ].join("; ");
}

/** Drops every worker schema of the named run (the global teardown in vitest.config.ts). */
export async function dropWorkerSchemas(run: string): Promise<void> {
  const { rows } = await pgQuery(`select nspname from pg_namespace where nspname like 'tw\\_${run}\\_%'`);
  for (const { nspname } of rows as { nspname: string }[]) await dropSchema(nspname)();
}

/** Opens stores on one fresh schema (so a "restart" sees the same data); drop() removes it. */
export function pgSchemaOpener(): { open: () => Promise<Store>; drop: () => Promise<void> } {
  const schema = freshSchema();
  return { open: () => openPostgresStore(pgUrl, { schema }), drop: dropSchema(schema) };
}
