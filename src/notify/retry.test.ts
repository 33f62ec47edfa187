import { describe, expect, it } from "vitest";
import { DeliveryError } from "./channel.ts";
import { decideOutcome, retryDelaySeconds } from "./retry.ts";

describe("retryDelaySeconds", () => {
  it.each([
    // attempts, random, Retry-After, expected seconds
    [1, 0.5, undefined, 2],
    [2, 0.5, undefined, 4],
    [3, 0.5, undefined, 8],
    [11, 0.5, undefined, 2048],
    [12, 0.5, undefined, 3600], // 4096 capped at 1 h
    [40, 0.5, undefined, 3600],
    [1, 0, undefined, 1.6], // -20%
    [1, 1, undefined, 2.4], // +20%
    [12, 1, undefined, 3600], // jitter never goes past the cap
    [1, 0.5, 30, 30], // Retry-After beats the backoff
    [5, 0.5, 10, 32], // … but never shortens it
    [1, 0.5, 7200, 3600], // and is itself capped at 1 h
  ])("attempt %i, random %f, Retry-After %s → %f s", (attempts, random, retryAfter, expected) => {
    expect(retryDelaySeconds(attempts, retryAfter, () => random)).toBeCloseTo(expected, 6);
  });

  it("retries a receiver that is down for over a day about 35 times, then gives up", () => {
    const created = new Date("2026-08-01T00:00:00.000Z");
    let now = created;
    let state = { attempts: 0, createdAt: created.toISOString() };
    const waits: number[] = [];
    for (;;) {
      const outcome = decideOutcome(state, failure(503), now, () => 0.5);
      if (outcome.status !== "pending") {
        expect(outcome.status).toBe("dead");
        expect(outcome.lastError).toMatch(/^gave up after \d+ attempts: HTTP 503/);
        break;
      }
      const next = new Date(outcome.nextAttemptAt);
      waits.push((next.getTime() - now.getTime()) / 1000);
      now = next;
      state = { ...state, attempts: outcome.attempts };
    }
    expect(waits.slice(0, 4)).toEqual([2, 4, 8, 16]);
    expect(Math.max(...waits)).toBe(3600);
    // The last try is at 25 h exactly: a receiver down for a whole day still gets it.
    expect(now.getTime() - created.getTime()).toBe(25 * 3600 * 1000);
    expect(waits.at(-1)).toBeLessThan(3600);
    expect(waits.length).toBeGreaterThan(25);
    expect(waits.length).toBeLessThan(40);
  });
});

const failure = (status: number, init: Partial<ConstructorParameters<typeof DeliveryError>[1]> = {}) => ({
  ok: false as const,
  error: new DeliveryError(`HTTP ${status}`, { retryable: status >= 500 || status === 429, ...init }),
});

describe("decideOutcome", () => {
  const delivery = { attempts: 2, createdAt: "2026-08-01T00:00:00.000Z" };
  const now = new Date("2026-08-01T00:10:00.000Z");
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

  it.each([
    ["accepted", { ok: true as const }, { status: "delivered", deliveredAt: at(0), lastError: null }],
    ["a 503", failure(503), { status: "pending", nextAttemptAt: at(8), lastError: "HTTP 503" }],
    [
      "a 429 with Retry-After",
      failure(429, { retryAfterSeconds: 120 }),
      { status: "pending", nextAttemptAt: at(120) },
    ],
    ["a 400", failure(400), { status: "failed", nextAttemptAt: at(0), lastError: "HTTP 400" }],
    ["a 410", failure(410, { gone: true }), { status: "failed", lastError: "HTTP 410" }],
    [
      "an unexpected error (retried: it may pass)",
      { ok: false as const, error: new TypeError("boom") },
      { status: "pending", lastError: "boom" },
    ],
  ])("%s", (_, result, expected) => {
    expect(decideOutcome(delivery, result, now, () => 0.5)).toMatchObject({ attempts: 3, ...expected });
  });

  it("cuts the last wait short to try once more at the deadline (25 h), and is dead after a failure there", () => {
    const deadline = Date.parse(delivery.createdAt) + 25 * 3600 * 1000;
    const late = new Date(deadline - 1000);
    expect(decideOutcome(delivery, failure(502), late, () => 0.5)).toMatchObject({
      status: "pending",
      nextAttemptAt: new Date(deadline).toISOString(),
    });
    expect(decideOutcome(delivery, failure(502), new Date(deadline), () => 0.5)).toMatchObject({
      status: "dead",
      nextAttemptAt: new Date(deadline).toISOString(),
      lastError: "gave up after 3 attempts: HTTP 502",
    });
  });

  it("a permanent failure is final however early", () => {
    expect(decideOutcome(delivery, failure(404), now)).toMatchObject({ status: "failed", attempts: 3 });
  });
});
