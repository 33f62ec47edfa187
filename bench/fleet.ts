// Fleet benchmark: does `pingoru serve` keep pace with N Atlassian Statuspage vendors polled every S s?
//   npm run bench:fleet -- --vendors N --interval S --duration D [--db URL] [--workers K]
//                          [--latency 50-300] [--change-every 200] [--kill-one-at SECONDS] [--raw after|with|off]
//                          [--server-keep-alive 65] [--fleet-processes P]
// Loopback only, bounded: setup, D seconds of Pingoru, then (by default) D − W seconds of the raw loop.
//
// A simulated fleet (bench/fleet/server.ts, child processes: as many as its connections need) serves the
// N vendors with ETags, random latency and random incidents. The N vendors go into a temp SQLite file (or a fresh schema of the
// PostgreSQL --db) through the store API, due times spread over one interval; then K `pingoru serve`
// children poll them. t0 is the first due time; [t0, t0 + W) is warm-up (baseline polls; --warmup, default
// one interval S), the steady window is [t0 + W, t0 + D]. Measured:
// - polls/s achieved vs needed N/S: polls counted from vendors.last_polled_at, sampled every second
//   (/metrics is read once at the end as a cross-check only: it renders every component of every vendor
//   from the database, and scraping it every second would add that to the CPU measured);
// - polls on time: from the fleet's log of summary.json requests, the gap between consecutive polls of
//   a vendor; on time when ≤ S + 2 s (the scheduler adds ±10 % jitter to S, so S + 2 s is tight at S ≥ 20);
// - detection lag: each fleet change against the event Pingoru stored for it (rule in figures.ts);
// - CPU ms per poll (utime + stime of the serve processes from /proc over the steady window ÷ polls),
//   peak RSS (VmHWM), RSS growth from the end of warm-up to the end;
// - the same CPU for a raw loop (bench/fleet/raw-loop.ts: undici + JSON.parse of summary.json only) and
//   the ratio; with --workers K (PostgreSQL): double polls, and with --kill-one-at the longest gap after
//   worker 0 is SIGKILLed (its leased vendors wait for the lease to expire).
import { fileURLToPath } from "node:url";
import { addFleetVendors, createPollCounter, openBenchDatabase, slugOf } from "./fleet/database.ts";
import {
  detectionLags,
  doublePolls,
  dueIntervals,
  gapsAfterKill,
  pollGaps,
  type StoredEvent,
} from "./fleet/figures.ts";
import { readOptions } from "./fleet/options.ts";
import {
  freePort,
  launchOf,
  readProc,
  startNode,
  stop,
  waitFor,
  type ProcSample,
} from "./fleet/processes.ts";
import { printReport, writeReport, type FleetRun } from "./fleet/report.ts";
import type { Change } from "./fleet/fleet-vendor.ts";

const options = readOptions(process.argv.slice(2));
const { vendors: N, interval: S, duration: D, workers: K, warmup: W } = options;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const sleepUntil = (t: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - Date.now())));

const fleet = Array.from({ length: options.fleetProcesses }, (_, shard) =>
  startNode([
    here("fleet/server.ts"),
    "--vendors",
    `${N}`,
    "--latency",
    options.latency,
    "--change-every",
    `${options.changeEvery}`,
    "--keep-alive",
    `${options.serverKeepAlive}`,
    "--shard",
    `${shard}`,
    "--shards",
    `${options.fleetProcesses}`,
  ]),
);
// Whatever happens to the bench, its children do not outlive it.
const children = fleet.map((f) => f.child);
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL")));
const fleetPorts = await Promise.all(fleet.map((f) => f.firstLine()));
const db = await openBenchDatabase(options.db);
// Adding takes about a millisecond a vendor; the serve processes need a few seconds to start.
const t0 = Date.now() + 8000 + N;
console.log(
  `adding ${N} vendors (${options.db ? "given database" : "temp SQLite file"}); first due in ${Math.round((t0 - Date.now()) / 1000)} s`,
);
await addFleetVendors(db.url, fleetPorts, N, S, t0);

const env = { PINGORU_ALLOW_PRIVATE_TARGETS: "1", PINGORU_POLL_INTERVAL: `${S}`, PINGORU_LOG_LEVEL: "warn" };
const workers: (ReturnType<typeof startNode> & { url: string })[] = [];
for (let w = 0; w < K; w++) {
  const port = await freePort();
  const cli = here("../src/cli/pingoru.js");
  // PINGORU_BENCH_CPU_PROFILE=<dir>: each serve writes a V8 CPU profile there when it stops.
  const profile = process.env.PINGORU_BENCH_CPU_PROFILE;
  const launch = launchOf(cli);
  const flags = [...launch.flags, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])];
  const args = [...flags, cli, "serve", "--db", db.url, "--port", `${port}`, "--host", "127.0.0.1"];
  workers.push({ ...startNode(args, { ...launch.env, ...env }), url: `http://127.0.0.1:${port}` });
  children.push(workers.at(-1)!.child);
}
try {
  await Promise.all(workers.map((w) => waitFor(`${w.url}/healthz`, 60_000, w.exited)));
} catch (error) {
  console.error(`pingoru serve did not start: ${(error as Error).message}`);
  await Promise.all([...workers, ...fleet].map((p) => stop(p.child, p.exited)));
  await db.close();
  process.exit(1);
}
if (Date.now() > t0)
  console.warn(`serve ready ${Date.now() - t0} ms after the first due time (warm-up absorbs it)`);
