// Backups: SQLite through its online backup; PostgreSQL has its own tools, and the refusal names them.
import { PingoruError } from "../lib/errors.ts";
import { isPostgresUrl } from "./open-store.ts";
import type { BackupResult } from "./sqlite-backup.ts";

export type { BackupResult } from "./sqlite-backup.ts";

/** Copies the database at `databaseUrl` to the file `target` (see backupSqliteFile); SQLite only. */
export async function backupDatabase(
  databaseUrl: string,
  target: string,
  force: boolean,
): Promise<BackupResult> {
  if (isPostgresUrl(databaseUrl))
    throw new PingoruError(
      "input",
      `backup copies SQLite files only; for PostgreSQL use pg_dump: pg_dump --format=custom --file=${target} "$PINGORU_DATABASE_URL" (restore with pg_restore --clean --if-exists --no-owner --dbname="$PINGORU_DATABASE_URL" ${target})`,
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) || databaseUrl === ":memory:")
    throw new PingoruError("input", `cannot back up ${databaseUrl}: pingoru backup copies a SQLite file`);
  return (await import("./sqlite-backup.ts")).backupSqliteFile(databaseUrl, target, force);
}
