// A simulated day (issue 13's long run): the real poller, store, outbox and dispatcher run for 24 hours
// of an injected clock, against a fleet of Statuspage vendors on loopback whose incidents open, advance
// and resolve on that clock, with a webhook receiver answering. Every simulated hour it records RSS and
// the heap after a collection, the handles and requests Node holds, the database's size and each table's
// rows, and prunes past a retention of 6 simulated hours (the delivery log and the events no delivery
// needs; the record is never pruned). It then judges what a long run must show: memory and handles flat
// after warm-up, the record matching the fleet, and no table but the record's growing without bound.
//
//   node --expose-gc bench/simulated-day.ts [--vendors 100] [--hours 24] [--interval 60] [--change-every 1800]
//
// To measure it as `pingoru serve` runs, give it the command's #! settings (src/cli/pingoru.js):
//   MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 node --expose-gc --max-semi-space-size=16 \
//     --heap-growing-percent=50 bench/simulated-day.ts
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fork } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { writeHeapSnapshot } from "node:v8";
import { createHttpClient } from "../src/lib/guarded-http.ts";
import { createChannel } from "../src/notify/channels/index.ts";
import { createDispatcher } from "../src/notify/dispatcher.ts";
import { getPlatform } from "../src/platforms/registry.ts";
import { createMemoryCache, type VendorCache } from "../src/poller/memory-cache.ts";
import { pollVendor, type PollDeps } from "../src/poller/poll-vendor.ts";
import { openStore } from "../src/store/open-store.ts";

const { values } = parseArgs({
  options: {
    vendors: { type: "string", default: "100" },
    hours: { type: "string", default: "24" },
    interval: { type: "string", default: "60" },
    "change-every": { type: "string", default: "1800" },
  },
});
const VENDORS = Number(values.vendors);
const HOURS = Number(values.hours);
const INTERVAL_S = Number(values.interval);
const CHANGE_EVERY_S = Number(values["change-every"]);
const STEP_S = 10;
const RETENTION_H = 6;
for (const [name, n] of Object.entries({ VENDORS, HOURS, INTERVAL_S, CHANGE_EVERY_S }))
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const gc = globalThis.gc;

// The simulated clock, and a seeded random (mulberry32) so that a run can be repeated.
let nowMs = Date.parse("2026-03-02T00:00:00.000Z");
const now = () => new Date(nowMs);
let seed = 20261207;
const FLEET_SEED = 20261208;
interface FleetReply {
  url?: string;
  stepped?: number;
  scripted?: number;
}
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

// The fleet runs in its own process (bench/fleet/day-fleet.ts), stepped by this clock: the figures
// below are Pingoru's memory alone, not the fleet's growing history.
const fleetProcess = fork(fileURLToPath(new URL("./fleet/day-fleet.ts", import.meta.url)), [
  String(VENDORS),
  String(CHANGE_EVERY_S),
  String(STEP_S),
  String(nowMs),
  String(FLEET_SEED),
]);
const replies: ((message: FleetReply) => void)[] = [];
fleetProcess.on("message", (message: FleetReply) => replies.shift()?.(message));
fleetProcess.on("exit", (code) => {
  if (code !== 0) throw new Error(`the fleet process exited with ${code}`);
});
const fleetReply = () => new Promise<FleetReply>((resolve) => replies.push(resolve));
const ask = (message: object) => {
  const reply = fleetReply();
  fleetProcess.send(message);
  return reply;
};
let received = 0;
const receiver = createServer((req, res) => {
  req.resume().on("end", () => {
    received += 1;
    res.writeHead(204).end();
  });
});
const [fleetUrl, receiverUrl] = await Promise.all([
  fleetReply().then((reply) => reply.url!),
  listen(receiver),
]);

