// Whether the poller keeps pace: how late polls start past their due time, over the last minute. When
// more than 1% start over 2 s late, the poller is behind schedule: it says so once a minute in the log,
// and on /healthz, the dashboard and /metrics.

/** A poll that starts more than this long after its due time is late. */
export const LATE_AFTER_MS = 2000;
const WINDOW_MS = 60_000;
const BEHIND_SHARE = 0.01;
/** Too few starts say nothing about keeping pace. */
const MIN_STARTS = 20;

export interface PollerHealth {
  behind: boolean;
  /** Polls started in the last minute, and the share of them that started late. */
  started: number;
  lateShare: number;
  /** The longest delay past due of a start in the last minute, in seconds. */
  maxDelaySeconds: number;
}

export interface Lateness {
  started(delayMs: number): void;
  health(): PollerHealth;
}

export interface LatenessOptions {
  now?: () => number;
  /** Told once when the poller falls behind, again at most once a minute while it stays behind. */
  onBehind?: (health: PollerHealth) => void;
  /** Every start's delay, e.g. for a histogram. */
  onStart?: (delaySeconds: number) => void;
}

export function createLateness(options: LatenessOptions = {}): Lateness {
  const now = options.now ?? Date.now;
  // Counts per second of the window, so memory stays flat however many polls start.
  const buckets = new Map<number, { started: number; late: number; maxDelayMs: number }>();
  let lastWarned = -Infinity;

  function prune(second: number) {
    for (const key of buckets.keys()) if (key <= second - WINDOW_MS / 1000) buckets.delete(key);
  }

  function health(): PollerHealth {
    prune(Math.floor(now() / 1000));
    let started = 0;
    let late = 0;
    let maxDelayMs = 0;
    for (const bucket of buckets.values()) {
      started += bucket.started;
      late += bucket.late;
      maxDelayMs = Math.max(maxDelayMs, bucket.maxDelayMs);
    }
    const lateShare = started === 0 ? 0 : late / started;
    return {
      behind: started >= MIN_STARTS && lateShare > BEHIND_SHARE,
      started,
      lateShare,
      maxDelaySeconds: maxDelayMs / 1000,
    };
  }

  return {
    started(delayMs) {
      const second = Math.floor(now() / 1000);
      const bucket = buckets.get(second) ?? { started: 0, late: 0, maxDelayMs: 0 };
      bucket.started += 1;
      if (delayMs > LATE_AFTER_MS) bucket.late += 1;
      bucket.maxDelayMs = Math.max(bucket.maxDelayMs, delayMs);
      buckets.set(second, bucket);
      options.onStart?.(delayMs / 1000);
      if (delayMs > LATE_AFTER_MS && now() - lastWarned >= WINDOW_MS) {
        const current = health();
        if (current.behind) {
          lastWarned = now();
          options.onBehind?.(current);
        }
      }
    },
    health,
  };
}
