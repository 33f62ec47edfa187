// Picks the database from the URL: postgres:// or postgresql:// is PostgreSQL, anything else SQLite.
// Each is loaded when chosen: a SQLite process never holds the PostgreSQL client, nor the reverse.
import type { Store } from "./store.ts";

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** Opens the store and applies pending migrations. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) return (await import("./postgres.ts")).openPostgresStore(databaseUrl);
  return (await import("./sqlite.ts")).openSqliteStore(databaseUrl);
}
