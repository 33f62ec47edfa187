// Peak RSS and time of `pingoru export incidents` over 100,000 incidents (issue 11: under 100 MB). The
// record is seeded into a SQLite file through the store's own savePoll, 1,000 incidents a call, across
// 20 vendors; each incident has 3 updates and 1–2 affected components, and 1 in 10 a title that needs
// CSV quoting or formula neutralisation. The export runs as a child process; a preload module reads
// its VmHWM from /proc/self/status as it exits.
//
//   npx node bench/export-memory.ts [--incidents 100000] [--format csv|jsonl] [--keep]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, release, tmpdir, totalmem, type as osType } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Incident, UpdateSnapshot } from "../src/domain/model.ts";
import { openStore } from "../src/store/open-store.ts";
import { launchOf } from "./fleet/processes.ts";

const { values } = parseArgs({
  options: {
    incidents: { type: "string", default: "100000" },
    format: { type: "string", default: "csv" },
    keep: { type: "boolean", default: false },
  },
});
const INCIDENTS = Number(values.incidents);
const VENDORS = 20;
const BATCH = 1000;
const CLI = fileURLToPath(new URL("../src/cli/pingoru.js", import.meta.url));
const START = Date.parse("2020-01-01T00:00:00.000Z");

const dir = mkdtempSync(join(tmpdir(), "pingoru-export-bench-"));
const db = join(dir, "bench.db");
const out = join(dir, `incidents.${values.format}`);
const hwmFile = join(dir, "vmhwm");

function incident(n: number): Incident {
  const vendor = `vendor-${n % VENDORS}`;
  const started = START + n * 1_800_000; // one every 30 minutes: ~5.7 years for 100,000
  const iso = (ms: number) => new Date(ms).toISOString();
  const api = { id: "c-api", name: "API" };
  const web = { id: "c-web", name: "Web, EU" };
  const updates: UpdateSnapshot[] = (["investigating", "identified", "resolved"] as const).map(
    (status, i) => ({
      id: `u${n}-${i}`,
      status,
      at: iso(started + i * 900_000),
      message: `Update ${i} on incident ${n}: we are looking into elevated error rates affecting some customers.`,
      components: [
        { ...api, status: status === "resolved" ? "operational" : "major_outage" },
        ...(n % 2 === 0
          ? [{ ...web, status: status === "resolved" ? "operational" : "degraded_performance" } as const]
          : []),
      ],
    }),
  );
  return {
    id: `inc-${n}`,
    vendor,
    vendorIncidentId: `v-${n}`,
    kind: n % 10 === 9 ? "maintenance" : "incident",
    title:
      n % 10 === 3
        ? `=HYPERLINK("http://x.example/${n}","Elevated errors, "quoted"")`
        : `Elevated error rates on API ${n}`,
    status: "resolved",
    impact: n % 3 === 0 ? "major" : "minor",
    url: `https://status.${vendor}.example/incidents/${n}`,
    startedAt: iso(started),
    resolvedAt: iso(started + 1_800_000),
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: iso(started + 60_000),
    seenLive: true,
    detectionLagSeconds: 60,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    affectedComponents: [
      { ...api, worstStatus: "major_outage" },
      ...(n % 2 === 0 ? [{ ...web, worstStatus: "degraded_performance" } as const] : []),
    ],
    listedOperational: [],
    updates,
  };
}

async function seed(): Promise<void> {
  const store = await openStore(db);
  const at = new Date().toISOString();
  for (let v = 0; v < VENDORS; v++)
    await store.addVendor(
      { slug: `vendor-${v}`, name: `Vendor ${v}`, url: `https://v${v}.example`, platform: "statuspage" },
      at,
    );
  for (let first = 0; first < INCIDENTS; first += BATCH * VENDORS) {
    for (let v = 0; v < VENDORS; v++) {
      const incidents: Incident[] = [];
      for (let n = first + v; n < Math.min(INCIDENTS, first + BATCH * VENDORS); n += VENDORS)
        incidents.push(incident(n));
      if (incidents.length > 0)
        await store.savePoll({
          vendor: `vendor-${v}`,
          polledAt: at,
          nextPollAt: at,
          outcome: { ok: true, incidents },
          events: [],
        });
    }
  }
  await store.close();
}

// Runs in the child before the CLI: on exit, its own peak RSS.
const PRELOAD =
  "data:text/javascript," +
  encodeURIComponent(
    `import { readFileSync, writeFileSync } from "node:fs";
     process.on("exit", () => writeFileSync(process.env.BENCH_HWM_FILE, /VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]));`,
  );

/** The V8 flags and allocator settings on the command's shebang line, which `npx pingoru` runs it with. */
const LAUNCH = launchOf(CLI);
const SHEBANG_FLAGS = LAUNCH.flags;

async function exportOnce(...extra: string[]): Promise<{ seconds: number; peakKiB: number; stderr: string }> {
  const started = performance.now();
  const args = ["export", "incidents", "--db", db, "--format", values.format!, "--out", out, ...extra];
  const child = spawn(process.execPath, [...SHEBANG_FLAGS, `--import=${PRELOAD}`, CLI, ...args], {
    stdio: ["ignore", "inherit", "pipe"],
    env: { ...process.env, ...LAUNCH.env, BENCH_HWM_FILE: hwmFile },
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`export exited ${code}: ${stderr}`);
  return {
    seconds: (performance.now() - started) / 1000,
    peakKiB: Number(readFileSync(hwmFile, "utf8")),
    stderr,
  };
}

console.log(
  `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · ${Math.round(totalmem() / 2 ** 30)} GiB · ${osType()} ${release()} · Node ${process.version}`,
);
const seedStarted = performance.now();
await seed();
const seeded = { seconds: (performance.now() - seedStarted) / 1000, dbMiB: statSync(db).size / 2 ** 20 };
console.log(
  `seeded ${INCIDENTS} incidents (${INCIDENTS * 3} updates) in ${seeded.seconds.toFixed(1)} s, ${seeded.dbMiB.toFixed(0)} MiB file`,
);
console.log(`node flags: ${SHEBANG_FLAGS.join(" ")} (the shebang's)`);
// The same command with nothing to export: the floor of a command that opens the store.
const floor = await exportOnce("--from", "2100-01-01");
console.log(
  `floor (${floor.stderr.trim().replace(/ to .*/, "")}): ${floor.seconds.toFixed(1)} s, peak RSS (VmHWM) ${(floor.peakKiB / 1024).toFixed(1)} MiB`,
);
for (const run of [1, 2]) {
  const { seconds, peakKiB, stderr } = await exportOnce();
  const lines = readFileSync(out, "utf8").split(values.format === "csv" ? "\r\n" : "\n").length - 1;
  console.log(
    `run ${run}: ${stderr.trim()} — ${seconds.toFixed(1)} s, peak RSS (VmHWM) ${(peakKiB / 1024).toFixed(1)} MiB, file ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB, ${lines} records`,
  );
}
if (values.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
