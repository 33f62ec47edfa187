// What a poll run directly by a test needs (pollVendor's PollDeps): the store and HTTP client given, the
// real platforms, one memory cache, a clock that moves a minute at each reading from its start, a
// 60 s default interval and no jitter.
import type { HttpClient } from "../../src/lib/http-client.ts";
import { getPlatform } from "../../src/platforms/registry.ts";
import { createMemoryCache } from "../../src/poller/memory-cache.ts";
import type { PollDeps } from "../../src/poller/poll-deps.ts";

export const POLL_CLOCK_START = "2026-09-24T00:00:00.000Z";

export function testPollDeps(store: PollDeps["store"], http: HttpClient): PollDeps {
  const cache = createMemoryCache();
  let now = Date.parse(POLL_CLOCK_START);
  return {
    store,
    http,
    platform: getPlatform,
    now: () => new Date((now += 60_000)),
    defaultIntervalSeconds: 60,
    cacheFor: () => cache,
    random: () => 0.5,
  };
}
