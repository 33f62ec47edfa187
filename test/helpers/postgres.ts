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
export function openIsolatedPgStore(): Promise<Store> {
  const schema = freshSchema();
  return openPostgresStore(pgUrl, { schema, onClose: dropSchema(schema) });
}

/** Opens stores on one fresh schema (so a "restart" sees the same data); drop() removes it. */
export function pgSchemaOpener(): { open: () => Promise<Store>; drop: () => Promise<void> } {
  const schema = freshSchema();
  return { open: () => openPostgresStore(pgUrl, { schema }), drop: dropSchema(schema) };
}
