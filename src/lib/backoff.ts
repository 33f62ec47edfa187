export interface DelayInput {
  intervalSeconds: number;
  /** Consecutive failed polls, counting the one just made (0 after a success). */
  failures: number;
  retryAfterSeconds?: number | undefined;
  random?: () => number;
}

const MAX_BACKOFF_SECONDS = 30 * 60;
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

/**
 * Seconds until the next poll: the interval with ±10% jitter (so vendors drift apart), doubled per
 * consecutive failure up to 30 minutes, and never sooner than the server's Retry-After.
 */
export function nextPollDelaySeconds({
  intervalSeconds,
  failures,
  retryAfterSeconds,
  random = Math.random,
}: DelayInput): number {
  const jitter = 0.9 + random() * 0.2;
  const backoff =
    failures === 0
      ? intervalSeconds
      : Math.min(intervalSeconds * 2 ** (failures - 1), Math.max(intervalSeconds, MAX_BACKOFF_SECONDS));
  const waitAtLeast = Math.min(retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS);
  return Math.max(backoff * jitter, waitAtLeast, 0.5);
}
