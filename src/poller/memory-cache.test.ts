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

describe("createMemoryCache: what it keeps", () => {
  const a = "https://status.example.com/api/v2/summary.json";
  const b = "https://status.example.com/api/v2/incidents.json";

  it("keeps each document's validators and hash, never its body, and replaces them on the next response", () => {
    const cache = createMemoryCache();
    cache.set(a, { etag: '"1"', lastModified: null, bodyHash: "h1", body: "{}", headers: { x: "y" } });
    cache.set(b, { etag: null, lastModified: "Mon, 07 Dec 2026 10:00:00 GMT", bodyHash: "h2" });
    expect(cache.get(a)).toMatchObject({ etag: '"1"', lastModified: null, bodyHash: "h1" });
    expect(Object.keys(cache.get(a)!)).not.toEqual(expect.arrayContaining(["body"]));
    expect(Object.keys(cache.get(a)!)).not.toEqual(expect.arrayContaining(["headers"]));
    cache.set(a, { etag: '"2"', lastModified: null, bodyHash: "h3" });
    expect(cache.get(a)).toMatchObject({ etag: '"2"', bodyHash: "h3" });
    expect(cache.get(b)).toMatchObject({ bodyHash: "h2" });
    expect(cache.get(`${a}?x`)).toBeUndefined();
  });

  it("forgets everything when the page's settings or the vendor's last poll are not what it last saw", () => {
    const cache = createMemoryCache();
    const fill = () => {
      cache.set(a, { etag: '"1"', lastModified: null, bodyHash: "h1" });
      cache.written.replace([42]);
      cache.fullReadDone(0);
    };
    cache.useFor('["statuspage",{"url":"https://status.example.com"}]', null);
    fill();
    cache.wrote("2026-12-07T10:00:00.000Z");
    cache.useFor('["statuspage",{"url":"https://status.example.com"}]', "2026-12-07T10:00:00.000Z");
    expect(cache.get(a)).toBeDefined(); // the same page, as this process last wrote it
    cache.useFor('["statuspage",{"url":"https://status.example.com"}]', "2026-12-07T10:00:30.000Z");
    expect([cache.get(a), cache.written.size, cache.fullReadDue(1)]).toEqual([undefined, 0, true]); // another worker polled
    fill();
    cache.wrote("2026-12-07T10:01:00.000Z");
    cache.useFor('["incidentio",{"url":"https://status.example.com"}]', "2026-12-07T10:01:00.000Z");
    expect([cache.get(a), cache.written.size]).toEqual([undefined, 0]); // another platform reads other bytes
  });
});
