// Applies the retention while serve runs: at start, then every hour, in small batches (each
// its own short write), so that pruning a long backlog never holds up a poll or a delivery for long.
import type { PruneCounts, RetentionStore } from "./retention-store.ts";

const DAY_MS = 86_400_000;

export interface PrunerOptions {
  store: RetentionStore;
  /** Rows older than this many days may go. */
  retentionDays: number;
  now: () => Date;
  /** Between runs (default an hour). */
  everyMs?: number;
  /** Rows of each kind per batch (default 500). */
  batchSize?: number;
  /** After a run that deleted anything. */
  onPruned?: (counts: PruneCounts) => void;
  onError?: (error: unknown) => void;
}

export interface Pruner {
  start(): void;
  /** Prunes everything due now, batch after batch; resolves with the totals. */
  pruneNow(): Promise<PruneCounts>;
  /** Stops the timer and waits for a run in progress to end after its current batch. */
  stop(): Promise<void>;
}

export function createPruner(options: PrunerOptions): Pruner {
  const { store, retentionDays, now } = options;
  const batchSize = options.batchSize ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function pruneNow(): Promise<PruneCounts> {
    const before = new Date(now().getTime() - retentionDays * DAY_MS).toISOString();
    const total = { deliveries: 0, events: 0 };
    while (!stopped) {
      const batch = await store.pruneBefore(before, batchSize);
      total.deliveries += batch.deliveries;
      total.events += batch.events;
      if (batch.deliveries < batchSize && batch.events < batchSize) break;
      await new Promise((resolve) => setImmediate(resolve)); // waiting polls and deliveries write first
    }
    return total;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pruneNow().then(
        (counts) => {
          if (counts.deliveries + counts.events > 0) options.onPruned?.(counts);
        },
        (error: unknown) => options.onError?.(error),
      );
      void running.then(() => schedule(options.everyMs ?? 3_600_000));
    }, delayMs);
    timer.unref();
  }

  return {
    start: () => schedule(0),
    pruneNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
