// PostgreSQL through a pg Pool.
import { Kysely, sql } from "kysely";
import pg from "pg";
import { describeError, PingoruError } from "../lib/errors.ts";
import { redactUrl } from "../lib/safe-url.ts";
import { postgresDialect } from "./dialect.ts";
import { migrateToLatest } from "./migrations/index.ts";
import { OwnSchemaPostgresDialect } from "./pg-own-schema.ts";
import type { Database } from "./schema.ts";
import { sqlStore } from "./sql-store.ts";
import type { Store } from "./store.ts";

export interface PostgresStoreOptions {
  /** Tables live in this schema (created if missing) instead of the connection's default. */
  schema?: string;
  /** Runs after the pool is closed. */
  onClose?: () => Promise<void>;
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteIdent(options.schema)}` }),
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
  try {
    if (options.schema !== undefined) await db.schema.createSchema(options.schema).ifNotExists().execute();
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    await migrateToLatest(db as Kysely<unknown>, postgresDialect.name, current.rows[0]?.schema ?? "public");
  } catch (error) {
    await db.destroy();
    throw openError(url, error);
  }
  return sqlStore(db, postgresDialect, options.onClose);
}

/** Names the database (never its password): a system error is the network, the server's refusal is input. */
function openError(url: string, error: unknown): PingoruError {
  const code = (error as { code?: unknown } | null)?.code;
  const kind = typeof code === "string" && /^E[A-Z]/.test(code) ? "network" : "input";
  const reason = describeError(error);
  return new PingoruError(kind, `cannot open PostgreSQL database ${redactUrl(url)}: ${reason}`, {
    cause: error,
  });
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
