// When a vendor is due again after a poll.
import type { Iso } from "../domain/model.ts";
import { nextPollDelaySeconds } from "../lib/backoff.ts";
import type { PollDeps, PolledVendor } from "./poll-deps.ts";

/**
 * When the vendor is due again. A good poll keeps the vendor's rhythm: an interval after the time it was
 * due (±2%, so vendors drift apart), not after it happened to run, so a poll that started late or took
 * long does not push every later one back. A vendor more than half an interval behind starts a new
 * rhythm from now (±10%, which spreads a crowd, such as a fleet added at once), so two polls are never
 * less than half an interval apart. Failures back off from now.
 */
export function nextPollAt(
  vendor: PolledVendor,
  deps: PollDeps,
  failures: number,
  retryAfterSeconds?: number,
): Iso {
  const intervalSeconds = vendor.intervalSeconds ?? deps.defaultIntervalSeconds;
  const now = deps.now().getTime();
  const random = deps.random ?? Math.random;
  if (failures === 0 && retryAfterSeconds === undefined) {
    // Never after now: a due time later than now was set by a clock since set back.
    const dueAt = vendor.dueAt === undefined ? now : Math.min(Date.parse(vendor.dueAt), now);
    const anchored = dueAt + intervalSeconds * 1000 * (0.98 + random() * 0.04);
    if (anchored - now >= (intervalSeconds * 1000) / 2) return new Date(anchored).toISOString();
  }
  const delay = nextPollDelaySeconds({ intervalSeconds, failures, retryAfterSeconds, random });
  return new Date(now + delay * 1000).toISOString();
}
