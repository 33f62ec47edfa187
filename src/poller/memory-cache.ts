import type { CachedResponse, ConditionalCache } from "../platforms/http-client.ts";

/** Validators and last bodies of one vendor's sources, kept for the life of the process. */
export function createMemoryCache(): ConditionalCache {
  const entries = new Map<string, CachedResponse>();
  return {
    get: (url) => entries.get(url),
    set: (url, entry) => void entries.set(url, entry),
  };
}
