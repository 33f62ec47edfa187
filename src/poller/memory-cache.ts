import type { UpcomingMaintenance } from "../domain/maintenance.ts";
import { shortHash } from "../lib/hash.ts";
import type { CachedResponse, ConditionalCache } from "../lib/http-client.ts";

/** Incidents whose fingerprints are remembered per vendor: the page's recent ones, bounded. */
export const WRITTEN_MEMORY = 100;

/**
 * One vendor's memory between polls, small and bounded: validators and body hashes, and fingerprints
 * of what was last written. Cleared when a poll fails, so the next one parses and compares everything.
 */
export interface VendorCache extends ConditionalCache {
  /**
   * Fingerprints (lib/hash.ts shortHash) of the incident snapshots last written, the page's as listed:
   * an identical snapshot needs no work.
   */
  readonly written: Fingerprints;
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

/** A short set of numbers, kept as one typed array: 8 bytes each. */
export interface Fingerprints {
  has(fingerprint: number): boolean;
  /** Keeps exactly these (at most WRITTEN_MEMORY). */
  replace(fingerprints: readonly number[]): void;
  readonly size: number;
}

class FingerprintList implements Fingerprints {
  #list = new Float64Array(0);
  has(fingerprint: number): boolean {
    return this.#list.includes(fingerprint);
  }
  replace(fingerprints: readonly number[]): void {
    this.#list = Float64Array.from(fingerprints.slice(0, WRITTEN_MEMORY));
  }
  get size(): number {
    return this.#list.length;
  }
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
  return new MemoryCache(random);
}

/** What one document's last response left: its validators and the hash of its bytes, by URL (hashed). */
interface Entry extends CachedResponse {
  url: number;
}

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/**
 * Thousands of these live in a poller, one a vendor: a class (its methods shared, not closures per
 * vendor), the documents' validators in a short array (a page reads one to three), their URLs, the page
 * key and the incidents' fingerprints as 48-bit numbers (lib/hash.ts), those in one typed array.
 */
class MemoryCache implements VendorCache {
  readonly written: Fingerprints = new FingerprintList();
  upcoming: UpcomingMaintenance[] = [];
  readonly reminded = new Map<string, string>();
  #entries: readonly Entry[] = NO_ENTRIES;
  #page: number | null = null;
  #lastWrite: string | null = null;
  #nextFullRead = -Infinity;
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  get(url: string): CachedResponse | undefined {
    const key = shortHash(url);
    for (const entry of this.#entries) if (entry.url === key) return entry;
    return undefined;
  }

  // Validators only: no payload is held between polls (a read that needs a body reads it again).
  set(url: string, { etag, lastModified, bodyHash }: CachedResponse): void {
    const key = shortHash(url);
    this.#entries = [
      ...this.#entries.filter((e) => e.url !== key),
      { url: key, etag, lastModified, bodyHash },
    ];
  }

  clear(): void {
    this.#nextFullRead = -Infinity;
    this.#entries = NO_ENTRIES;
    this.written.replace([]);
    this.reminded.clear();
    this.upcoming = [];
  }

  useFor(key: string, lastPolledAt: string | null): void {
    const page = shortHash(key);
    if (this.#page !== page || this.#lastWrite !== lastPolledAt) this.clear();
    this.#page = page;
  }

  wrote(polledAt: string): void {
    this.#lastWrite = polledAt;
  }

  fullReadDue(now: number): boolean {
    return now >= this.#nextFullRead;
  }

  fullReadDone(now: number): void {
    this.#nextFullRead = now + nextSweepAfter(this.#random);
  }
}
