// Guessing the admin token: at most 10 failed sign-ins or bearer tokens a minute from one client
// address, across the admin pages and the admin API; past that, 429 with Retry-After until the oldest
// failure is a minute old. The address is the connection's (behind a proxy, the proxy's: its clients
// then share the allowance; Forwarded headers are not trusted).
import { createFailureLimiter, type FailureLimiter } from "../lib/failure-limiter.ts";

export const SIGN_IN_LIMITS = { max: 10, windowMs: 60_000 };

export function createSignInLimiter(): FailureLimiter {
  return createFailureLimiter(SIGN_IN_LIMITS);
}

export const tooManyMessage = (seconds: number) =>
  `Too many failed sign-ins from your address: try again in ${seconds} s.`;
