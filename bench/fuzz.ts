// The long fuzz run of the platform adapters (issue 13): FUZZ_RUNS cases (default a million) spread
// over every platform, each a real fixture mutated as in test/fuzz/. Prints the count, the failures
// (grouped, with one example each) and the time; exit 1 on any failure. Run: npm run fuzz
//
// Unlike the CI suite, this run asserts time: a read of a mutated body of at most 1 MiB must take at
// most 1 s; a slow read is timed again and the faster time counts, so that a busy machine is not a
// failure. Values grow up to 1 MiB strings and 500,000-deep nesting (FUZZ_SIZES=ci: the CI sizes).
// FUZZ_SEED repeats a run; FUZZ_ONLY=<platform name> fuzzes one platform.
import { cpus } from "node:os";
import fc from "fast-check";
import { runCase } from "../test/fuzz/fuzz-read.ts";
import { fuzzCase, fuzzTargets, type FuzzCase } from "../test/fuzz/fuzz-targets.ts";
import { CI_SIZES, LONG_RUN_SIZES } from "../test/fuzz/fuzz-values.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000_000);
// Each batch of BATCH cases is drawn from its own seed (FUZZ_SEED + batch), so a long run can be split:
// FUZZ_FIRST_BATCH=460 FUZZ_RUNS=954000 goes on where a run stopped after 46,000 cases.
const FIRST_BATCH = Number(process.env.FUZZ_FIRST_BATCH ?? 0);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SIZES = process.env.FUZZ_SIZES === "ci" ? CI_SIZES : LONG_RUN_SIZES;
const MiB = 1_048_576;
const LIMIT_MS = 1_000;
const GUARD_MS = 30_000;
const BATCH = 100;

const targets = fuzzTargets().filter(
  (t) => !process.env.FUZZ_ONLY || t.name.startsWith(process.env.FUZZ_ONLY),
);
const cases = targets.map((target) => fuzzCase(target, SIZES));
const failures = new Map<string, { count: number; example: FuzzCase; problems: string[]; target: string }>();
const results = new Map<string, number>();
let count = 0;
let maxMs = 0;
let maxMsUpToMiB = { ms: 0, size: 0 };
let biggest = 0;
let overHalfMiB = 0;

const short = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v,
  );

function record(target: string, fuzz: FuzzCase, problems: string[]) {
  const key = `${target}: ${problems[0]!.split("\n")[0]!.replace(/\d+/g, "#")}`;
  const seen = failures.get(key);
  if (seen) seen.count++;
  else {
    failures.set(key, { count: 1, example: fuzz, problems, target });
    // Said at once: a long run may be stopped before its summary.
    console.error(
      `  new failure at case ${FIRST_BATCH * BATCH + count}: ${key}\n    ${short(fuzz).slice(0, 400)}`,
    );
  }
}

const started = performance.now();
console.log(
  `fuzz: ${RUNS} cases over ${targets.length} platforms, seed ${SEED}, from batch ${FIRST_BATCH}, sizes ${JSON.stringify(SIZES)}`,
);
for (let batch = FIRST_BATCH; count < RUNS; batch++) {
  const index = batch % targets.length;
  const target = targets[index]!;
  const n = Math.min(BATCH, RUNS - count);
  for (const fuzz of fc.sample(cases[index]!, { numRuns: n, seed: SEED + batch })) {
    let outcome = await runCase(target, fuzz, GUARD_MS);
    // A slow read is read again: only one slow both times counts (the machine may have been busy).
    if (outcome.size <= MiB && outcome.readMs > LIMIT_MS && outcome.readMs < GUARD_MS) {
      const again = await runCase(target, fuzz, GUARD_MS);
      if (again.readMs < outcome.readMs) outcome = again;
    }
    count++;
    results.set(outcome.result, (results.get(outcome.result) ?? 0) + 1);
    maxMs = Math.max(maxMs, outcome.readMs);
    biggest = Math.max(biggest, outcome.size);
    if (outcome.size > MiB / 2) overHalfMiB++;
    if (outcome.size <= MiB && outcome.readMs > maxMsUpToMiB.ms)
      maxMsUpToMiB = { ms: outcome.readMs, size: outcome.size };
    if (outcome.readMs > 2 * LIMIT_MS)
      console.error(
        `  slow: ${target.name} ${outcome.readMs.toFixed(0)} ms, ${outcome.size} bytes: ${short(fuzz).slice(0, 300)}`,
      );
    const slow = outcome.size <= MiB && outcome.readMs > LIMIT_MS;
    const problems = slow
      ? [`read() took ${Math.round(outcome.readMs)} ms on ${outcome.size} bytes`, ...outcome.problems]
      : outcome.problems;
    if (problems.length > 0) record(target.name, fuzz, problems);
  }
  if (count % 1_000 < BATCH) {
    const seconds = (performance.now() - started) / 1000;
    console.error(
      `  ${FIRST_BATCH * BATCH + count} cases, ${failures.size} distinct failures, ${seconds.toFixed(0)} s`,
    );
  }
}
const seconds = (performance.now() - started) / 1000;

console.log(`\ncases: ${count}`);
console.log(
  `time: ${seconds.toFixed(1)} s (${((seconds * 1000) / count).toFixed(2)} ms a case) on ${cpus().length}× ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
);
console.log(`results: ${[...results].map(([r, n]) => `${r} ${n}`).join(", ")}`);
console.log(`largest mutated body: ${biggest} bytes; ${overHalfMiB} cases over 512 KiB`);
console.log(
  `slowest read: ${maxMs.toFixed(0)} ms; slowest on at most 1 MiB: ${maxMsUpToMiB.ms.toFixed(0)} ms (${maxMsUpToMiB.size} bytes), limit ${LIMIT_MS} ms`,
);
console.log(
  `failures: ${[...failures.values()].reduce((sum, f) => sum + f.count, 0)} (${failures.size} distinct)`,
);
for (const [key, f] of failures) {
  console.log(
    `\n- ${key} ×${f.count}\n  ${f.problems.slice(0, 3).join("\n  ")}\n  case: ${short(f.example)}`,
  );
}
process.exitCode = failures.size > 0 ? 1 : 0;
