import type { IncidentSnapshot } from "../domain/model.ts";
import type { CachedResponse, ConditionalCache } from "../platforms/http-client.ts";
import type { IncidentMemo } from "../platforms/platform.ts";

/** What the last successful write stored of an incident: the snapshot object and its fingerprint. */
export interface WrittenIncident {
  snapshot: IncidentSnapshot;
  fingerprint: string;
}

/**
 * One vendor's memory between polls: validators and last bodies, the adapter's mapped incidents, and
 * what was last written. Cleared when a poll fails, so the next one parses and compares everything.
 */
export interface VendorCache extends ConditionalCache {
  readonly incidentMemo: IncidentMemo;
  /** Vendor incident id → what was last written: an identical snapshot needs no work. */
  readonly written: Map<string, WrittenIncident>;
  clear(): void;
  /**
   * Names what the memory is of (URL, platform, options): a different page, or the same bytes read
   * with other settings, must be parsed again. Clears on a change.
   */
  usePage(key: string): void;
}

/** Kept for the life of the process; a restart simply parses everything once. */
export function createMemoryCache(): VendorCache {
  const entries = new Map<string, CachedResponse>();
  const incidentMemo: IncidentMemo = new Map();
  const written = new Map<string, WrittenIncident>();
  let page: string | null = null;
  const clear = () => {
    entries.clear();
    incidentMemo.clear();
    written.clear();
  };
  return {
    incidentMemo,
    written,
    get: (url) => entries.get(url),
    set: (url, entry) => void entries.set(url, entry),
    clear,
    usePage(key) {
      if (page !== null && page !== key) clear();
      page = key;
    },
  };
}
