import type { CachedResponse, ConditionalCache } from "../platforms/http-client.ts";

/** One vendor's validators and last bodies. Cleared when a poll fails, so the next one parses again. */
export interface VendorCache extends ConditionalCache {
  /** Vendor incident id → fingerprint of the snapshot last written: an identical one needs no work. */
  readonly incidents: Map<string, string>;
  clear(): void;
}

/** Kept for the life of the process; a restart simply parses everything once. */
export function createMemoryCache(): VendorCache {
  const entries = new Map<string, CachedResponse>();
  const incidents = new Map<string, string>();
  return {
    incidents,
    get: (url) => entries.get(url),
    set: (url, entry) => void entries.set(url, entry),
    clear: () => {
      entries.clear();
      incidents.clear();
    },
  };
}
