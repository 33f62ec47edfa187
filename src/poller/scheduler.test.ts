import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createScheduler, type SchedulerOptions } from "./scheduler.ts";
import type { Vendor } from "../domain/vendor.ts";

let store: Store;
let now = new Date("2026-08-01T00:00:00.000Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

beforeEach(async () => {
  store = await openStore(":memory:");
  for (const slug of ["a", "b", "c"])
    await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
});
afterEach(() => store.close());

function schedulerWith(
  poll: (vendor: Vendor) => Promise<unknown>,
  concurrency = 8,
  options: Partial<Pick<SchedulerOptions, "tickMs" | "lookaheadMs" | "leaseSeconds" | "onClockStep">> = {},
) {
  return createScheduler({
    store,
    poll,
    now: () => now,
    concurrency,
    tickMs: 20,
    leaseSeconds: 300,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
}

/** A poll that records the vendor and schedules it again in 60 s, as pollVendor does. */
const recordingPoll = (seen: string[]) => async (vendor: Vendor) => {
  seen.push(vendor.slug);
  await store.savePoll({
    vendor: vendor.slug,
    polledAt: at(0),
    nextPollAt: at(60),
    outcome: { ok: true },
    events: [],
  });
};

/** A promise the test resolves when it chooses: polls wait on it, so nothing depends on how long they take. */
function opened(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("scheduler", () => {
  it("polls what is due once, then waits for its next time", async () => {
    const seen: string[] = [];
    const scheduler = schedulerWith(recordingPoll(seen));
    await scheduler.tick();
    expect(seen.sort()).toEqual(["a", "b", "c"]);
    await scheduler.tick();
    expect(seen).toHaveLength(3);
    now = new Date(now.getTime() + 61_000);
    await scheduler.tick();
    expect(seen).toHaveLength(6);
  });

  it("a vendor claimed by a poll that never finished comes back after the lease", async () => {
    const scheduler = schedulerWith(async () => undefined);
    await scheduler.tick();
    const seen: string[] = [];
    const second = schedulerWith(recordingPoll(seen));
    await second.tick();
    expect(seen).toEqual([]);
    now = new Date(now.getTime() + 301_000);
    await second.tick();
    expect(seen.sort()).toEqual(["a", "b", "c"]);
  });

  it("keeps at most `concurrency` polls in flight and stop() waits for them", async () => {
    let inFlight = 0;
    let most = 0;
    const finished: string[] = [];
    const gate = opened();
    const scheduler = schedulerWith(async (vendor) => {
      most = Math.max(most, ++inFlight);
      await gate.promise;
      inFlight--;
      finished.push(vendor.slug);
    }, 2);
    scheduler.start();
    // All three were claimed at once; the third waits for the limit (stop() gives it back).
    while (inFlight < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopping = scheduler.stop();
    gate.open();
    await stopping;
    expect(most).toBe(2);
    expect(finished).toHaveLength(2);
  });

  it("stop() gives back the vendors it claimed but had not started, so another worker takes them at once", async () => {
    let started = 0;
    const gate = opened();
    const slow = schedulerWith(async () => {
      started++;
      await gate.promise;
    }, 1);
    slow.start();
    while (started < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopping = slow.stop(); // one poll is in flight, two wait for the concurrency limit
    gate.open();
    await stopping;
    const seen: string[] = [];
    await schedulerWith(recordingPoll(seen)).tick();
    expect(seen).toHaveLength(2);
  });

  it("claims ahead only its own vendors and nobody's; another worker's once a second overdue (a lease's time when behind); a tick, all due", async () => {
    const claims: unknown[][] = [];
    let behind = false;
    const spied: Store = Object.create(store, {
      claimDueVendors: {
        value: (...args: Parameters<Store["claimDueVendors"]>) => {
          claims.push(args.slice(3));
          return store.claimDueVendors(...args);
        },
      },
    });
    const scheduler = createScheduler({
      store: spied,
      poll: recordingPoll([]),
      now: () => now,
      concurrency: 8,
      tickMs: 20,
      leaseSeconds: 300,
      worker: "w1",
      lateness: {
        started: () => {},
        health: () => ({ behind, started: 100, lateShare: behind ? 1 : 0, maxDelaySeconds: 0 }),
      },
      onError: (error) => {
        throw error;
      },
    });
    scheduler.start();
    while (claims.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    behind = true;
    while (claims.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await scheduler.stop();
    expect(claims.slice(0, 2)).toEqual([
      ["w1", at(-1)],
      ["w1", at(-300)],
    ]);
    await scheduler.tick();
    expect(claims.at(-1)).toEqual(["w1", undefined]);
  });

  it("lets go of a vendor that waited until half its lease was gone: not started, polled once after the lease", async () => {
    const seen: string[] = [];
    const finished: string[] = [];
    const gate = opened();
    const behind = schedulerWith(async (vendor) => {
      seen.push(vendor.slug);
      await gate.promise;
      finished.push(vendor.slug);
    }, 1);
    behind.start();
    while (seen.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const leased = (await store.getVendor("b"))!.nextPollAt;
    now = new Date(now.getTime() + 200_000); // the others waited 200 s of their 300 s lease
    gate.open();
    while (finished.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first poll's end starts what waits
    await behind.stop();
    expect(seen).toEqual(["a"]);
    expect((await store.getVendor("b"))!.nextPollAt).toBe(leased); // not given back early: the lease holds
    now = new Date(Date.parse(leased) + 1000);
    const after: string[] = [];
    await schedulerWith(recordingPoll(after)).tick();
    expect(after.sort()).toEqual(["a", "b", "c"]); // a's poll here wrote nothing: its lease ended too
  });

  it("a poll running past half its lease renews it: no other worker takes the vendor meanwhile", async () => {
    let release = () => {};
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const slow = schedulerWith(
      async (vendor) => {
        started.push(vendor.slug);
        await hanging;
      },
      8,
      { tickMs: 10, lookaheadMs: 0, leaseSeconds: 60 },
    );
    slow.start();
    while (started.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const leased = (await store.getVendor("a"))!.nextPollAt;
    expect(leased).toBe(at(60));
    now = new Date(now.getTime() + 40_000); // 20 s of the lease left: under half
    while ((await store.getVendor("a"))!.nextPollAt === leased) await new Promise((r) => setTimeout(r, 5));
    expect((await store.getVendor("a"))!.nextPollAt).toBe(at(60));
    now = new Date(now.getTime() + 30_000); // past the first lease, within the renewed one
    const seen: string[] = [];
    await schedulerWith(recordingPoll(seen)).tick();
    expect(seen).toEqual([]);
    release();
    await slow.stop();
  });

  it("a clock set back: the vendors polled since are due at once, not when the old clock said", async () => {
    const seen: string[] = [];
    const steps: number[][] = [];
    const scheduler = schedulerWith(recordingPoll(seen), 8, {
      onClockStep: (seconds, rescheduled) => steps.push([seconds, rescheduled]),
    });
    await scheduler.tick();
    expect(seen).toHaveLength(3); // due again in 60 s, by this clock
    now = new Date(now.getTime() - 3_600_000);
    await scheduler.tick();
    expect(steps).toEqual([[3600, 3]]);
    expect(seen).toHaveLength(6);
    await scheduler.tick(); // then on their new rhythm
    expect(seen).toHaveLength(6);
    now = new Date(now.getTime() + 61_000);
    await scheduler.tick();
    expect(seen).toHaveLength(9);
    expect(steps).toHaveLength(1);
  });
});
