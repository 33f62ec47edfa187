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
  const intervalSeconds = pollIntervalSeconds(vendor, deps.defaultIntervalSeconds);
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

/** While a vendor has an open incident it is polled this many times as often… */
export const OPEN_INCIDENT_SPEEDUP = 4;
/** …but not more often than this (nor less often than its own interval). */
export const OPEN_INCIDENT_FLOOR_SECONDS = 15;

/**
 * The vendor's interval, shortened while it has an open incident: its updates then come every few
 * minutes, and each is news (pages without push hints gain most). Back to normal once it is resolved.
 */
export function pollIntervalSeconds(
  vendor: Pick<PolledVendor, "intervalSeconds" | "openIncidents">,
  defaultIntervalSeconds: number,
): number {
  const interval = vendor.intervalSeconds ?? defaultIntervalSeconds;
  if (vendor.openIncidents === 0) return interval;
  return Math.min(interval, Math.max(interval / OPEN_INCIDENT_SPEEDUP, OPEN_INCIDENT_FLOOR_SECONDS));
}
