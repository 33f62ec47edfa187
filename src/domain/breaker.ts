// The circuit breaker: a vendor that suddenly opens many incidents (a feed that renumbered its items,
// a page that lost its history and relisted it) is more likely broken than on fire. It holds the
// vendor's notifications until a person looks; the record is still kept. Pure.

export interface BreakerLimits {
  /** More incidents opened by one poll than this trips it. */
  perPoll: number;
  /** More opened within `windowMinutes` (this poll's included) than this trips it. */
  perWindow: number;
  windowMinutes: number;
}

/** A real outage opens a handful of incidents; these leave room for a bad day and stop a storm. */
export const BREAKER_LIMITS: BreakerLimits = { perPoll: 10, perWindow: 20, windowMinutes: 15 };

/** Why the breaker trips, or null when it does not. */
export function breakerReason(
  openedNow: number,
  openedInWindow: number,
  limits: BreakerLimits,
): string | null {
  if (openedNow > limits.perPoll) {
    return `circuit breaker: one poll opened ${openedNow} incidents (more than ${limits.perPoll}); notifications are held until a person resets it`;
  }
  if (openedInWindow > limits.perWindow) {
    return `circuit breaker: ${openedInWindow} incidents opened within ${limits.windowMinutes} minutes (more than ${limits.perWindow}); notifications are held until a person resets it`;
  }
  return null;
}
