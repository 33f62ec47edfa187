// Polls every vendor on its own due time. The schedule lives in the store (next_poll_at): the scheduler
// claims the vendors due within the next moments as leases (so a restart or another worker resumes
// where this one left off, and a killed worker's vendors come back when its leases end), holds them in
// a timer queue, and starts each at its due time. Many polls run at once, bounded overall (sockets,
// memory) and per origin, so one slow or rate-limiting host holds back only its own vendors. A poll
// still running when half its lease is gone renews it, so no other worker polls the vendor meanwhile.
import type { Vendor } from "../domain/vendor.ts";
import type { ClaimedVendor, Store } from "../store/store.ts";
import { createDueQueue } from "./due-queue.ts";
import { createLateness, type Lateness, type PollerHealth } from "./lateness.ts";

/**
 * Workers on several hosts share one database, and their clocks may differ: a starting worker counts as
 * "polled later" (set by a clock since stepped back) only what was polled over a minute ahead of its own.
 */
const FIRST_CLAIM_CLOCK_MARGIN_MS = 60_000;
/**
 * A worker claims the vendors it polled last (and those nobody has) ahead of their due time, another
 * worker's only once this late: each keeps its share of the fleet, and the connections to it, while a
 * stopped or overloaded worker's vendors still start within the on-time bound.
 */
export const TAKEOVER_GRACE_MS = 1000;
export interface SchedulerOptions {
  store: Pick<Store, "claimDueVendors" | "moveClaims" | "rescheduleAfterClockStep">;
  /** Polls one vendor; `dueAt` is when it was due (its next poll is due an interval after that). */
  poll: (vendor: Vendor, dueAt: Date) => Promise<unknown>;
  now: () => Date;
  /** Polls in flight at once, over all origins. */
  concurrency: number;
  /** Polls in flight at once to one origin (scheme, host and port); default 4. */
  perOrigin?: number;
  /** How often to claim the vendors coming due. */
  tickMs: number;
  /** Vendors due within this much of now are claimed, so each can start on time; default 2 s. */
  lookaheadMs?: number;
  /** How long a claim holds before another worker may take the vendor. */
  leaseSeconds: number;
  /** Recorded as the holder of this scheduler's leases (lib/worker-identity.ts). */
  worker?: string;
  onError: (error: unknown, vendor: Vendor | null) => void;
  /** Told of every start's delay past its due time, and when the poller falls behind or catches up. */
  lateness?: Lateness;
  /** The clock went back this many seconds; `rescheduled` vendors polled "later" are due now. */
  onClockStep?: (seconds: number, rescheduled: number) => void;
}

export interface Scheduler {
  start(): void;
  /** Stops claiming, gives back the claimed vendors not started yet, and waits for the polls in hand. */
  stop(): Promise<void>;
  /** Claims what is due now and polls it; resolves when those polls are done. For one-shot runs and tests. */
  tick(): Promise<void>;
  /** Claim now rather than at the next tick (a vendor was added). */
  wake(): void;
  health(): PollerHealth;
}

interface Held {
  vendor: ClaimedVendor;
  dueAt: number;
  origin: string;
  leaseUntil: string;
}

