// Crash safety, the short version (issue 13): a real `serve` SIGKILLed at random moments while a
// scripted fleet changes and a webhook receiver counts, on SQLite and on PostgreSQL. The 50-kill
// version is `npx node bench/crash.ts`; both run test/crash/crash-run.ts.
import { afterEach, describe, expect, it } from "vitest";
import { crashRun, type CrashRunResult } from "../crash/crash-run.ts";
import { pgRun } from "../helpers/postgres.ts";
import { killAllCli } from "../helpers/run-cli.ts";

afterEach(killAllCli);

function expectNothingLost(result: CrashRunResult): void {
  // The whole result on any failure: a crash run is not replayed exactly, so say all it saw.
  const seen = JSON.stringify(result);
  expect(result.events, seen).toBeGreaterThan(0);
  expect(result.lost, seen).toEqual([]);
  expect(result.eventsReceived, seen).toBe(result.events);
  expect(result.underTwoWebhookIds, seen).toEqual([]);
  expect(result.repeatsThatDiffer, seen).toEqual([]);
  expect(result.openedOrResolvedTwice, seen).toEqual([]);
  expect(result.recordMismatches, seen).toEqual([]);
  expect(result.heldVendors, seen).toEqual([]);
  expect(result.countsAfterRestart, seen).toEqual(result.countsBeforeRestart);
}

describe("serve killed at random moments while polling and sending", () => {
  it("on SQLite: every event reaches the subscription once per webhook-id, the record is whole, the file intact", async () => {
    const result = await crashRun({ db: "sqlite", vendors: 3, kills: 3, seed: 13, maxRunMs: 1_200 });
    expectNothingLost(result);
    expect(result.integrity).toBe("ok");
  }, 90_000);

  it.runIf(pgRun)(
    "on PostgreSQL: the same",
    async () => {
      expectNothingLost(await crashRun({ db: "postgres", vendors: 3, kills: 3, seed: 31, maxRunMs: 1_200 }));
    },
    90_000,
  );
});
