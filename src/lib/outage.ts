// A lasting failure of something every part shares (the database) is reported when it starts and when
// it ends, not once for every poll, delivery and tick that meets it meanwhile.

export interface OutageOptions {
  /** Whether an error is a symptom of the outage (others are not this log's business). */
  belongs: (error: unknown) => boolean;
  /** The outage's first error. */
  onStart: (error: unknown) => void;
  /** Something worked again; `failures` is how many errors the outage absorbed after the first. */
  onEnd: (failures: number) => void;
  now: () => Date;
  /**
   * How long without a failure before a success ends the outage. Some work can succeed while other
   * work still fails (a full disk takes in-place updates, not new rows): without this, each failure
   * between two successes would start an outage of its own.
   */
  settleMs: number;
}

export interface Outage {
  /** True when the error is the outage's (reported already, or now as its start): report nothing else. */
  failed(error: unknown): boolean;
  /** An operation that needs the shared thing worked: ends the outage once it has settled. */
  succeeded(): void;
  /** When the outage going on began; null when there is none. */
  since(): Date | null;
}

export function createOutage(options: OutageOptions): Outage {
  let failures: number | null = null; // null: no outage
  let lastFailure = 0;
  let startedAt: Date | null = null;
  return {
    failed(error) {
      if (!options.belongs(error)) return false;
      lastFailure = options.now().getTime();
      if (failures === null) {
        failures = 0;
        startedAt = options.now();
        options.onStart(error);
      } else failures++;
      return true;
    },
    succeeded() {
      if (failures === null || options.now().getTime() - lastFailure < options.settleMs) return;
      const absorbed = failures;
      failures = null;
      startedAt = null;
      options.onEnd(absorbed);
    },
    since: () => startedAt,
  };
}
