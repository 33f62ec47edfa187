// Polls every vendor when it is due. The schedule lives in the store (next_poll_at), so a restart or a
// second worker picks up exactly where the last one left off; claims are leases, so a crashed worker's
// vendors come back after the lease.
import { createLeaseWorker, type LeaseWorker } from "../lib/lease-worker.ts";
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

export type Scheduler = LeaseWorker;

export function createScheduler(options: SchedulerOptions): Scheduler {
  return createLeaseWorker<Vendor>({
    claim: (now, leaseUntil, limit) =>
      options.store.claimDueVendors(now.toISOString(), leaseUntil.toISOString(), limit),
    handle: options.poll,
    now: options.now,
    concurrency: options.concurrency,
    tickMs: options.tickMs,
    leaseSeconds: options.leaseSeconds,
    onError: options.onError,
  });
}
