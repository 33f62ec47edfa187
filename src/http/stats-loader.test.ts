// The figures' loader over a store stub whose every load waits on a promise the test resolves: one load
// at a time, requests for the same window share it, others queue or are refused, answers are kept a
// minute and then given while a new one loads.
import { describe, expect, it } from "vitest";
import { isPingoruError } from "../lib/errors.ts";
import type { Store } from "../store/store.ts";
import type { StatsQuery } from "./stats-load.ts";
import { BUSY_RETRY_SECONDS, createStatsLoader } from "./stats-loader.ts";

const NOW = new Date("2024-05-03T12:00:00.000Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const query = (from: string, vendors: string[] = []): StatsQuery => ({
  from: new Date(from),
  to: new Date("2024-05-01T00:00:00.000Z"),
  vendors,
});

/** A store whose incident reads wait until the test lets them go, each counted with its window. */
function gatedStore() {
  const loads: { since: string; release: () => void }[] = [];
  let started: () => void = () => {};
  const store = {
    listVendors: async () => [
      { slug: "a", name: "A" },
      { slug: "b", name: "B" },
    ],
    listAllIncidentSummaries: async ({ since }: { since: string }) => {
      await new Promise<void>((release) => {
        loads.push({ since, release });
        started();
      });
      return { items: [], next: null };
    },
  } as unknown as Store;
  /** Resolves once `count` loads have started. */
  const startedLoads = async (count: number) => {
    while (loads.length < count) await new Promise<void>((r) => (started = r));
  };
  return { store, loads, startedLoads };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let k = 0; k < 20; k++) await Promise.resolve();
  return done;
};

describe("createStatsLoader", () => {
  it("runs one load for concurrent requests of the same window, and answers them all from it", async () => {
    const { store, loads, startedLoads } = gatedStore();
    const stats = createStatsLoader(store);
    const answers = [1, 2, 3].map(() => stats.load(query("2024-04-01"), NOW));
    await startedLoads(1);
    expect(loads).toHaveLength(1);
    loads[0]!.release();
    const [first, ...others] = await Promise.all(answers);
    for (const other of others) expect(other).toBe(first);
    expect(loads).toHaveLength(1);
  });

  it("starts another window's load only once the one running is done", async () => {
    const { store, loads, startedLoads } = gatedStore();
    const stats = createStatsLoader(store);
    const april = stats.load(query("2024-04-01"), NOW);
    const march = stats.load(query("2024-03-01"), NOW);
    await startedLoads(1);
    expect(await settled(march)).toBe(false);
    expect(loads.map((l) => l.since)).toEqual(["2024-04-01T00:00:00.000Z"]);
    loads[0]!.release();
    await april;
    await startedLoads(2);
    expect(loads.map((l) => l.since)).toEqual(["2024-04-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"]);
    loads[1]!.release();
    expect((await march).from).toEqual(new Date("2024-03-01T00:00:00.000Z"));
    await stats.idle();
  });

  it("refuses a window past the queue as busy, with a time to retry, and takes it once there is room", async () => {
    const { store, loads, startedLoads } = gatedStore();
    const stats = createStatsLoader(store, { queue: 1 });
    const running = stats.load(query("2024-04-01"), NOW);
    const queued = stats.load(query("2024-03-01"), NOW);
    // The same window as one waiting joins it rather than queueing again.
    const joined = stats.load(query("2024-03-01"), NOW);
    const refused = await stats.load(query("2024-02-01"), NOW).catch((e: unknown) => e);
    expect(isPingoruError(refused) && [refused.kind, refused.retryAfterSeconds]).toEqual([
      "busy",
      BUSY_RETRY_SECONDS,
    ]);
    await startedLoads(1);
    loads[0]!.release();
    await running;
    await startedLoads(2);
    loads[1]!.release();
    expect(await joined).toBe(await queued);
    const later = stats.load(query("2024-02-01"), NOW);
    await startedLoads(3);
    loads[2]!.release();
    await later;
    expect(loads).toHaveLength(3);
  });

  it("keys by window and vendors, not their order; an unknown vendor loads nothing", async () => {
    const { store, loads, startedLoads } = gatedStore();
    const stats = createStatsLoader(store);
    const ab = stats.load(query("2024-04-01", ["a", "b"]), NOW);
    await startedLoads(1);
    loads[0]!.release();
    expect(await stats.load(query("2024-04-01", ["b", "a"]), at(1))).toBe(await ab);
    expect(await stats.load(query("2024-04-01", ["nobody"]), NOW).catch((e: Error) => e.message)).toBe(
      'vendor: no vendor "nobody"',
    );
    expect(loads).toHaveLength(1);
  });

  it("keeps an answer for a minute, then gives it while a new one loads; much older, it waits", async () => {
    const { store, loads, startedLoads } = gatedStore();
    const stats = createStatsLoader(store, { freshMs: 60_000, staleMs: 600_000 });
    const first = stats.load(query("2024-04-01"), NOW);
    await startedLoads(1);
    loads[0]!.release();
    const kept = await first;
    expect(await stats.load(query("2024-04-01"), at(59))).toBe(kept);
    expect(loads).toHaveLength(1);
    // Stale: answered at once from what was kept, and one new load starts (not one per request).
    expect(await stats.load(query("2024-04-01"), at(61))).toBe(kept);
    expect(await stats.load(query("2024-04-01"), at(62))).toBe(kept);
    await startedLoads(2);
    expect(loads).toHaveLength(2);
    loads[1]!.release();
    await stats.idle();
    const renewed = await stats.load(query("2024-04-01"), at(63));
    expect(renewed).not.toBe(kept);
    // Past staleMs the request waits for a new load.
    const late = stats.load(query("2024-04-01"), at(61 + 600));
    await startedLoads(3);
    expect(await settled(late)).toBe(false);
    loads[2]!.release();
    expect(await late).not.toBe(renewed);
  });
});
