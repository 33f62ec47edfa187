// `pingoru export incidents|uptime|sla`: the outage history, uptime per vendor × component over a window
// and SLA targets judged per month, as CSV or JSON lines (the rows of ?format= on GET /api/v1/incidents,
// /vendors/:slug/uptime and /sla), streamed to stdout or to a file that appears whole or not at all.
import { Command, Option } from "commander";
import { randomBytes } from "node:crypto";
import { createWriteStream, rmSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { EXPORT_FORMATS, type ExportFormat } from "../domain/export-rows.ts";
import { monthsBetween } from "../domain/sla.ts";
import type { RecordExport } from "../http/export-stream.ts";
import { openIncidentExport } from "../http/incident-export.ts";
import { checkOutageVendors, parseOutageFilter } from "../http/outage-query.ts";
import { openSlaExport, openUptimeExport } from "../http/sla-export.ts";
import { parseUptimeWindow } from "../http/uptime-load.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Runtime } from "../main.ts";
import { count, settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

interface ExportOptions extends StoreOptions {
  from?: string;
  to?: string;
  vendor?: string[];
  format: ExportFormat;
  out?: string;
}

interface SlaExportOptions extends ExportOptions {
  month?: string;
}

const TIME_HELP = "a UTC date (2024-05-01) or time (2024-05-01T14:00[:ss][Z])";

/** The options every export takes: --vendor (repeatable), --format and --out. */
function exportOptions(command: Command): Command {
  return withStoreOptions(command)
    .option("--vendor <slug>", "only this vendor (repeatable)", (slug: string, all: string[] = []) => [
      ...all,
      slug,
    ])
    .addOption(new Option("--format <format>", "the file's format").choices(EXPORT_FORMATS).default("csv"))
    .option("--out <file>", "write to this file (replaced whole when done) instead of stdout");
}

export function exportCommand(): Command {
  const command = new Command("export").description("export the record as CSV or JSON lines");
  command.addCommand(
    exportOptions(new Command("incidents"))
      .description("every incident and maintenance matching the filters, newest first")
      .option("--from <time>", `only those going on at or after it: ${TIME_HELP}`)
      .option("--to <time>", "only those started by then (a date: by the end of that day)")
      .action(async (options: ExportOptions) => {
        const one = (value: string | undefined) => (value === undefined ? undefined : [value]);
        const filter = parseOutageFilter({
          from: one(options.from),
          to: one(options.to),
          vendor: options.vendor ?? [],
        });
        await run(options, "incident", (runtime) =>
          openIncidentExport(runtime.store, filter, options.format),
        );
      }),
  );
  command.addCommand(
    exportOptions(new Command("uptime"))
      .description("each component's uptime over one window: a row per vendor and component")
      .option("--from <time>", `the window's start: ${TIME_HELP} (default: 90 days before --to)`)
      .option("--to <time>", "its end (a date: the end of that day; default: now)")
      .action(async (options: ExportOptions) => {
        await run(options, "row", async (runtime) => {
          const now = new Date();
          const window = parseUptimeWindow(options.from, options.to, now);
          const vendors = await chosenVendors(runtime, options.vendor);
          return openUptimeExport(runtime.store, vendors, window, options.format, now);
        });
      }),
  );
  command.addCommand(
    exportOptions(new Command("sla"))
      .description("each SLA target judged per calendar month (UTC): a row per target and month")
      .option("--month <YYYY-MM>", "one month (default: the current one)")
      .option("--from <YYYY-MM>", "the first month of several (a date: its month)")
      .option("--to <YYYY-MM>", "the last month, included (a date: its month; default: the current one)")
      .action(async (options: SlaExportOptions) => {
        await run(options, "row", async (runtime) => {
          const now = new Date();
          const months = exportMonths(options, now);
          const vendors = options.vendor?.length ? options.vendor : null;
          if (vendors !== null) await checkOutageVendors(runtime.store, { vendor: vendors });
          return openSlaExport(runtime.store, months, vendors, options.format, now);
        });
      }),
  );
  return command;
}

/** Opens the export (bad input fails before anything is written), writes it and says how much. */
async function run(options: ExportOptions, noun: string, open: (runtime: Runtime) => Promise<RecordExport>) {
  await withRuntime(await settingsFrom(options), async (runtime) => {
    const exported = await open(runtime);
    // One piece read ahead of the writing, not Readable.from's 16: pieces waiting to be written would
    // outlive V8's young generation and pile up in the old one (an export's peak memory).
    const source = Readable.from(exported.chunks, { highWaterMark: 1 });
    if (options.out === undefined) {
      if (!(await writeToStdout(source))) return;
    } else await writeWhole(options.out, source);
    const where = options.out === undefined ? "" : ` to ${options.out}`;
    process.stderr.write(`exported ${count(exported.written(), noun)}${where}\n`);
  });
}

/** The --vendor slugs (each must be watched), or every vendor. */
async function chosenVendors(runtime: Runtime, slugs: string[] | undefined) {
  const all = await runtime.store.listVendors();
  if (!slugs?.length) return all;
  await checkOutageVendors(runtime.store, { vendor: slugs });
  return [...new Set(slugs)].map((slug) => all.find((v) => v.slug === slug)!);
}

/** --month, or --from/--to as months (a date stands for its month), or the current month. */
export function exportMonths(options: { month?: string; from?: string; to?: string }, now: Date): string[] {
  if (options.month !== undefined && (options.from !== undefined || options.to !== undefined))
    throw new PingoruError("input", "give either --month, or --from and --to");
  const current = now.toISOString().slice(0, 7);
  if (options.month !== undefined) return monthsBetween(options.month, options.month);
  const monthOf = (text: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text.slice(0, 7) : text);
  const to = options.to === undefined ? current : monthOf(options.to);
  return monthsBetween(options.from === undefined ? to : monthOf(options.from), to);
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
