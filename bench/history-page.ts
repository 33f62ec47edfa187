// The vendor history page under load: a vendor with 1,000 incidents (seeded through the store), GET
// /vendors/:slug from 50 concurrent clients over loopback, p50/p99 latency and throughput as a ratio
// to a trivial route (/healthz) on the same server. The server is the real app (createApp over a
// SQLite file store) in this process; the load comes from a separate client process (undici, one
// keep-alive pool of 50 connections, 50 workers each sending its next request when the last answered).
// Run: npx node bench/history-page.ts [--db URL]   (env BENCH_REQUESTS, default 5,000 per route)
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, release, tmpdir, totalmem, type as osType } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import type { ComponentSnapshot, ComponentStatus, Incident } from "../src/domain/model.ts";
import { createApp } from "../src/http/app.ts";
import { startHttpServer } from "../src/http/server.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";

const INCIDENTS = 1000;
const CONCURRENCY = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const WARMUP = 500;
const DAY = 86_400_000;

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  bytes: number;
}

// ---- client (child process): node bench/history-page.ts --client <url> <requests> <concurrency>
async function client(url: string, requests: number, concurrency: number): Promise<LoadResult> {
  const { origin, pathname, search } = new URL(url);
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const worker = async () => {
    while (sent < requests) {
      sent++;
      const t0 = performance.now();
      // As a browser asks: a compressed page when the server has one.
      const res = await pool.request({
        method: "GET",
        path: pathname + search,
        headers: { "accept-encoding": "gzip" },
      });
      const body = await res.body.arrayBuffer();
      latencies.push(performance.now() - t0);
      bytes += body.byteLength;
      if (res.statusCode !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests, errors, seconds, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), bytes };
}

function runClient(url: string, requests: number): Promise<LoadResult> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [self, "--client", url, String(requests), String(CONCURRENCY)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`client exited ${code}`)),
    ),
  );
}

// ---- seeding: 12 components in 3 groups, 1,000 incidents over ~3 years (1 in 10 a maintenance)
const COMPONENTS: ComponentSnapshot[] = Array.from({ length: 12 }, (_, i) => ({
  id: `c${i}`,
  name: `Component ${i}`,
  group: `Group ${i % 3}`,
  position: i,
  status: "operational",
  rawStatus: "operational",
}));

function incident(n: number, now: number): Incident {
  const start = now - (n + 1) * DAY * 1.1 + (n % 7) * 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const maintenance = n % 10 === 9;
  const c = COMPONENTS[n % COMPONENTS.length]!;
  const worst: ComponentStatus = maintenance
    ? "under_maintenance"
    : n % 3
      ? "partial_outage"
      : "major_outage";
  const updates = (["investigating", "identified", "monitoring", "resolved"] as const).map((status, k) => ({
    id: `u${n}-${k}`,
    status: maintenance ? (k === 3 ? ("completed" as const) : ("in_progress" as const)) : status,
    at: iso(start + k * 20 * 60_000),
    message: `<p>Update ${k} on incident ${n}: we are looking at <strong>elevated errors</strong> for ${c.name}.</p>`,
    components: [{ id: c.id, name: c.name, status: k === 3 ? ("operational" as const) : worst }],
  }));
  return {
    id: `bench:${n}`,
    vendor: "bench",
    vendorIncidentId: `v${n}`,
    kind: maintenance ? "maintenance" : "incident",
    title: `Elevated errors on ${c.name} (#${n})`,
    status: maintenance ? "completed" : "resolved",
    impact: maintenance ? "maintenance" : worst === "major_outage" ? "major" : "minor",
    url: `https://status.bench.example/incidents/${n}`,
    startedAt: iso(start),
    resolvedAt: iso(start + 60 * 60_000),
    scheduledFor: maintenance ? iso(start) : null,
    scheduledUntil: maintenance ? iso(start + 60 * 60_000) : null,
    detectedAt: iso(start + 90_000),
    seenLive: n % 2 === 0,
    detectionLagSeconds: n % 2 === 0 ? 90 : null,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [{ id: c.id, name: c.name, worstStatus: worst }],
    updates,
  };
}

async function seed(store: Store, now: Date): Promise<void> {
  const at = now.toISOString();
  await store.addVendor(
    { slug: "bench", name: "Bench Cloud", url: "https://status.bench.example", platform: "statuspage" },
    at,
  );
  const incidents = Array.from({ length: INCIDENTS }, (_, n) => incident(n, now.getTime()));
  for (let i = 0; i < incidents.length; i += 100)
    await store.savePoll({
      vendor: "bench",
      polledAt: at,
      nextPollAt: new Date(now.getTime() + 3_600_000).toISOString(),
      outcome: { ok: true, components: COMPONENTS, incidents: incidents.slice(i, i + 100) },
      events: [],
    });
}

// ---- server (this process)
async function main(): Promise<void> {
  const dbArg = process.argv.indexOf("--db");
  const db =
    dbArg > 0 ? process.argv[dbArg + 1]! : join(mkdtempSync(join(tmpdir(), "pingoru-bench-")), "bench.db");
  const store = await openStore(db);
  const now = new Date();
  await seed(store, now);
  const app = createApp({ store, now: () => new Date(), pollIntervalSeconds: 60 });
  const server = await startHttpServer(app, { port: 0, host: "127.0.0.1" });
  try {
    const page = `${server.url}/vendors/bench`;
    const check = await fetch(page);
    const html = await check.text();
    if (check.status !== 200 || !html.includes("(#0)"))
      throw new Error(`the page did not render: ${check.status}`);
    const results: Record<string, LoadResult> = {};
    for (const [name, url] of [
      ["/healthz", `${server.url}/healthz`],
      ["/vendors/bench", page],
    ] as const) {
      await runClient(url, WARMUP);
      results[name] = await runClient(url, REQUESTS);
    }
    report(results, db, html.length);
  } finally {
    await server.close();
    await store.close();
  }
}

function report(results: Record<string, LoadResult>, db: string, pageBytes: number): void {
  const trivial = results["/healthz"]!;
  const history = results["/vendors/bench"]!;
  const rps = (r: LoadResult) => r.requests / r.seconds;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const lines = [
    `### ${new Date().toISOString().slice(0, 10)} — ${cpus().length} vCPU ${cpus()[0]?.model.trim() ?? ""}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}, Node ${process.version}`,
    "",
    `${INCIDENTS} incidents, ${CONCURRENCY} concurrent clients, ${REQUESTS} requests per route after ${WARMUP} warm-up; ${db.startsWith("postgres") ? "PostgreSQL" : "SQLite file"}; the page is ${Math.round(pageBytes / 1024)} kB of HTML.`,
    "",
    "| route | req/s | p50 | p90 | p99 | max | errors |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...Object.entries(results).map(
      ([name, r]) =>
        `| \`GET ${name}\` | ${rps(r).toFixed(0)} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} |`,
    ),
    "",
    `Throughput of the history page ÷ /healthz: **${((100 * rps(history)) / rps(trivial)).toFixed(1)}%** (target ≥ 30%); p99 ${ms(history.p99)} (target ≤ 20 ms).`,
  ];
  console.log(lines.join("\n"));
}

if (process.argv[2] === "--client") {
  const [, , , url, requests, concurrency] = process.argv;
  process.stdout.write(JSON.stringify(await client(url!, Number(requests), Number(concurrency))));
} else {
  await main();
}