const dir = mkdtempSync(join(tmpdir(), "pingoru-day-"));
const file = join(dir, "day.db");
const store = await openStore(file);
for (let index = 0; index < VENDORS; index++)
  await store.addVendor(
    {
      slug: `v${index}`,
      name: `Fleet ${index}`,
      url: `${fleetUrl}/v/${index}`,
      platform: "statuspage",
      intervalSeconds: INTERVAL_S,
    },
    now().toISOString(),
  );
await store.upsertChannel({
  id: "hook",
  type: "webhook",
  config: { url: `${receiverUrl}/hook` },
  disabledReason: null,
});
await store.upsertSubscription({
  id: "all",
  channel: "hook",
  vendors: null,
  components: null,
  minImpact: null,
  events: ["incident.opened", "incident.updated", "incident.resolved"],
});

const caches = new Map<string, VendorCache>();
const deps: PollDeps = {
  store,
  http: createHttpClient({ allowPrivateTargets: true }),
  platform: getPlatform,
  now,
  defaultIntervalSeconds: INTERVAL_S,
  cacheFor: (slug) => caches.get(slug) ?? caches.set(slug, createMemoryCache()).get(slug)!,
  random,
};
const dispatcher = createDispatcher({
  store,
  channelFor: (config) => createChannel(config, { allowPrivateTargets: true }),
  now,
  random,
  tickMs: 1000,
  concurrency: 8,
  leaseSeconds: 20,
  publicUrl: "https://pingoru.example",
  onError: (error) => {
    throw error;
  },
});

const TABLES = [
  "vendors",
  "components",
  "incidents",
  "incident_updates",
  "events",
  "deliveries",
  "delivery_events",
  "incident_revisions",
  "calendar_revisions",
];
function rows(): Record<string, number> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return Object.fromEntries(
      TABLES.map((t) => [t, Number((db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n)]),
    );
  } finally {
    db.close();
  }
}

/** RSS split into its private and file-backed parts (Linux's /proc/self/status), in MiB. */
function rssParts(): { rssAnonMiB: number; rssFileMiB: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return {
    rssAnonMiB: mib(kib("RssAnon") * 1024),
    rssFileMiB: mib((kib("RssFile") + kib("RssShmem")) * 1024),
  };
}

interface Sample {
  hour: number;
  rssMiB: number;
  /** The private part of RSS (/proc's RssAnon): the heap, the allocator, SQLite's cache. */
  rssAnonMiB: number;
  /** The file-backed part (RssFile): the node binary's and libraries' pages, mapped in as code runs. */
  rssFileMiB: number;
  heapMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  handles: number;
  dbMiB: number;
  polls: number;
  rows: Record<string, number>;
}
const samples: Sample[] = [];
const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
let polls = 0;
let failures = 0;
const startedAt = Date.now();
const steps = (HOURS * 3600) / STEP_S;
for (let step = 1; step <= steps; step++) {
  nowMs += STEP_S * 1000;
  await ask({ step: nowMs });
  const claimed = await store.claimDueVendors(
    now().toISOString(),
    new Date(nowMs + 30_000).toISOString(),
    VENDORS,
    "day",
  );
  const outcomes = await Promise.all(claimed.map((vendor) => pollVendor(vendor, deps)));
  polls += outcomes.length;
  failures += outcomes.filter((o) => !o.ok).length;
  await dispatcher.tick();
  if (step % (3600 / STEP_S) === 0) {
    const hour = step / (3600 / STEP_S);
    const before = new Date(nowMs - RETENTION_H * 3_600_000).toISOString();
    while (Object.values(await store.pruneBefore(before, 5_000)).some((n) => n > 0));
    gc();
    // PINGORU_BENCH_HEAP_SNAPSHOTS=<dir>: a heap snapshot at hour 2 and at the last hour, to diff.
    const snapshots = process.env.PINGORU_BENCH_HEAP_SNAPSHOTS;
    if (snapshots && (hour === 2 || hour === HOURS))
      writeHeapSnapshot(join(snapshots, `day-hour-${hour}.heapsnapshot`));
    const memory = process.memoryUsage();
    samples.push({
      hour,
      rssMiB: mib(memory.rss),
      ...rssParts(),
      heapMiB: mib(memory.heapUsed),
      heapTotalMiB: mib(memory.heapTotal),
      externalMiB: mib(memory.external),
      handles: process.getActiveResourcesInfo().length,
      dbMiB: mib(statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)),
      polls,
      rows: rows(),
    });
    const s = samples.at(-1)!;
    console.log(
      `hour ${String(hour).padStart(2)}: rss ${s.rssMiB} MiB (anon ${s.rssAnonMiB}, file ${s.rssFileMiB}), heap ${s.heapMiB}/${s.heapTotalMiB} MiB, external ${s.externalMiB} MiB, ` +
        `handles ${s.handles}, db ${s.dbMiB} MiB, ` +
        `polls ${polls}, incidents ${s.rows.incidents}, events ${s.rows.events}, deliveries ${s.rows.deliveries}, sent ${received}`,
    );
  }
}
// Let the last deliveries go, then judge.
for (let i = 0; i < 20; i++) {
  nowMs += 60_000;
  await dispatcher.tick();
}
await dispatcher.stop();