const DEFAULT_PER_ORIGIN = 4;
const DEFAULT_LOOKAHEAD_MS = 2000;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const perOrigin = options.perOrigin ?? DEFAULT_PER_ORIGIN;
  const lookaheadMs = options.lookaheadMs ?? DEFAULT_LOOKAHEAD_MS;
  const lateness = options.lateness ?? createLateness();
  const due = createDueQueue<Held>((held) => held.dueAt);
  const waiting = new Map<string, Held[]>(); // per origin, ready but over a limit
  const activePerOrigin = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  const running = new Map<string, Held>(); // polls started and not yet finished, by slug
  const held = new Set<string>(); // slugs claimed and not yet finished
  let looping = false;
  let stopped = false;
  let claimTimer: NodeJS.Timeout | null = null;
  let dueTimer: NodeJS.Timeout | null = null;
  let claiming: Promise<void> | null = null;
  let renewing: Promise<void> | null = null;
  let latest: number | null = null; // the latest time seen: a claim at an earlier one means the clock went back

  /**
   * A schedule set by a clock since set back would hold every vendor up to the step: the vendors polled
   * "later" are made due now, and so are those claimed and waiting here. Also on the first claim, for a
   * step while no scheduler ran.
   */
  async function rescheduleIfClockWentBack(now: number): Promise<void> {
    if (latest !== null && now >= latest - lookaheadMs) {
      latest = Math.max(latest, now);
      return;
    }
    // Polled "later" by more than the claim's look-ahead (a poll written while this runs is not from the
    // future); on a first claim, by more than a minute, which other hosts' clocks may be off by.
    const margin = latest === null ? FIRST_CLAIM_CLOCK_MARGIN_MS : lookaheadMs;
    const rescheduled = await options.store.rescheduleAfterClockStep(
      new Date(now).toISOString(),
      new Date(now + margin).toISOString(),
    );
    const waiting: Held[] = [];
    for (let item = due.pop(); item !== undefined; item = due.pop()) waiting.push(item);
    for (const item of waiting) due.push({ ...item, dueAt: Math.min(item.dueAt, now) });
    if (latest !== null) options.onClockStep?.(Math.round((latest - now) / 1000), rescheduled);
    latest = now;
  }

  async function claimOnce(horizonMs: number): Promise<void> {
    const now = options.now().getTime();
    await rescheduleIfClockWentBack(now);
    const room = options.concurrency * 4 - held.size;
    if (room <= 0) return;
    // Counted from the horizon, not from now: another worker's claim looks as far ahead, and must not
    // see a vendor of ours as due before its lease has run, from its due time, in full.
    const leaseUntil = new Date(now + horizonMs + options.leaseSeconds * 1000).toISOString();
    // A claim of what is due now (a one-shot tick) takes every worker's vendors alike. A worker that is
    // itself behind takes another's only a lease's time late: sooner, workers that are all behind would
    // only trade vendors, each trade a new connection, and fall further behind.
    const grace = lateness.health().behind ? options.leaseSeconds * 1000 : TAKEOVER_GRACE_MS;
    const othersDueBy = horizonMs > 0 ? new Date(now - grace).toISOString() : undefined;
    const claimed = await options.store.claimDueVendors(
      new Date(now + horizonMs).toISOString(),
      leaseUntil,
      room,
      options.worker,
      othersDueBy,
    );
    for (const vendor of claimed) {
      if (held.has(vendor.slug)) continue; // still ours from an earlier claim
      held.add(vendor.slug);
      due.push({ vendor, dueAt: Date.parse(vendor.dueAt), origin: originOf(vendor.url), leaseUntil });
    }
    armDueTimer();
  }

  function claim(horizonMs = lookaheadMs): Promise<void> {
    claiming ??= claimOnce(horizonMs)
      .catch((error: unknown) => options.onError(error, null))
      .finally(() => (claiming = null));
    return claiming;
  }

  function armDueTimer(): void {
    if (dueTimer) clearTimeout(dueTimer);
    dueTimer = null;
    const next = due.peek();
    if (next === undefined) return;
    dueTimer = setTimeout(release, Math.max(0, next.dueAt - options.now().getTime()));
  }

  /** Moves every vendor whose time has come to its origin's line, and starts what the limits allow. */
  function release(): void {
    const now = options.now().getTime();
    for (let next = due.peek(); next !== undefined && next.dueAt <= now; next = due.peek()) {
      due.pop();
      const line = waiting.get(next.origin);
      if (line) line.push(next);
      else waiting.set(next.origin, [next]);
    }
    startWaiting();
    armDueTimer();
  }

  function startWaiting(): void {
    if (stopped) return;
    const now = options.now().getTime();
    for (const [origin, line] of waiting) {
      while (line.length > 0 && inFlight.size < options.concurrency) {
        if ((activePerOrigin.get(origin) ?? 0) >= perOrigin) break;
        const item = line.shift()!;
        if (leaseHalfGone(item, now)) letGo(item, now);
        else start(item);
      }
      if (line.length === 0) waiting.delete(origin);
      if (inFlight.size >= options.concurrency) return;
    }
  }

  /**
   * A vendor that waited here (the worker behind) until half its lease was gone is not started: the
   * lease could end while its poll runs, before a renewal, and another worker take it. It is let go, as
   * a late start: when the lease ends, whichever worker claims it (this one too) polls it once.
   */
  function leaseHalfGone(item: Held, now: number): boolean {
    return Date.parse(item.leaseUntil) - now < (options.leaseSeconds * 1000) / 2;
  }

  function letGo(item: Held, now: number): void {
    lateness.started(Math.max(0, now - item.dueAt));
    held.delete(item.vendor.slug);
  }

  function start(item: Held): void {
    lateness.started(Math.max(0, options.now().getTime() - item.dueAt));
    activePerOrigin.set(item.origin, (activePerOrigin.get(item.origin) ?? 0) + 1);
    running.set(item.vendor.slug, item);
    const job: Promise<void> = options
      .poll(item.vendor, new Date(item.dueAt))
      .then(() => undefined)
      .catch((error: unknown) => options.onError(error, item.vendor))
      .finally(() => {
        inFlight.delete(job);
        running.delete(item.vendor.slug);
        held.delete(item.vendor.slug);
        const left = (activePerOrigin.get(item.origin) ?? 1) - 1;
        if (left > 0) activePerOrigin.set(item.origin, left);
        else activePerOrigin.delete(item.origin);
        startWaiting();
      });
    inFlight.add(job);
  }

  /** A restarted or other worker can take them at once, rather than when their leases end. */
  async function releaseUnstarted(): Promise<void> {
    const unstarted: Held[] = [...[...waiting.values()].flat()];
    for (let item = due.pop(); item !== undefined; item = due.pop()) unstarted.push(item);
    waiting.clear();
    const claims = unstarted.map(({ vendor, dueAt, leaseUntil }) => ({
      vendor: vendor.slug,
      leaseUntil,
      to: new Date(dueAt).toISOString(),
    }));
    await options.store.moveClaims(claims).catch((error: unknown) => options.onError(error, null));
  }

  /** Polls running past half their lease (a slow page, documents read one after another) renew it. */
  function renewLeases(): void {
    if (renewing !== null) return;
    const now = options.now().getTime();
    const leaseMs = options.leaseSeconds * 1000;
    const expiring = [...running.values()].filter((item) => Date.parse(item.leaseUntil) - now < leaseMs / 2);
    if (expiring.length === 0) return;
    const to = new Date(now + leaseMs).toISOString();
    const claims = expiring.map(({ vendor, leaseUntil }) => ({ vendor: vendor.slug, leaseUntil, to }));
    renewing = options.store
      .moveClaims(claims)
      .then((moved) => {
        const renewed = new Set(moved);
        for (const item of expiring) if (renewed.has(item.vendor.slug)) item.leaseUntil = to;
      })
      .catch((error: unknown) => options.onError(error, null))
      .finally(() => (renewing = null));
  }

  function loop(): void {
    if (!looping) return;
    renewLeases();
    void claim();
    claimTimer = setTimeout(loop, options.tickMs);
  }

  return {
    start() {
      if (looping) return;
      looping = true;
      loop();
    },
    async stop() {
      looping = false;
      stopped = true;
      if (claimTimer) clearTimeout(claimTimer);
      if (dueTimer) clearTimeout(dueTimer);
      await claiming;
      await renewing;
      await releaseUnstarted();
      await Promise.allSettled([...inFlight]);
    },
    async tick() {
      await claim(0);
      release();
      while (inFlight.size > 0 || waiting.size > 0) await Promise.race(inFlight);
    },
    wake() {
      if (looping) void claim();
    },
    health: () => lateness.health(),
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
