import { describe, expect, it } from "vitest";
import { createFailureLimiter } from "./failure-limiter.ts";

describe("failure limiter", () => {
  it("lets a client fail max times in the window, then makes it wait until the oldest failure leaves", () => {
    const limiter = createFailureLimiter({ max: 3, windowMs: 60_000 });
    for (const t of [0, 10_000, 20_000]) {
      expect(limiter.retryAfter("a", t)).toBe(0);
      limiter.fail("a", t);
    }
    expect(limiter.retryAfter("a", 30_000)).toBe(30); // the failure at 0 leaves at 60 s
    expect(limiter.retryAfter("b", 30_000)).toBe(0); // another client is not held
    expect(limiter.retryAfter("a", 60_001)).toBe(0);
    limiter.fail("a", 60_001);
    expect(limiter.retryAfter("a", 60_002)).toBe(10); // failures at 10, 20 and 60 s: wait for 10 s's
  });

  it("remembers at most maxKeys clients, forgetting the least recently failed", () => {
    const limiter = createFailureLimiter({ max: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.fail("a", 0);
    limiter.fail("b", 1);
    limiter.fail("a", 2);
    limiter.fail("c", 3); // b is forgotten, not a
    expect(["a", "b", "c"].map((key) => limiter.retryAfter(key, 4) > 0)).toEqual([true, false, true]);
  });
});
