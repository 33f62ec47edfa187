// Picks the database from the URL: postgres:// or postgresql:// is PostgreSQL, anything else SQLite.
// Each is loaded when chosen: a SQLite process never holds the PostgreSQL client, nor the reverse.
import { PingoruError } from "../lib/errors.ts";
import type { Store } from "./store.ts";

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** Opens the store and applies pending migrations. */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (isPostgresUrl(databaseUrl)) return (await import("./postgres.ts")).openPostgresStore(databaseUrl);
  // Any other scheme is a database Pingoru does not speak, not a SQLite file named "mysql:".
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(databaseUrl)?.[1];
  if (scheme !== undefined)
    throw new PingoruError(
      "input",
      `unsupported database ${scheme}://: use postgres://… for PostgreSQL, or a file path for SQLite`,
    );
  return (await import("./sqlite.ts")).openSqliteStore(databaseUrl);
}
