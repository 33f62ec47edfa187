// A copy of a live SQLite database through SQLite's online backup (node:sqlite's backup()): safe while
// serve keeps polling and writing, checked before it is put where it was asked for.
import { existsSync, linkSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import { describeError, PingoruError } from "../lib/errors.ts";

/** What a backup wrote. */
export interface BackupResult {
  pages: number;
  bytes: number;
}

// Pages copied per step: all of them. A step reads one consistent snapshot (in WAL mode without
// blocking serve's writes); in smaller steps, every write serve commits in between restarts the copy,
// and a busy database might never finish.
const ALL_PAGES = 2 ** 31 - 1;

/**
 * Copies the SQLite database at `source` to `target` with SQLite's online backup, while other
 * processes (serve) keep reading and writing it. The copy is written beside the target, checked
 * (PRAGMA integrity_check) and only then moved into place: `target` is never a partial file. An
 * existing `target` is refused unless `force`.
 */
export async function backupSqliteFile(
  source: string,
  target: string,
  force: boolean,
): Promise<BackupResult> {
  if (!existsSync(source)) throw new PingoruError("not_found", `no SQLite database at ${source}`);
  if (!existsSync(dirname(resolve(target))))
    throw new PingoruError("input", `cannot write ${target}: no directory ${dirname(resolve(target))}`);
  if (existsSync(target)) {
    if (!force) throw new PingoruError("conflict", `${target} exists; use --force to overwrite it`);
    if (realpathSync(target) === realpathSync(source))
      throw new PingoruError("input", `${target} is the database itself; back it up to another file`);
    // A write-ahead log beside it belongs to a database in use: replacing the file under it corrupts it.
    if (existsSync(`${target}-wal`))
      throw new PingoruError(
        "conflict",
        `${target} is a database in use (${target}-wal exists); not replaced`,
      );
  }
  const partial = resolve(dirname(target), `.${process.pid}.pingoru-backup.partial`);
  const db = new DatabaseSync(source);
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    const pages = await backup(db, partial, { rate: ALL_PAGES });
    checkIntegrity(partial);
    // link() never replaces a file: a target created meanwhile is still refused, never overwritten.
    if (force) renameSync(partial, target);
    else linkSync(partial, target);
    return { pages, bytes: statSync(target).size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new PingoruError("conflict", `${target} exists; use --force to overwrite it`, { cause: error });
    if (error instanceof PingoruError) throw error;
    throw new PingoruError("input", `backup of ${source} failed: ${describeError(error)}`, { cause: error });
  } finally {
    db.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });
  }
}

function checkIntegrity(path: string): void {
  const copy = new DatabaseSync(path);
  try {
    const rows = copy.prepare("PRAGMA integrity_check").all();
    const problems = rows.map((row) => String(Object.values(row)[0])).filter((text) => text !== "ok");
    if (problems.length > 0)
      throw new PingoruError("input", `the copy failed its integrity check: ${problems.join("; ")}`);
  } finally {
    copy.close();
  }
}
