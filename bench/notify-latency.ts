// Notification latency: from an event stored (its poll's transaction committed, deliveries included)
// to the webhook received by a loopback receiver in another process, p50/p99 over 1,000 events.
// Run: npx node bench/notify-latency.ts [--db URL]   (default: a fresh SQLite file)
//
// Pingoru's side is what `serve` runs: the real store, routing, dispatcher and webhook channel (signed,
// through the SSRF-guarded HTTP sender). Two cases:
// - "woken": the poller calls dispatcher.wake() after a poll that wrote events, as serve does;
// - "woken (no tick)": the same with the tick set to a minute, to show the wake-up alone misses nothing;
// - "tick only": nobody wakes it (deliveries written by another process, e.g. `pingoru poll`), so
//   the dispatcher finds them on its 100 ms tick (serve's).
// Events arrive open-loop, one every GAP_MS, each a new incident (so one delivery each).
import { spawn } from "node:child_process";
import pg from "pg";
import { createInterface } from "node:readline";
import { mkdtempSync } from "node:fs";
import { cpus, totalmem, tmpdir, type as osType, release } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChangeEvent, Incident } from "../src/domain/model.ts";
import { stableId } from "../src/lib/hash.ts";
import { createChannel } from "../src/notify/channels/index.ts";
import { createDispatcher } from "../src/notify/dispatcher.ts";
import { routeEvents } from "../src/notify/route.ts";
import { isPostgresUrl, openStore } from "../src/store/open-store.ts";
import { openPostgresStore } from "../src/store/postgres.ts";
import type { Store } from "../src/store/store.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const WARMUP = 20;
const GAP_MS = 20;
const dbArg = process.argv.indexOf("--db");
const databaseUrl =
  dbArg > 0 ? process.argv[dbArg + 1]! : join(mkdtempSync(join(tmpdir(), "pingoru-bench-")), "bench.db");
const wallMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startReceiver() {
  const script = fileURLToPath(new URL("webhook-receiver.ts", import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const arrivals = new Map<string, number>();
  const port = await new Promise<string>((resolve) => lines.once("line", resolve));
  lines.on("line", (line) => {
    const [id, at] = line.split(" ");
    if (!arrivals.has(id!)) arrivals.set(id!, Number(at));
  });
  return { url: `http://127.0.0.1:${port}/hook`, arrivals, stop: () => child.kill() };
}

let seq = 0;
/** One poll's write for a new incident: the incident, its incident.opened event, routed deliveries. */
async function storeNewIncident(
  store: Store,
  subscriptions: Awaited<ReturnType<Store["listSubscriptions"]>>,
) {
  const n = ++seq;
  const now = new Date().toISOString();
  const incident: Incident = {
    id: stableId("bench", n),
    vendor: "bench",
    vendorIncidentId: `bench-${n}`,
    kind: "incident",
    title: `Bench incident ${n}`,
    status: "investigating",
    impact: "minor",
    url: `https://status.bench.example/incidents/${n}`,
    startedAt: now,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: now,
    seenLive: true,
    detectionLagSeconds: 0,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [{ id: "c1", name: "API", worstStatus: "partial_outage" }],
    updates: [
      {
        id: `u-${n}`,
        status: "investigating",
        at: now,
        message: "We are investigating elevated error rates on the API.",
        components: [{ id: "c1", name: "API", status: "partial_outage" }],
      },
    ],
  };
  const event: ChangeEvent = {
    id: stableId("bench-event", n),
    type: "incident.opened",
    vendor: "bench",
    incidentId: incident.id,
    componentId: null,
    at: now,
    data: { title: incident.title, status: incident.status, impact: incident.impact },
  };
  const deliveries = routeEvents({
    events: [event],
    incidents: new Map([[incident.id, incident]]),
    components: [],
    subscriptions,
    now,
  });
  await store.savePoll({
    vendor: "bench",
    polledAt: now,
    nextPollAt: now,
    outcome: { ok: true, incidents: [incident] },
    events: [event],
    deliveries,
  });
  return { deliveryId: deliveries[0]!.id, storedAt: wallMs() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Mode = "woken" | "woken (no tick)" | "tick only";

async function run(mode: Mode, store: Store, receiver: Awaited<ReturnType<typeof startReceiver>>) {
  const subscriptions = await store.listSubscriptions();
  const dispatcher = createDispatcher({
    store,
    channelFor: (config) => createChannel(config, { allowPrivateTargets: true }),
    now: () => new Date(),
    // "woken (no tick)" leaves only the wake-up path: anything it missed would take a minute.
    tickMs: mode === "woken (no tick)" ? 60_000 : 100,
    concurrency: 8,
    leaseSeconds: 20,
    publicUrl: null,
    onError: (error) => console.error(error),
  });
  dispatcher.start();
  const stored: { deliveryId: string; storedAt: number }[] = [];
  for (let i = 0; i < WARMUP + EVENTS; i++) {
    const written = await storeNewIncident(store, subscriptions);
    if (mode !== "tick only") dispatcher.wake();
    if (i >= WARMUP) stored.push(written);
    await sleep(GAP_MS);
  }
  const deadline = Date.now() + 90_000;
  while (stored.some((s) => !receiver.arrivals.has(s.deliveryId)) && Date.now() < deadline) await sleep(50);
  await dispatcher.stop();
  const missing = stored.filter((s) => !receiver.arrivals.has(s.deliveryId)).length;
  const latencies = stored
    .filter((s) => receiver.arrivals.has(s.deliveryId))
    .map((s) => receiver.arrivals.get(s.deliveryId)! - s.storedAt)
    .sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  return {
    mode,
    received: latencies.length,
    missing,
    p50: fmt(percentile(latencies, 50)),
    p90: fmt(percentile(latencies, 90)),
    p99: fmt(percentile(latencies, 99)),
    max: fmt(latencies.at(-1)!),
  };
}

/** PostgreSQL: a schema of its own, dropped afterwards, so the bench leaves the database as it was. */
async function openBenchStore(): Promise<Store> {
  if (!isPostgresUrl(databaseUrl)) return openStore(databaseUrl);
  const schema = `bench_${process.pid}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  };
  return openPostgresStore(databaseUrl, { schema, onClose: drop });
}

const store = await openBenchStore();
const receiver = await startReceiver();
try {
  await store.addVendor(
    { slug: "bench", name: "Bench", url: "https://status.bench.example", platform: "statuspage" },
    new Date().toISOString(),
  );
  await store.upsertChannel({
    id: "bench-hook",
    type: "webhook",
    config: { url: receiver.url, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
    disabledReason: null,
  });
  await store.upsertSubscription({
    id: "bench-all",
    channel: "bench-hook",
    vendors: null,
    components: null,
    minImpact: null,
    events: ["incident.opened"],
  });
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}, Node ${process.version}`;
  console.log(
    `${new Date().toISOString().slice(0, 10)} — ${machine}; ${databaseUrl.startsWith("postgres") ? "PostgreSQL" : "SQLite file"}; ${EVENTS} events (+${WARMUP} warm-up), one every ${GAP_MS} ms`,
  );
  console.log("| case | events received | p50 | p90 | p99 | max |");
  console.log("|---|---:|---:|---:|---:|---:|");
  const modes = (process.env.BENCH_MODES?.split(",") ?? ["woken", "woken (no tick)", "tick only"]) as Mode[];
  for (const mode of modes) {
    const r = await run(mode, store, receiver);
    console.log(
      `| ${r.mode} | ${r.received}/${EVENTS}${r.missing ? ` (${r.missing} missing)` : ""} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} |`,
    );
  }
} finally {
  receiver.stop();
  await store.close();
}
