// Property-based fuzzing of every platform adapter (issue 13): each real fixture mutated (truncated,
// types swapped, huge strings, deep nesting, BOM / UTF-16 / invalid UTF-8 / NUL, random XML and
// markup). read() gives a snapshot of the contract's shape or a PingoruError, nothing else, and what it
// gives renders without live vendor markup. Short here (about 2,300 cases); `npm run fuzz` is
// the long run, and the only one that asserts time. Here the seed is fixed (FUZZ_SEED overrides it),
// so npm test asks the same cases every run and a failure is a change in the code, not luck of the
// draw; the long run draws new ones. A failure prints fast-check's seed and the shrunk case: replay it
// with FUZZ_SEED, and add it beside the adapter as a regression test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCase, type CaseOutcome } from "./fuzz-read.ts";
import { fuzzCase, fuzzTargets, type FuzzTarget } from "./fuzz-targets.ts";
import { CI_SIZES } from "./fuzz-values.ts";
import { liveMarkup } from "./markup-check.ts";

const RUNS = Number(process.env.FUZZ_CI_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
/**
 * FUZZ_CI_RUNS cases for a platform with small fixtures, fewer (down to a quarter) for large ones:
 * a case costs about its fixtures' size (GitHub's 340 kB of Statuspage JSON ≈ 20 ms, a 5 kB page ≈ 2 ms).
 */
function runsFor(target: FuzzTarget): number {
  const bytes = Object.values(target.fixtures).reduce((sum, body) => sum + body.length, 0);
  return Math.round(RUNS * Math.min(1, Math.max(0.25, 8_000 / bytes)));
}

/** Only to catch a hang: the CI machine is shared, so no timing is asserted here. */
const GUARD_MS = 10_000;

describe("the fuzz checker", () => {
  it("finds live markup, and none in escaped or sanitized text", () => {
    expect(liveMarkup('<p><img src=x onerror="alert(1)"></p>')).not.toEqual([]);
    expect(liveMarkup('<a href=" jav&#x09;ascript:alert(1)">x</a>')).not.toEqual([]);
    expect(liveMarkup("<script>alert(1)</script>")).not.toEqual([]);
    expect(liveMarkup('<script src="/local-time.js" defer></script>')).toEqual([]);
    expect(liveMarkup("<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=x</p>")).toEqual([]);
  });
});

describe("platform fuzz", () => {
  const targets = fuzzTargets();
  const tally = new Map<string, number>();

  for (const target of targets) {
    it(`${target.name}: the unmutated fixtures read and render clean`, async () => {
      const outcome = await runCase(
        target,
        { url: Object.keys(target.fixtures)[0]!, bytes: null, json: [] },
        GUARD_MS,
      );
      expect(outcome).toMatchObject({ result: "snapshot", problems: [] });
    });

    const runs = runsFor(target);
    it(`${target.name}: ${runs} mutated fixtures give a snapshot or a typed error, rendered safely`, async () => {
      const seen: CaseOutcome[] = [];
      await fc.assert(
        fc.asyncProperty(fuzzCase(target, CI_SIZES), async (fuzz) => {
          const outcome = await runCase(target, fuzz, GUARD_MS);
          seen.push(outcome);
          expect(outcome.problems).toEqual([]);
        }),
        { numRuns: runs, seed: SEED },
      );
      for (const { result } of seen) tally.set(result, (tally.get(result) ?? 0) + 1);
      // Not vacuous: some mutations still read as a snapshot.
      expect(seen.filter((o) => o.result === "snapshot").length).toBeGreaterThan(0);
    }, 120_000);
  }

  it("ran every case, and the mutations both kept and broke the payloads", () => {
    const total = [...tally.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBe(targets.reduce((sum, target) => sum + runsFor(target), 0));
    const snapshots = tally.get("snapshot") ?? 0;
    expect(snapshots / total).toBeGreaterThan(0.1);
    expect((total - snapshots) / total).toBeGreaterThan(0.1);
  });
});
