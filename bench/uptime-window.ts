// Uptime over 30 days for a vendor with three years of component changes (issues 10 and 11): the time
// and memory of reading what the window needs (loadUptimeInput: the window's changes and each
// component's last change before it) and of computing each component's uptime from it, against the
// former read of every change the vendor ever had; and listComponentChanges alone against its queries
// as they were before 0019 (max(seq) over every earlier change). A SQLite file, written once.
// Run: node --expose-gc bench/uptime-window.ts [--components 20] [--changes-a-day 4] [--runs 10] [--years 3] [--without-index]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import type { ChangeEvent, Incident } from "../src/domain/model.ts";
import { computeWindowUptime, historyStart, type WindowUptimeInput } from "../src/domain/uptime.ts";
import type { Vendor } from "../src/domain/vendor.ts";
import { allIncidents, loadUptimeInput } from "../src/http/uptime-load.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";

const { values } = parseArgs({
  options: {
    components: { type: "string", default: "20" },
    "changes-a-day": { type: "string", default: "4" },
    runs: { type: "string", default: "10" },
    years: { type: "string", default: "3" },
    // Drop 0019's indexes: what the reads cost without them (the former queries as they ran).
    "without-index": { type: "boolean", default: false },
  },
});
const COMPONENTS = Number(values.components);
const PER_DAY = Number(values["changes-a-day"]);
const RUNS = Number(values.runs);
const DAY = 86_400_000;
const NOW = Date.parse("2026-12-01T00:00:00.000Z");
const YEARS = Number(values.years);
const START = NOW - YEARS * 365 * DAY;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const dir = mkdtempSync(join(tmpdir(), "pingoru-uptime-window-"));
const file = join(dir, "bench.db");

/** The vendor, its components, an incident a week and PER_DAY changes a day on each component. */
async function seed(): Promise<number> {
  const store = await openStore(file);
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://acme.example", platform: "statuspage" },
    new Date(START).toISOString(),
  );
  const components = Array.from({ length: COMPONENTS }, (_, k) => ({
    id: `c${k}`,
    name: `Component ${k}`,
    group: null,
    position: k,
    status: "operational" as const,
    rawStatus: "operational",
  }));
  const incidents: Incident[] = [];
  for (let t = START + DAY, k = 0; t < NOW; t += 7 * DAY, k++) {
    const at = (ms: number) => new Date(ms).toISOString();
    incidents.push({
      id: `acme:i${k}`,
      vendor: "acme",
      vendorIncidentId: `i${k}`,
      kind: "incident",
      title: `Incident ${k}`,
      status: "resolved",
      impact: "major",
      url: null,
      startedAt: at(t),
      resolvedAt: at(t + 3_600_000),
      scheduledFor: null,
      scheduledUntil: null,
      detectedAt: at(t),
      seenLive: false,
      detectionLagSeconds: null,
      postmortemPublishedAt: null,
      postmortemUrl: null,
      listedOperational: [],
      affectedComponents: [{ id: "c0", name: "Component 0", worstStatus: "major_outage" }],
      updates: [
        {
          id: `u${k}`,
          status: "resolved",
          at: at(t),
          message: "Down",
          components: [{ id: "c0", name: "Component 0", status: "major_outage" }],
        },
      ],
    });
  }
  await store.savePoll({
    vendor: "acme",
    polledAt: new Date(START).toISOString(),
    nextPollAt: new Date(NOW).toISOString(),
    outcome: { ok: true, components, incidents },
    events: [],
  });
  await store.close();
  // The changes in one transaction, as the poller would have stored them over three years.
  const raw = new DatabaseSync(file);
  const insert = raw.prepare(
    "INSERT INTO events (id, type, vendor, incident_id, component_id, at, data) VALUES (?, 'component.changed', 'acme', NULL, ?, ?, ?)",
  );
  const statuses = ["operational", "degraded_performance", "partial_outage", "major_outage"];
  let count = 0;
  raw.exec("BEGIN");
  for (let t = START; t < NOW; t += DAY / PER_DAY) {
    for (let c = 0; c < COMPONENTS; c++) {
      const at = new Date(t + c * 1000).toISOString();
      const [from, to] = [statuses[count % 4]!, statuses[(count + 1) % 4]!];
      insert.run(
        `chg-${c}-${t}`,
        `c${c}`,
        at,
        JSON.stringify({ name: `Component ${c}`, group: null, from, to }),
      );
      count++;
    }
  }
  raw.exec("COMMIT");
  if (values["without-index"]) raw.exec("DROP INDEX events_component_changes; DROP INDEX events_changes_at");
  raw.close();
  return count;
}

