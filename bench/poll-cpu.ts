// CPU of one poll of GitHub's incidents.json (with its summary.json), changed and unchanged, as a
// ratio to JSON.parse of the same bytes, all in this one process. Run: npm run bench
//
// "in hand": the page's bytes are handed to the real client code that runs after a response arrives
// (acceptBody: hash, compare, decode, cache), then the real platform, record, diff and SQLite store.
// This is Pingoru's own work per poll, the figure the targets are about.
// "over loopback": the same poll with the page served by a child process over real HTTP, so it adds
// the socket and HTTP parsing every poller pays (about 2× JSON.parse for these 332 kB on its own).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PingoruError } from "../src/lib/errors.ts";
import type { HttpClient } from "../src/lib/http-client.ts";
import { acceptBody, createHttpClient } from "../src/lib/guarded-http.ts";
import { getPlatform } from "../src/platforms/registry.ts";
import { createMemoryCache } from "../src/poller/memory-cache.ts";
import { pollVendor } from "../src/poller/poll-vendor.ts";
import { openStore } from "../src/store/open-store.ts";
import { incidentsBodies, summaryBodies, type Mode } from "./github-bodies.ts";

const fixtures = fileURLToPath(new URL("../test/fixtures/recorded", import.meta.url));
const POLLS = Number(process.env.BENCH_POLLS ?? 200);
const WARMUP = 20;
const summaryText = readFileSync(join(fixtures, "statuspage/github-summary.json"), "utf8");
const incidentsText = readFileSync(join(fixtures, "statuspage/github-incidents.json"), "utf8");

/** The bytes of each poll, made before measuring; the client hands them over as a server would. */
function inHandClient(mode: Mode): HttpClient {
  const bodies = incidentsBodies(incidentsText, mode, POLLS + WARMUP + 1);
  const summaries = summaryBodies(summaryText, mode, POLLS + WARMUP + 1);
  let served = 0;
  let summariesServed = 0;
  return {
    async get(url, options = {}) {
      const path = new URL(url).pathname;
      if (
        path === "/api/v2/summary.json" ||
        (path === "/api/v2/incidents.json" && mode === "etag" && served > 0)
      ) {
        const cached = options.cache?.get(url);
        if (cached && mode === "etag")
          return { url, status: 304, headers: {}, body: cached.body ?? "", notModified: true };
      }
      if (path === "/api/v2/summary.json") {
        const bytes = summaries[Math.min(summariesServed++, summaries.length - 1)]!;
        return acceptBody({ url, status: 200, headers: {}, bytes }, options.cache, url);
      }
      if (path !== "/api/v2/incidents.json")
        throw new PingoruError("http", `HTTP 404 from ${url}`, { url, status: 404 });
      const bytes = bodies[Math.min(served++, bodies.length - 1)]!;
      return acceptBody({ url, status: 200, headers: {}, bytes }, options.cache, url);
    },
  };
}

async function loopbackClient(mode: Mode) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("serve-fixture.ts", import.meta.url)), fixtures, mode],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  const http = createHttpClient({ allowPrivateTargets: true });
  return { http, url: `http://127.0.0.1:${port}`, stop: async () => (await http.close(), child.kill()) };
}

/** Mean CPU microseconds of pollVendor alone (the vendor row is read outside the measurement). */
async function perPoll(http: HttpClient, url: string, mode: Mode): Promise<number> {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), "pingoru-bench-")), "bench.db"));
  const cache = createMemoryCache();
  let clock = Date.parse("2026-08-01T00:00:00Z");
  const deps = {
    store,
    http,
    platform: getPlatform,
    now: () => new Date((clock += 1000)),
    defaultIntervalSeconds: 60,
    cacheFor: () => cache,
  };
  await store.addVendor(
    { slug: "github", name: "", url, platform: "statuspage" },
    new Date(clock).toISOString(),
  );
  let micros = 0;
  for (let i = 0; i < WARMUP + POLLS; i++) {
    const vendor = (await store.getVendor("github"))!;
    const start = process.cpuUsage();
    const outcome = await pollVendor(vendor, deps);
    const used = process.cpuUsage(start);
    if (i >= WARMUP) micros += used.user + used.system;
    if (!outcome.ok) throw new Error(outcome.error);
    if (i > 1 && outcome.unchanged !== (mode !== "changed"))
      throw new Error(`poll ${i}: unexpected ${JSON.stringify(outcome)}`);
  }
  await store.close();
  return micros / POLLS;
}

/** JSON.parse of one already-decoded string, again and again (hot in cache): the strictest baseline. */
const parseMicros = (() => {
  for (let i = 0; i < WARMUP; i++) JSON.parse(incidentsText);
  const start = process.cpuUsage();
  for (let i = 0; i < POLLS; i++) JSON.parse(incidentsText);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / POLLS;
})();

/** JSON.parse of each poll's own bytes as they arrive (decoded, as JSON.parse needs text), in the same order. */
function parseEachMicros(mode: Mode): number {
  const bodies = incidentsBodies(incidentsText, mode, POLLS + WARMUP);
  const decoder = new TextDecoder();
  let micros = 0;
  for (let i = 0; i < WARMUP + POLLS; i++) {
    const bytes = bodies[Math.min(i, bodies.length - 1)]!;
    const start = process.cpuUsage();
    JSON.parse(decoder.decode(bytes));
    const used = process.cpuUsage(start);
    if (i >= WARMUP) micros += used.user + used.system;
  }
  return micros / POLLS;
}

const modes = [
  ["changed (one new update per poll)", "changed", "≤ 5×"],
  ["unchanged, identical bytes, no validators", "same", "≤ 1.2×"],
  ["unchanged, 304 Not Modified", "etag", "≤ 1.2×"],
] as const;
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${new Date().toISOString()}`,
);
console.log(
  `incidents.json ${Buffer.byteLength(incidentsText)} bytes; ${POLLS} polls per case after ${WARMUP} warm-up polls`,
);
console.log(`JSON.parse of incidents.json, one hot string: ${(parseMicros / 1000).toFixed(2)} ms\n`);
console.log(
  "| case | JSON.parse of each poll's bytes | in hand | ÷ each poll's parse | ÷ hot parse | over loopback | ÷ each poll's parse | target |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const [name, mode, target] of modes) {
  const parseEach = parseEachMicros(mode);
  const inHand = await perPoll(inHandClient(mode), "http://github.invalid", mode);
  const loopback = await loopbackClient(mode);
  const overLoopback = await perPoll(loopback.http, loopback.url, mode);
  await loopback.stop();
  const ms = (micros: number) => `${(micros / 1000).toFixed(2)} ms`;
  const x = (micros: number, base: number) => `${(micros / base).toFixed(2)}×`;
  console.log(
    `| ${name} | ${ms(parseEach)} | ${ms(inHand)} | ${x(inHand, parseEach)} | ${x(inHand, parseMicros)} | ${ms(overLoopback)} | ${x(overLoopback, parseEach)} | ${target} |`,
  );
}
