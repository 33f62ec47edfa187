// PostgreSQL through a pg Pool.
import { Kysely, sql } from "kysely";
import pg from "pg";
import { describeError, isPingoruError, PingoruError } from "../lib/errors.ts";
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
  const pool = createPgPool(url, options.schema);
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

/** The store's pool: its clients losing their connection fail queries, never the process. */
export function createPgPool(url: string, schema?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdent(schema)}` }),
  });
  // pg emits "error" on a client whose connection drops, fatal unheard. An idle client is dropped by the
  // pool; one in use (between the queries of a transaction) fails its next query and is dropped when
  // released. The next query takes or opens another connection.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** Names the database (never its password): a system error is the network, the server's refusal is input. */
function openError(url: string, error: unknown): PingoruError {
  const code = (error as { code?: unknown } | null)?.code;
  const unreachable = isPingoruError(error) && error.kind === "database";
  const kind = unreachable || (typeof code === "string" && /^E[A-Z]/.test(code)) ? "network" : "input";
  const reason = describeError(error);
  return new PingoruError(kind, `cannot open PostgreSQL database ${redactUrl(url)}: ${reason}`, {
    cause: error,
  });
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
