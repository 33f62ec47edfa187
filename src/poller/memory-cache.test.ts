import { describe, expect, it } from "vitest";
import { FULL_READ_EVERY_MS, createMemoryCache } from "./memory-cache.ts";

describe("createMemoryCache: the safety sweep", () => {
  it("asks for a full read first, then again within the sweep period, in its second half", () => {
    const draws = [0, 0.999, 0.5];
    const cache = createMemoryCache(() => draws.shift()!);
    const start = 1_000_000;
    expect(cache.fullReadDue(start)).toBe(true);
    let now = start;
    for (const expected of [0.5, 0.9995, 0.75]) {
      cache.fullReadDone(now);
      const next = now + FULL_READ_EVERY_MS * expected;
      expect(cache.fullReadDue(next - 1)).toBe(false);
      expect(cache.fullReadDue(next)).toBe(true);
      now = next;
    }
  });

  it("spreads vendors read in full together over the second half of the period", () => {
    const at = 0;
    const nextDue = Array.from({ length: 1000 }, () => {
      const cache = createMemoryCache();
      cache.fullReadDone(at);
      let lo = 0;
      let hi = FULL_READ_EVERY_MS;
      while (hi - lo > 1000) {
        const mid = (lo + hi) / 2;
        if (cache.fullReadDue(mid)) hi = mid;
        else lo = mid;
      }
      return hi;
    });
    const buckets = [0, 0, 0, 0];
    for (const due of nextDue) {
      expect(due).toBeGreaterThanOrEqual(FULL_READ_EVERY_MS / 2);
      expect(due).toBeLessThanOrEqual(FULL_READ_EVERY_MS);
      buckets[Math.min(3, Math.floor(((due - FULL_READ_EVERY_MS / 2) / FULL_READ_EVERY_MS) * 8))]!++;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(150); // about 250 each: not all at once
  });

  it("asks for a full read again after a clear", () => {
    const cache = createMemoryCache(() => 0.5);
    cache.fullReadDone(0);
    expect(cache.fullReadDue(1000)).toBe(false);
    cache.clear();
    expect(cache.fullReadDue(1000)).toBe(true);
  });
});
