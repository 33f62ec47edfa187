// Picks the database from the URL: postgres:// or postgresql:// is PostgreSQL, anything else SQLite.
import { openPostgresStore } from "./postgres.ts";
import { openSqliteStore } from "./sqlite.ts";
import type { Store } from "./store.ts";

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** Opens the store and applies pending migrations. */
export function openStore(databaseUrl: string): Promise<Store> {
  return isPostgresUrl(databaseUrl) ? openPostgresStore(databaseUrl) : openSqliteStore(databaseUrl);
}
