// Failed attempts per client (admin sign-ins, wrong bearer tokens): past `max` failures within a
// window, the client waits until the oldest of them leaves it. Memory is bounded: at most `maxKeys`
// clients are remembered (the least recently failed are forgotten first), each with at most `max`
// times.

export interface FailureLimiter {
  /** Whole seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string, nowMs: number): number;
  /** Counts one failure of `key`. */
  fail(key: string, nowMs: number): void;
}

export interface FailureLimits {
  max: number;
  windowMs: number;
  maxKeys?: number;
}

export function createFailureLimiter({ max, windowMs, maxKeys = 10_000 }: FailureLimits): FailureLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, nowMs: number) => {
    const times = failures.get(key)?.filter((t) => t > nowMs - windowMs) ?? [];
    if (times.length === 0) failures.delete(key);
    return times;
  };
  return {
    retryAfter(key, nowMs) {
      const times = recent(key, nowMs);
      return times.length < max ? 0 : Math.max(1, Math.ceil((times[0]! + windowMs - nowMs) / 1000));
    },
    fail(key, nowMs) {
      const times = [...recent(key, nowMs), nowMs].slice(-max);
      failures.delete(key); // re-inserted last: the Map's order is least recently failed first
      failures.set(key, times);
      if (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    },
  };
}
