// `pingoru backup <file>`: a consistent copy of the SQLite database, taken while serve keeps running.
import { Command } from "commander";
import { redactUrl } from "../lib/safe-url.ts";
import { settingsFrom, withStoreOptions, type StoreOptions } from "./options.ts";

export function backupCommand(): Command {
  return withStoreOptions(new Command("backup"))
    .description("copy the SQLite database to a file, safely while serve runs (PostgreSQL: pg_dump)")
    .argument("<file>", "where the copy goes (refused if it exists, unless --force)")
    .option("--force", "overwrite the file if it exists")
    .action(async (file: string, options: StoreOptions & { force?: boolean }) => {
      const { databaseUrl } = await settingsFrom(options);
      const { backupDatabase } = await import("../store/backup.ts");
      const { pages, bytes } = await backupDatabase(databaseUrl, file, options.force === true);
      const size = `${(bytes / 1_048_576).toFixed(1)} MB`;
      process.stderr.write(
        `backed up ${redactUrl(databaseUrl)} to ${file} (${pages} pages, ${size}, integrity ok)\n`,
      );
    });
}
