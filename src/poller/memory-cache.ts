import type { UpcomingMaintenance } from "../domain/maintenance.ts";
import type { CachedResponse, ConditionalCache } from "../lib/http-client.ts";

/** Incidents whose fingerprints are remembered per vendor: the page's recent ones, bounded. */
export const WRITTEN_MEMORY = 100;

/**
 * One vendor's memory between polls, small and bounded: validators and body hashes, and fingerprints
 * of what was last written. Cleared when a poll fails, so the next one parses and compares everything.
 */
export interface VendorCache extends ConditionalCache {
  /** Vendor incident id → the fingerprint of what was last written: an identical snapshot needs no work. */
  readonly written: Map<string, string>;
  /**
   * The maintenances the page last listed as upcoming: a poll that finds the page unchanged still
   * sends the reminders that came due since (poller/maintenance-reminders.ts).
   */
  upcoming: UpcomingMaintenance[];
  /** Reminder event ids this process wrote, with their maintenance's start: not written again. */
  readonly reminded: Map<string, string>;
  clear(): void;
  /**
   * Keeps the memory only while it is of this page as the store has it: the same page key (URL,
   * platform, options: the same bytes read with other settings must be parsed again) and no poll
   * since the last one this process wrote (`lastPolledAt` is the vendor row's: another worker may
   * have written a newer record, and bytes equal to ours would otherwise pass for "unchanged").
   */
  useFor(page: string, lastPolledAt: string | null): void;
  /** Notes the poll this process just wrote (its polled_at). */
  wrote(polledAt: string): void;
  /** Whether the next read should read every document: the first after a clear, then every few minutes. */
  fullReadDue(now: number): boolean;
  /** Notes a full read that succeeded; the next is due within FULL_READ_EVERY_MS. */
  fullReadDone(now: number): void;
}

/** The safety sweep: history edited behind an unchanged now-state (a post-mortem) shows within this. */
export const FULL_READ_EVERY_MS = 10 * 60 * 1000;

/**
 * The next sweep comes at a random point in the second half of the period. Vendors all read in full
 * at start-up would otherwise sweep together again every 10 minutes, a whole fleet's history read
 * in one interval; spread out, a sweep is a steady trickle (10,000 vendors: about 20 a second).
 */
const nextSweepAfter = (random: () => number) => FULL_READ_EVERY_MS * (0.5 + 0.5 * random());

/** Kept for the life of the process; a restart simply parses everything once. */
export function createMemoryCache(random: () => number = Math.random): VendorCache {
  const entries = new Map<string, CachedResponse>();
  const written = new Map<string, string>();
  const reminded = new Map<string, string>();
  let page: string | null = null;
  let lastWrite: string | null = null;
  let nextFullRead = -Infinity;
  const clear = () => {
    nextFullRead = -Infinity;
    entries.clear();
    written.clear();
    reminded.clear();
    cache.upcoming = [];
  };
  const cache: VendorCache = {
    written,
    upcoming: [],
    reminded,
    get: (url) => entries.get(url),
    // Validators only: no payload is held between polls (a read that needs a body reads it again).
    set: (url, { etag, lastModified, bodyHash }) => void entries.set(url, { etag, lastModified, bodyHash }),
    clear,
    useFor(key, lastPolledAt) {
      if (page !== key || lastWrite !== lastPolledAt) clear();
      page = key;
    },
    wrote(polledAt) {
      lastWrite = polledAt;
    },
    fullReadDue: (now) => now >= nextFullRead,
    fullReadDone(now) {
      nextFullRead = now + nextSweepAfter(random);
    },
  };
  return cache;
}
