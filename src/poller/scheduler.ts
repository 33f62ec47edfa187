// Polls every vendor when it is due. The schedule lives in the store (next_poll_at), so a restart or a
// second worker picks up exactly where the last one left off; claims are leases, so a crashed worker's
// vendors come back after the lease.
import type { Store, Vendor } from "../store/store.ts";

export interface SchedulerOptions {
  store: Store;
  poll: (vendor: Vendor) => Promise<unknown>;
  now: () => Date;
  /** Polls in flight at once. */
  concurrency: number;
  /** How often to look for due vendors. */
  tickMs: number;
  /** How long a claim holds before another worker may take the vendor. */
  leaseSeconds: number;
  onError: (error: unknown, vendor: Vendor | null) => void;
}

export interface Scheduler {
  start(): void;
  /** Stops claiming and waits for polls in flight. */
  stop(): Promise<void>;
  /** Claims and polls what is due now; resolves when those polls finish. */
  tick(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let claiming = false;

  /** Claims what is due (up to the free slots) and starts polling it; returns the started polls. */
  async function claim(): Promise<Promise<void>[]> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0 || claiming) return [];
    claiming = true;
    try {
      const now = options.now();
      const leaseUntil = new Date(now.getTime() + options.leaseSeconds * 1000).toISOString();
      const vendors = await options.store.claimDueVendors(now.toISOString(), leaseUntil, free);
      return vendors.map(track);
    } catch (error) {
      options.onError(error, null);
      return [];
    } finally {
      claiming = false;
    }
  }

  function track(vendor: Vendor): Promise<void> {
    const job: Promise<void> = options
      .poll(vendor)
      .then(() => undefined)
      .catch((error: unknown) => options.onError(error, vendor))
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    return job;
  }

  function loop(): void {
    if (!running) return;
    // Polls are not awaited: a slow vendor must not hold back the others.
    void claim();
    timer = setTimeout(loop, options.tickMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
    },
    async tick() {
      await Promise.all(await claim());
    },
  };
}