const recorded = (await store.listVendors()).length;
{
  // The fleet never edits what it published: any revision here is one Pingoru made up.
  const db = new DatabaseSync(file, { readOnly: true });
  const revisions = db
    .prepare(
      "select r.vendor, r.incident_id, r.update_id, r.seen_at, i.started_at, i.status, i.title from incident_revisions r join incidents i on i.id = r.incident_id",
    )
    .all();
  db.close();
  if (revisions.length > 0) console.log("revisions:", JSON.stringify(revisions).slice(0, 2000));
}
const scripted = (await ask({ finish: true })).scripted!;
const after = samples.find((s) => s.hour === Math.min(2, HOURS))!;
const last = samples.at(-1)!;
const growth = (a: number, b: number) => Math.round(((b - a) / a) * 1000) / 10;
const report = {
  date: new Date().toISOString(),
  vendors: VENDORS,
  hours: HOURS,
  intervalSeconds: INTERVAL_S,
  changeEverySeconds: CHANGE_EVERY_S,
  retentionHours: RETENTION_H,
  launch: {
    execArgv: process.execArgv,
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? null,
    MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ ?? null,
  },
  wallSeconds: Math.round((Date.now() - startedAt) / 1000),
  polls,
  failedPolls: failures,
  webhooksReceived: received,
  vendorsRecorded: recorded,
  incidentsScriptedThisRun: scripted,
  rssGrowthAfterHour2Percent: growth(after.rssMiB, last.rssMiB),
  rssAnonGrowthAfterHour2Percent: growth(after.rssAnonMiB, last.rssAnonMiB),
  heapGrowthAfterHour2Percent: growth(after.heapMiB, last.heapMiB),
  handlesMinMax: [Math.min(...samples.map((s) => s.handles)), Math.max(...samples.map((s) => s.handles))],
  samples,
};
console.log(
  `\n${HOURS} simulated hours in ${report.wallSeconds} s: ${polls} polls (${failures} failed), ${received} webhooks; ` +
    `RSS ${after.rssMiB} → ${last.rssMiB} MiB (${report.rssGrowthAfterHour2Percent} % after hour 2; ` +
    `private ${after.rssAnonMiB} → ${last.rssAnonMiB} MiB, ${report.rssAnonGrowthAfterHour2Percent} %), ` +
    `heap ${after.heapMiB} → ${last.heapMiB} MiB, handles ${report.handlesMinMax.join("–")}`,
);
const out = new URL("./results/", import.meta.url);
mkdirSync(out, { recursive: true });
const name = `simulated-day-${report.date.slice(0, 16).replace(/:/g, "")}.json`;
writeFileSync(new URL(name, out), `${JSON.stringify(report, null, 2)}\n`);
console.log(`written to bench/results/${name}`);
await store.close();
receiver.closeAllConnections();
receiver.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0); // the HTTP client keeps idle connections to the fleet a while
