// What one Prometheus scrape of /metrics costs at fleet size: the wall time, the bytes, and how far
// the heap and RSS rise while it is built and sent. Run: node --expose-gc bench/metrics-scrape.ts
// BENCH_VENDORS (default 10,000) vendors of BENCH_COMPONENTS (20) components each, on SQLite, with a
// poll counted per vendor in the registry as serve counts them.
import { mkdtempSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/http/app.ts";
import { createMetricsRegistry } from "../src/lib/metrics.ts";
import { createPollMetrics } from "../src/poller/poll-metrics.ts";
import { openStore } from "../src/store/open-store.ts";

const VENDORS = Number(process.env.BENCH_VENDORS ?? 10_000);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 20);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const store = await openStore(join(mkdtempSync(join(tmpdir(), "pingoru-metrics-")), "bench.db"));
const registry = createMetricsRegistry();
const polls = createPollMetrics(registry);
const now = new Date().toISOString();
for (let v = 0; v < VENDORS; v++) {
  const slug = `vendor-${v}`;
  await store.addVendor(
    { slug, name: `Vendor ${v}`, url: `https://status${v}.example`, platform: "statuspage" },
    now,
  );
  const components = Array.from({ length: COMPONENTS }, (_, c) => ({
    id: `c${c}`,
    name: `Component ${c}`,
    group: null,
    position: c,
    status: c === 0 && v % 50 === 0 ? ("major_outage" as const) : ("operational" as const),
    rawStatus: "operational",
  }));
  await store.savePoll({
    vendor: slug,
    polledAt: now,
    nextPollAt: now,
    outcome: { ok: true, components },
    events: [],
  });
  polls.record(slug, "unchanged", 0.02);
  polls.record(slug, "ok", 0.3);
}
const app = createApp({
  store,
  now: () => new Date(),
  pollIntervalSeconds: 30,
  publicUrl: null,
  metrics: registry,
});

async function scrape() {
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const probe = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 5);
  const started = performance.now();
  const response = await app.request("/metrics");
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
  const ms = performance.now() - started;
  clearInterval(probe);
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakRss = Math.max(peakRss, after.rss);
  return { ms, bytes, heapRise: peakHeap - before.heapUsed, rssRise: peakRss - before.rss, rss: peakRss };
}

console.log(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · Node ${process.version}`);
console.log(`${VENDORS} vendors × ${COMPONENTS} components, SQLite`);
for (let i = 1; i <= 3; i++) {
  const r = await scrape();
  console.log(
    `scrape ${i}: ${(r.ms / 1000).toFixed(2)} s, ${mib(r.bytes)} of text, heap +${mib(r.heapRise)}, RSS +${mib(r.rssRise)} (peak ${mib(r.rss)})`,
  );
}
if (process.env.KEEP_DB) console.log("db", store);
await store.close();
