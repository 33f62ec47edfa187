// `pingoru at <time>`: what was open at that instant, across vendors (or the ones named), from the
// stored record. The MCP server's incidents_at asks the same question through listOpenAt.
import { Command } from "commander";
import { serializeIncident } from "../domain/api-json.ts";
import type { Incident, Iso } from "../domain/model.ts";
import { isOpenAt, parseInstant } from "../domain/open-at.ts";
import { loadRevisionMarks } from "../http/revision-marks.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Store } from "../store/store.ts";
import { settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

const PAGE = 500;

export function atCommand(): Command {
  return withStoreOptions(new Command("at"))
    .description("what was open at an instant, across vendors")
    .argument("<time>", 'ISO 8601 or "YYYY-MM-DD HH:MM", UTC unless it carries an offset')
    .option("--vendor <slug>", "only this vendor (repeatable)", (slug: string, all: string[] = []) => [
      ...all,
      slug,
    ])
    .option("--json", "print JSON: {at, incidents: [Incident]}, the API's shapes")
    .action(async (time: string, options: StoreOptions & { vendor?: string[]; json?: boolean }) => {
      const at = parseInstant(time);
      await withRuntime(await settingsFrom(options), async (runtime) => {
        const open = await listOpenAt(runtime.store, at, options.vendor ?? []);
        if (options.json)
          return void process.stdout.write(
            JSON.stringify({ at, incidents: await incidentsJson(runtime.store, open) }, null, 2) + "\n",
          );
        if (open.length === 0) process.stderr.write(`nothing was open at ${at}\n`);
        for (const i of open)
          process.stdout.write(
            `${i.vendor}\t${i.kind}\t${i.status}\t${i.impact}\t${i.startedAt}\t${i.title.replace(/\s+/g, " ")}\n`,
          );
      });
    });
}

/** The incidents and maintenances open at `at` (domain/open-at.ts), newest start first; all vendors when `slugs` is empty. */
export async function listOpenAt(store: Store, at: Iso, slugs: readonly string[] = []): Promise<Incident[]> {
  const known = (await store.listVendors()).map((v) => v.slug);
  const vendors = slugs.length > 0 ? [...new Set(slugs)] : known;
  const unknown = vendors.find((slug) => !known.includes(slug));
  if (unknown !== undefined) throw new PingoruError("not_found", `no vendor with slug "${unknown}"`);
  // The store's window [at, at + 1 ms) holds every incident open at `at`, and a few resolved exactly then.
  const until = new Date(Date.parse(at) + 1).toISOString();
  const open: Incident[] = [];
  for (const slug of vendors) {
    let before: string | null = null;
    do {
      const page = await store.listIncidents(slug, { limit: PAGE, before, since: at, until });
      open.push(...page.items.filter((i) => isOpenAt(i, at)));
      before = page.next;
    } while (before !== null);
  }
  return open.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.vendor.localeCompare(b.vendor));
}

/** Incidents as the API gives them (GET /api/v1/incidents/:id), with what the vendor changed marked. */
export async function incidentsJson(store: Store, incidents: readonly Incident[]) {
  const marks = await loadRevisionMarks(store, incidents);
  return incidents.map((i) => serializeIncident(i, marks.get(i.id)));
}
