// SQLite through Node's built-in node:sqlite, adapted to the better-sqlite3 shape Kysely's dialect wants.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import {
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from "kysely";
import { PingoruError } from "../lib/errors.ts";
import { sqliteDialect } from "./dialect.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { sqlStore } from "./sql-store.ts";
import type { Store } from "./store.ts";

type SqlParam = null | number | bigint | string | NodeJS.ArrayBufferView;

/** Opens (creating it and its directory) a SQLite file in WAL mode with foreign keys enforced. */
export function openSqliteDatabase(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // busy_timeout first: switching to WAL needs a lock that another process opening the file may hold.
  // synchronous=NORMAL is WAL's usual pairing: a crash of Pingoru loses nothing committed; only a power
  // loss may drop the last transactions (never corrupting the file), and no commit waits for an fsync.
  db.exec(
    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
  );
  return db;
}

/** Opens the SQLite store at `path` (a file, or ":memory:"), applying pending migrations. */
export function openSqliteStore(path: string): Promise<Store> {
  return openSqliteStoreOn(openSqliteDatabase(path));
}

/** The store on a connection opened with openSqliteDatabase (closed with the store). */
export async function openSqliteStoreOn(connection: DatabaseSync): Promise<Store> {
  const db = new Kysely<Database>({ dialect: new NodeSqliteDialect(connection) });
  try {
    await migrateToLatest(db as Kysely<unknown>, sqliteDialect.name);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return sqlStore(db, sqliteDialect);
}

// SQLite does run DDL in transactions; Kysely's adapter just doesn't claim it. Claiming it makes the
// migrator wrap each run in (our immediate) transaction: no half-applied schema, and two processes
// opening a new file at once take turns instead of racing.
// The one connection is handed out by our driver, first come first served (below), so Kysely's own
// lock for single-connection dialects is not needed: it is told the dialect has many connections.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class NodeSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(db: DatabaseSync) {
    const database = toKyselyDatabase(db);
    super({ database });
    this.#database = database;
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): Driver {
    return new QueuedSqliteDriver({ database: this.#database });
  }
}

/**
 * A query or transaction holds the connection until it releases it; the others wait in line, each
 * woken in turn. (Kysely's lock wakes every waiter on each release and all but one wait again: with
 * hundreds of polls waiting to write, that alone took a quarter of serve's CPU.)
 */
class QueuedSqliteDriver extends SqliteDriver {
  #held = false;
  readonly #line: (() => void)[] = [];

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#line.push(resolve));
    this.#held = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    const next = this.#line.shift();
    if (next)
      next(); // handed straight over: #held stays true
    else this.#held = false;
  }
}

// Prepared statements are reused: preparing is a large part of a small query's cost. Kysely emits the
// same text for the same query shape. A prepared statement costs memory in proportion to its text
// (about 45 bytes a character: a 100-row insert is ~250 kB), and a batch's size is in its text, so the
// cache is bounded by both count and characters. The least recently used goes first: the hot
// statements (the claim, the quiet polls' write) stay prepared whatever the batches bring.
export const STATEMENT_CACHE = { count: 512, chars: 250_000 };

/** Statements by their text, least recently used first out, within STATEMENT_CACHE's bounds. */
export function createStatementCache<S>(
  prepare: (sql: string) => S,
  bounds: { count: number; chars: number } = STATEMENT_CACHE,
) {
  const statements = new Map<string, S>(); // iterates in insertion order: oldest use first
  let chars = 0;
  return {
    get(sql: string): S {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = prepare(sql);
        if (sql.length > bounds.chars) return statement; // used once, then left to the collector
        for (const [oldest] of statements) {
          if (statements.size < bounds.count && chars + sql.length <= bounds.chars) break;
          statements.delete(oldest);
          chars -= oldest.length;
        }
        chars += sql.length;
      } else statements.delete(sql);
      statements.set(sql, statement);
      return statement;
    },
    clear(): void {
      statements.clear();
      chars = 0;
    },
    get size(): number {
      return statements.size;
    },
    get chars(): number {
      return chars;
    },
  };
}

function toKyselyDatabase(db: DatabaseSync): SqliteDatabase {
  const args = (params: ReadonlyArray<unknown>) => params as SqlParam[];
  const wrap = (stmt: StatementSync): SqliteStatement => ({
    reader: stmt.columns().length > 0, // asked of SQLite once per statement, not per execution
    all: (params) => typedErrors(() => stmt.all(...args(params))),
    run: (params) => typedErrors(() => stmt.run(...args(params))),
    iterate: (params) => typedErrors(() => stmt.iterate(...args(params))),
  });
  // Every transaction here writes: take the write lock up front so two processes wait on
  // busy_timeout instead of failing on a read-to-write lock upgrade.
  const statements = createStatementCache((sql) =>
    wrap(db.prepare(sql === "begin" ? "begin immediate" : sql)),
  );
  return {
    close: () => {
      statements.clear();
      db.close();
    },
    prepare: (sql: string) => statements.get(sql),
  };
}

// SQLite's primary result codes that say "not now" rather than "wrong": retry once the lock is released
// (busy_timeout ran out) or space returns.
const UNAVAILABLE: ReadonlyMap<number, string> = new Map([
  [5, "another process or connection holds the write lock"], // SQLITE_BUSY
  [6, "a table is locked"], // SQLITE_LOCKED
  [10, "a disk I/O error"], // SQLITE_IOERR
  [13, "no room to write"], // SQLITE_FULL
]);

function typedErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    const code = (error as { errcode?: unknown }).errcode;
    const why = typeof code === "number" ? UNAVAILABLE.get(code & 0xff) : undefined;
    if (why === undefined) throw error;
    throw new PingoruError("database", `${(error as Error).message} (SQLite: ${why})`, { cause: error });
  }
}
