import { describe, expect, it } from "vitest";
import { createPruner, type PrunerOptions } from "./pruner.ts";
import type { PruneCounts, RetentionStore } from "./retention-store.ts";

const NOW = new Date("2026-08-01T12:00:00.000Z");

/** A store holding `backlog` prunable rows of each kind, recording each call. */
function fakeStore(backlog: number) {
  const calls: { before: string; limit: number }[] = [];
  let left = backlog;
  let fail = false;
  const store: RetentionStore = {
    async pruneBefore(before, limit): Promise<PruneCounts> {
      calls.push({ before, limit });
      if (fail) throw new Error("database is locked");
      const n = Math.min(left, limit);
      left -= n;
      return { deliveries: n, events: n };
    },
  };
  return {
    store,
    calls,
    refill: (n: number) => void (left += n),
    failing: (on: boolean) => void (fail = on),
  };
}

const options = (store: RetentionStore, extra: Partial<PrunerOptions> = {}): PrunerOptions => ({
  store,
  retentionDays: 30,
  now: () => NOW,
  batchSize: 2,
  ...extra,
});

describe("pruneNow", () => {
  it("prunes before now minus the retention, batch after batch until one comes back short", async () => {
    const fake = fakeStore(5);
    expect(await createPruner(options(fake.store)).pruneNow()).toEqual({ deliveries: 5, events: 5 });
    expect(fake.calls).toEqual(Array(3).fill({ before: "2026-07-02T12:00:00.000Z", limit: 2 }));
  });
});

/** Waits until `done()` holds, checking on each turn of the event loop (no fixed sleeps). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe("the timer", () => {
  it("runs at start and then every interval, reporting runs that deleted something, and errors", async () => {
    const fake = fakeStore(3);
    const pruned: PruneCounts[] = [];
    const errors: unknown[] = [];
    const pruner = createPruner(
      options(fake.store, { everyMs: 5, onPruned: (c) => pruned.push(c), onError: (e) => errors.push(e) }),
    );
    pruner.start();
    await until(() => fake.calls.length >= 3); // 2 + 1: the start's run, and an empty one after it
    expect(pruned).toEqual([{ deliveries: 3, events: 3 }]);
    fake.failing(true);
    await until(() => errors.length > 0);
    fake.failing(false);
    fake.refill(1);
    await until(() => pruned.length > 1); // a failed run does not stop the timer
    expect(pruned[1]).toEqual({ deliveries: 1, events: 1 });
    await pruner.stop();
    const calls = fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calls).toHaveLength(calls);
  });

  it("stop() waits for the batch in progress and starts no other", async () => {
    let release!: () => void;
    const calls: string[] = [];
    const store: RetentionStore = {
      pruneBefore: async (before) => {
        calls.push(before);
        await new Promise<void>((resolve) => (release = resolve));
        return { deliveries: 2, events: 2 }; // a full batch: more would follow
      },
    };
    const pruner = createPruner(options(store));
    pruner.start();
    await until(() => calls.length === 1);
    let stopped = false;
    const stopping = pruner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(calls).toHaveLength(1);
  });
});
