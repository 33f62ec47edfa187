// `pingoru export incidents`: the outage history as CSV or JSON lines, the rows of
// GET /api/v1/incidents?format=, streamed to stdout or to a file that appears whole or not at all.
import { Command, Option } from "commander";
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { EXPORT_FORMATS, type ExportFormat } from "../domain/export-rows.ts";
import { openIncidentExport } from "../http/incident-export.ts";
import { parseOutageFilter } from "../http/outage-query.ts";
import { count, settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

interface ExportOptions extends StoreOptions {
  from?: string;
  to?: string;
  vendor?: string[];
  format: ExportFormat;
  out?: string;
}

const TIME_HELP = "a UTC date (2024-05-01) or time (2024-05-01T14:00[:ss][Z])";

export function exportCommand(): Command {
  const command = new Command("export").description("export the record as CSV or JSON lines");
  command.addCommand(
    withStoreOptions(new Command("incidents"))
      .description("every incident and maintenance matching the filters, newest first")
      .option("--from <time>", `only those going on at or after it: ${TIME_HELP}`)
      .option("--to <time>", "only those started by then (a date: by the end of that day)")
      .option("--vendor <slug>", "only this vendor (repeatable)", (slug: string, all: string[] = []) => [
        ...all,
        slug,
      ])
      .addOption(new Option("--format <format>", "the file's format").choices(EXPORT_FORMATS).default("csv"))
      .option("--out <file>", "write to this file (replaced whole when done) instead of stdout")
      .action(async (options: ExportOptions) => {
        const one = (value: string | undefined) => (value === undefined ? undefined : [value]);
        const filter = parseOutageFilter({
          from: one(options.from),
          to: one(options.to),
          vendor: options.vendor ?? [],
        });
        await withRuntime(settingsFrom(options), async (runtime) => {
          const exported = await openIncidentExport(runtime.store, filter, options.format);
          const source = Readable.from(exported.chunks);
          if (options.out === undefined) {
            if (!(await writeToStdout(source))) return;
          } else await writeWhole(options.out, source);
          const where = options.out === undefined ? "" : ` to ${options.out}`;
          process.stderr.write(`exported ${count(exported.written(), "incident")}${where}\n`);
        });
      }),
  );
  return command;
}

/** False when the reader went away (`| head`): not a failure, nothing more to say. */
async function writeToStdout(source: Readable): Promise<boolean> {
  try {
    await pipeline(source, process.stdout, { end: false });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EPIPE") return false;
    throw error;
  }
}

/**
 * Writes beside the file and renames it into place at the end, so a failed or interrupted export
 * leaves the old file (or none), never half a file.
 */
async function writeWhole(file: string, source: Readable): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(temp, { force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  try {
    await pipeline(source, createWriteStream(temp, { flags: "wx", flush: true }));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
  }
}
