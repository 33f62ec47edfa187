// A lasting failure of something every part shares (the database) is reported when it starts and when
// it ends, not once for every poll, delivery and tick that meets it meanwhile.

export interface OutageOptions {
  /** Whether an error is a symptom of the outage (others are not this log's business). */
  belongs: (error: unknown) => boolean;
  /** The outage's first error. */
  onStart: (error: unknown) => void;
  /** Something worked again; `failures` is how many errors the outage swallowed after the first. */
  onEnd: (failures: number) => void;
}

export interface Outage {
  /** True when the error is the outage's (reported already, or now as its start): report nothing else. */
  failed(error: unknown): boolean;
  /** An operation that needs the shared thing worked: ends the outage, if there is one. */
  succeeded(): void;
}

export function createOutage(options: OutageOptions): Outage {
  let failures: number | null = null; // null: no outage
  return {
    failed(error) {
      if (!options.belongs(error)) return false;
      if (failures === null) {
        failures = 0;
        options.onStart(error);
      } else failures++;
      return true;
    },
    succeeded() {
      if (failures === null) return;
      const swallowed = failures;
      failures = null;
      options.onEnd(swallowed);
    },
  };
}
