// The retry schedule and how one attempt's result becomes a delivery's new state. Pure: no I/O.
import type { Iso } from "../domain/model.ts";
import { describeError } from "../lib/errors.ts";
import type { DeliveryOutcome } from "../store/store.ts";
import { DeliveryError } from "./channel.ts";
import type { Delivery } from "../domain/notification.ts";

export const FIRST_RETRY_SECONDS = 2;
export const MAX_WAIT_SECONDS = 60 * 60;
/**
 * After this long since the delivery was created, a retryable failure is final ("dead"). A little over
 * a day, so a receiver that is down for a whole day still gets everything once it is back.
 */
export const GIVE_UP_AFTER_SECONDS = 25 * 60 * 60;

/**
 * Seconds to wait after the `attempts`-th failed attempt: 2 s, 4 s, 8 s, … capped at 1 h, each ±20%
 * (so deliveries that failed together do not retry together), never sooner than the receiver's
 * Retry-After (itself capped at 1 h so the schedule stays bounded).
 */
export function retryDelaySeconds(
  attempts: number,
  retryAfterSeconds?: number,
  random = Math.random,
): number {
  const backoff = Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1), MAX_WAIT_SECONDS);
  const jittered = Math.min(backoff * (0.8 + 0.4 * random()), MAX_WAIT_SECONDS);
  return Math.max(jittered, Math.min(retryAfterSeconds ?? 0, MAX_WAIT_SECONDS));
}

/** What happened on one attempt: accepted, or the error the channel threw. */
export type AttemptResult = { ok: true } | { ok: false; error: unknown };

/** The delivery's state after an attempt at `now`. */
export function decideOutcome(
  delivery: Pick<Delivery, "attempts" | "createdAt">,
  result: AttemptResult,
  now: Date,
  random = Math.random,
): DeliveryOutcome {
  const attempts = delivery.attempts + 1;
  const at = now.toISOString();
  if (result.ok)
    return { status: "delivered", attempts, nextAttemptAt: at, deliveredAt: at, lastError: null };
  const lastError = describeError(result.error);
  const final = { attempts, nextAttemptAt: at, deliveredAt: null, lastError };
  if (!isRetryable(result.error)) return { status: "failed", ...final };
  const retryAfter = result.error instanceof DeliveryError ? result.error.retryAfterSeconds : undefined;
  const deadline = Date.parse(delivery.createdAt) + GIVE_UP_AFTER_SECONDS * 1000;
  if (now.getTime() >= deadline)
    return { status: "dead", ...final, lastError: `gave up after ${attempts} attempts: ${lastError}` };
  // The last wait is cut short so that one final try happens at the deadline itself.
  const next = Math.min(now.getTime() + retryDelaySeconds(attempts, retryAfter, random) * 1000, deadline);
  return {
    status: "pending",
    attempts,
    nextAttemptAt: new Date(next).toISOString(),
    deliveredAt: null,
    lastError,
  };
}

/**
 * A DeliveryError says for itself. Anything else (a channel bug, a store hiccup while building the
 * message) is retried: giving up on a message for a fault that may pass would be a missed alert.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof DeliveryError ? error.retryable && !error.gone : true;
}

export function isGone(error: unknown): boolean {
  return error instanceof DeliveryError && error.gone;
}

/** For a suppressed (flapped-back) component change: final, nothing sent. */
export function suppressedOutcome(delivery: Pick<Delivery, "attempts">, now: Iso): DeliveryOutcome {
  return {
    status: "suppressed",
    attempts: delivery.attempts,
    nextAttemptAt: now,
    deliveredAt: null,
    lastError: null,
  };
}
