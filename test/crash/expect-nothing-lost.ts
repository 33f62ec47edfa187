// What every crash run must show (test/crash/crash-run.ts): nothing lost, nothing twice, the record whole.
import { expect } from "vitest";
import type { CrashRunResult } from "./crash-run.ts";

export function expectNothingLost(result: CrashRunResult): void {
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