/** The read as it was: every component change the vendor ever had, in pages of 500. */
async function loadWholeHistory(
  store: Store,
  vendor: Vendor,
  from: Date,
  to: Date,
  now: Date,
): Promise<WindowUptimeInput> {
  const [since, until] = [from.toISOString(), to.toISOString()];
  const changes: ChangeEvent[] = [];
  for (let after: string | null = null; ;) {
    const page = await store.listEvents({
      limit: 500,
      after,
      vendor: vendor.slug,
      types: ["component.changed"],
    });
    changes.push(...page.items);
    if (page.items.length < 500) break;
    after = page.next;
  }
  const [components, incidents, older] = await Promise.all([
    store.listComponents(vendor.slug),
    allIncidents(store, vendor.slug, since, until),
    store.listIncidents(vendor.slug, { limit: 1, until: since }),
  ]);
  const earliest = older.items[0]?.startedAt ?? null;
  return {
    components,
    incidents,
    changes,
    coverageStart: historyStart(vendor.baselineAt, earliest),
    now,
    from,
    to,
  };
}

type Loader = (store: Store, vendor: Vendor, from: Date, to: Date, now: Date) => Promise<WindowUptimeInput>;

const WINDOW = { from: new Date(NOW - 30 * DAY), to: new Date(NOW), now: new Date(NOW) };

/** One read and computation; only numbers leave it, so nothing of its input outlives it. */
async function oneRun(load: Loader, store: Store, vendor: Vendor) {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const input = await load(store, vendor, WINDOW.from, WINDOW.to, WINDOW.now);
  const loaded = performance.now();
  const uptime = JSON.stringify(computeWindowUptime(input));
  const computed = performance.now();
  const heap = process.memoryUsage().heapUsed - before;
  gc!();
  const retained = process.memoryUsage().heapUsed - before;
  const changes = input.changes.length; // input is live up to here
  return { load: loaded - started, compute: computed - loaded, heap, retained, changes, uptime };
}

async function measure(name: string, load: Loader, store: Store, vendor: Vendor): Promise<string> {
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let run = 0; run <= RUNS; run++) runs.push(await oneRun(load, store, vendor));
  if (runs.some((r) => r.uptime !== runs[0]!.uptime)) throw new Error(`${name}: a run gave other figures`);
  const timed = runs.slice(1);
  const median = (pick: (r: (typeof timed)[number]) => number) =>
    timed.map(pick).sort((a, b) => a - b)[Math.floor(timed.length / 2)]!;
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  console.log(
    `| ${name} | ${runs[0]!.changes} | ${median((r) => r.load).toFixed(1)} ms | ${median((r) => r.compute).toFixed(1)} ms | ${mb(median((r) => r.heap))} MB | ${mb(median((r) => r.retained))} MB |`,
  );
  return runs[0]!.uptime;
}

try {
  const count = await seed();
  const store = await openStore(file);
  const vendor = (await store.getVendor("acme"))!;
  console.log(
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`,
  );
  console.log(
    `${COMPONENTS} components, ${count} changes over ${YEARS} years, ${values["without-index"] ? "without 0019's indexes" : "the migrations' indexes"}, ${RUNS} runs after one warm-up; medians\n`,
  );
  console.log("| read | changes read | load | compute | heap grown | heap held by the input |");
  console.log("|---|---:|---:|---:|---:|---:|");
  const whole = await measure("whole history (before)", loadWholeHistory, store, vendor);
  const windowed = await measure("window (now)", loadUptimeInput, store, vendor);
  if (whole !== windowed) throw new Error("the two reads gave different uptime");
  // Of the window's load, the component changes alone (listComponentChanges' two queries), and the
  // same two reads as they were before 0019, on the same file.
  const [since, until] = [WINDOW.from.toISOString(), WINDOW.to.toISOString()];
  const raw = new DatabaseSync(file, { readOnly: true });
  const former = [
    `SELECT * FROM events WHERE seq IN (SELECT max(seq) FROM events WHERE vendor = ? AND type = 'component.changed' AND at < ? GROUP BY component_id)`,
    `SELECT * FROM events WHERE vendor = ? AND type = 'component.changed' AND at >= ? AND at < ?`,
  ].map((query) => raw.prepare(query));
  const timed = async (read: () => Promise<number>) => {
    const times: number[] = [];
    let rows = 0;
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      rows = await read();
      if (run > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return `median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms (${rows} changes)`;
  };
  const now = await timed(async () => (await store.listComponentChanges("acme", since, until)).length);
  const before = await timed(
    async () => former[0]!.all("acme", since).length + former[1]!.all("acme", since, until).length,
  );
  console.log(`\nlistComponentChanges alone: ${now}; its queries before 0019: ${before}`);
  raw.close();
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
