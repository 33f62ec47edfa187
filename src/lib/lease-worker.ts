// The loop shared by the poll scheduler and the notification dispatcher: claim due work from the store
// as leases (so a restart or a second worker resumes where the last left off, and a crashed worker's
// items come back after the lease), handle each without holding back the others, look again on a tick
// or when woken.

export interface LeaseWorkerOptions<T> {
  /** Leases up to `limit` due items at `now` until `leaseUntil`. */
  claim(now: Date, leaseUntil: Date, limit: number): Promise<T[]>;
  handle(item: T): Promise<unknown>;
  now: () => Date;
  /** Items in hand at once. */
  concurrency: number;
  /** How often to look for due items. */
  tickMs: number;
  /** How long a claim holds before another worker may take the item. */
  leaseSeconds: number;
  onError: (error: unknown, item: T | null) => void;
  /** Look again as soon as an item is done (a queue whose next item is due at once). */
  claimAfterEach?: boolean;
  /**
   * When the earliest item falls due (null: none waiting). With it, an idle worker claims nothing: each
   * tick only peeks (a cheap read), and the worker sleeps until that time or the next tick.
   */
  nextDueAt?: () => Promise<Date | null>;
}

export interface LeaseWorker {
  start(): void;
  /** Stops claiming and waits for the items in hand. */
  stop(): Promise<void>;
  /** Claims and handles what is due now; resolves when those items are done. */
  tick(): Promise<void>;
  /** Look now rather than at the next tick. */
  wake(): void;
}

export function createLeaseWorker<T>(options: LeaseWorkerOptions<T>): LeaseWorker {
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let claiming: Promise<Promise<void>[]> | null = null;
  let claimAgain = false;

  /** One claim at a time; a wake during a claim runs another right after (it may have missed a write). */
  function claim(): Promise<Promise<void>[]> {
    if (claiming) {
      claimAgain = true;
      return claiming;
    }
    claiming = claimOnce().finally(() => {
      claiming = null;
      if (claimAgain && running) {
        claimAgain = false;
        void claim();
      }
    });
    return claiming;
  }

  async function claimOnce(): Promise<Promise<void>[]> {
    const free = options.concurrency - inFlight.size;
    if (free <= 0) return [];
    try {
      const now = options.now();
      const leaseUntil = new Date(now.getTime() + options.leaseSeconds * 1000);
      return (await options.claim(now, leaseUntil, free)).map(track);
    } catch (error) {
      options.onError(error, null);
      return [];
    }
  }

  function track(item: T): Promise<void> {
    const job: Promise<void> = options
      .handle(item)
      .then(() => undefined)
      .catch((error: unknown) => options.onError(error, item))
      .finally(() => {
        inFlight.delete(job);
        if (options.claimAfterEach && running) void claim();
      });
    inFlight.add(job);
    return job;
  }

  async function loop(): Promise<void> {
    if (!running) return;
    let waitMs = options.tickMs;
    try {
      const due = options.nextDueAt ? await options.nextDueAt() : options.now();
      const untilDue = due === null ? Infinity : due.getTime() - options.now().getTime();
      // Items are not awaited here: a slow one must not hold back the others.
      if (untilDue <= 0) void claim();
      else waitMs = Math.min(waitMs, untilDue);
    } catch (error) {
      options.onError(error, null);
    }
    if (running) timer = setTimeout(() => void loop(), waitMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await claiming;
      await Promise.allSettled([...inFlight]);
    },
    async tick() {
      await Promise.all(await claim());
    },
    wake() {
      if (running) void claim();
    },
  };
}
