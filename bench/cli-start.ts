// How long `pingoru` takes to start and finish a quick command: the median wall time of 10 runs of
// each, after one run that fills Node's compile cache. Run: node bench/cli-start.ts
// Target (issue 12): --version, --help, vendors list and check --help within 0.5 s.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../src/cli/pingoru.js", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const db = join(mkdtempSync(join(tmpdir(), "pingoru-cli-start-")), "bench.db");
const commands = [
  ["--version"],
  ["--help"],
  ["vendors", "list", "--db", db],
  ["check", "--help"],
  ["serve", "--help"],
];

function wallMs(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  if (run.status !== 0) throw new Error(`pingoru ${args.join(" ")} failed: ${run.stderr}`);
  return performance.now() - started;
}

console.log(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · Node ${process.version}`);
for (const args of commands) {
  wallMs(args);
  const times = Array.from({ length: RUNS }, () => wallMs(args)).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `pingoru ${args.join(" ").replace(db, "DB")}: median ${(median / 1000).toFixed(2)} s (min ${(times[0]! / 1000).toFixed(2)} s)`,
  );
}