await sleepUntil(t0);

// Every second: each worker's /proc and the poll count.
const polls = createPollCounter(db);
const samples: { t: number; polls: number; procs: (ProcSample | null)[] }[] = [];
const takeSample = async () => {
  const t = Date.now() - t0;
  const procs = workers.map((w) => readProc(w.child.pid!, t));
  samples.push({ t, polls: await polls.sample(), procs });
};
let sampling = false;
const sampler = setInterval(() => {
  if (sampling) return;
  sampling = true;
  void takeSample().finally(() => (sampling = false));
}, 1000);
let killedAt: number | null = null;
const killer =
  options.killOneAt === null
    ? null
    : setTimeout(() => {
        workers[0]!.child.kill("SIGKILL");
        killedAt = Date.now();
        console.log(`worker 0 killed at t = ${options.killOneAt} s`);
      }, options.killOneAt * 1000);
const rawRun = (startAt: number) =>
  sleepUntil(startAt).then(async () => {
    const raw = startNode([
      here("fleet/raw-loop.ts"),
      "--port",
      fleetPorts.join(","),
      "--vendors",
      `${N}`,
      "--interval",
      `${S}`,
      "--seconds",
      `${D - W}`,
    ]);
    children.push(raw.child);
    await raw.exited;
    return JSON.parse(raw.stdout().trim().split("\n").at(-1) ?? "null") as FleetRun["raw"];
  });
const rawWith = options.raw === "with" ? rawRun(t0 + W * 1000) : null;

console.log(`running: ${N} vendors every ${S} s, ${K} worker(s), ${D} s (warm-up ${W} s)`);
await sleepUntil(t0 + D * 1000);
clearInterval(sampler);
if (killer) clearTimeout(killer);
while (sampling) await new Promise((resolve) => setTimeout(resolve, 50));
await takeSample();
const metricsPolls = await scrapePolls(
  workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null),
);
await Promise.all(workers.map((w) => stop(w.child, w.exited)));
const raw = rawWith ? await rawWith : options.raw === "after" ? await rawRun(Date.now()) : null;

const fleetLog = await Promise.all(fleetPorts.map((port) => readFleetLog(port)));
await Promise.all(fleet.map((f) => stop(f.child, f.exited)));
// Each vendor is one process's: the per-vendor logs merge element by element, the changes by time.
const log = {
  byVendor: Array.from({ length: N }, (_, i) => fleetLog.flatMap((part) => part.byVendor[i] ?? [])),
  connections: fleetLog.reduce((sum, part) => sum + part.connections, 0),
};
const changes = fleetLog.flatMap((part) => part.changes).sort((a, b) => a.at.localeCompare(b.at));
const events = await db.query<StoredEvent>(
  `select e.type, e.vendor, e.at, e.data, i.vendor_incident_id from events e
   join incidents i on i.id = e.incident_id where e.type like 'incident.%'`,
);
const baselineRows = await db.query<{ slug: string; baseline_at: string | null }>(
  "select slug, baseline_at from vendors",
);
await db.close();

// Changes from the end of warm-up until S + 2 s before the end (later ones could not be polled in time).
const steadyStart = t0 + W * 1000;
const end = t0 + D * 1000;
const judged = changes.filter(
  (c) => Date.parse(c.at) >= steadyStart && Date.parse(c.at) <= end - (S + 2) * 1000,
);
const schedule = dueIntervals(changes, N, S);
const baselines = new Map(baselineRows.map((r) => [Number(r.slug.slice("fleet-".length)), r.baseline_at]));
const run: FleetRun = {
  options,
  samples,
  metricsPolls,
  raw,
  schedule: {
    neededPerSecond: schedule.neededPerSecond(steadyStart, end),
    fastSeconds: schedule.fastSeconds,
  },
  gaps: pollGaps(log.byVendor, steadyStart, end, schedule.at),
  doublePolls: doublePolls(log.byVendor, schedule.fastSeconds),
  doublePollsSteady: doublePolls(log.byVendor, schedule.fastSeconds, steadyStart),
  connections: log.connections,
  afterKill: killedAt === null ? null : gapsAfterKill(log.byVendor, killedAt, end, S),
  lag: { changes: judged.length, ...detectionLags(judged, events, baselines, slugOf) },
};
printReport(run);
console.log(`\nwritten to ${await writeReport(run)}`);

async function readFleetLog(port: string) {
  const get = async <T>(path: string) => (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as T;
  const requests = await get<{ byVendor: number[][]; connections: number }>("/requests");
  const { changes } = await get<{ changes: Change[] }>("/changes?since=0");
  return { ...requests, changes };
}

/** Sum of every pingoru_polls_total sample of each live worker's /metrics; null if none answers. */
async function scrapePolls(live: { url: string }[]): Promise<number | null> {
  let total: number | null = null;
  for (const w of live) {
    try {
      const text = await (await fetch(`${w.url}/metrics`)).text();
      for (const line of text.split("\n"))
        if (line.startsWith("pingoru_polls_total")) total = (total ?? 0) + Number(line.split(" ").at(-1));
    } catch {
      // a worker that does not answer adds nothing
    }
  }
  return total;
}
