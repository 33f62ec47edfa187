// The watched vendors: what the user added, whether they are paused, and the scheduler's leases.
import type { Iso } from "../domain/model.ts";
import type { NewVendor, Vendor } from "../domain/vendor.ts";

export interface VendorStore {
  addVendor(vendor: NewVendor, now: Iso): Promise<Vendor>; // PingoruError "conflict" if the slug is taken
  /** Adds or updates the user-given fields (name, url, platform, feed, interval, components). */
  upsertVendor(vendor: NewVendor, now: Iso): Promise<Vendor>;
  getVendor(slug: string): Promise<Vendor | null>;
  listVendors(): Promise<Vendor[]>;
  /** Removes the vendor and its record. False when there was none. */
  removeVendor(slug: string): Promise<boolean>;
  /** Opaque; changes whenever the vendor's own row does (every poll, failure or edit). Null for none. Cheap: for caches. */
  getVendorVersion(slug: string): Promise<string | null>;

  /** Pauses or resumes polling; false when there is no such vendor. */
  setVendorPaused(slug: string, paused: boolean): Promise<boolean>;
  /** A person looked: the breaker's hold ends, and its rate counts from `now`. False when no such vendor. */
  resetBreaker(slug: string, now: Iso): Promise<boolean>;
  /**
   * Atomically leases vendors due at `now` (next_poll_at ≤ now, not paused) by moving next_poll_at to
   * leaseUntil; each comes with the time it was due (its next_poll_at before the lease). `worker` is
   * recorded as the lease's holder until the poll is written (see LeaseStore), and then as the vendor's
   * poller. With `othersDueBy` (earlier than `now`), a vendor another worker polled last is leased only
   * once due by then: each worker keeps its vendors, and takes another's when that one is overdue.
   */
  claimDueVendors(
    now: Iso,
    leaseUntil: Iso,
    limit: number,
    worker?: string,
    othersDueBy?: Iso,
  ): Promise<ClaimedVendor[]>;
  /**
   * Records good polls that found nothing new, many in one transaction: each vendor's row says polled
   * and read (not stale, no failures, baseline set if none) and when it is due next. A vendor removed
   * meanwhile is skipped.
   */
  markPolled(polls: readonly QuietPoll[]): Promise<void>;
  /**
   * Moves claimed vendors from their lease to another time, each only while its lease is still the one
   * given (not polled and rescheduled since, nor taken by another worker): back to its due time (a
   * stopping worker gives back what it did not start) or further on (a long poll renews its lease).
   * Returns the vendors moved.
   */
  moveClaims(claims: readonly MovedClaim[]): Promise<string[]>;
  /**
   * The clock went back: a vendor polled after `polledAfter` (default `now`) had its next poll set by the
   * clock as it was, up to the step too late. Such vendors not leased are due at `now`. Returns how many.
   */
  rescheduleAfterClockStep(now: Iso, polledAfter?: Iso): Promise<number>;
}

/** A claim moved: the vendor, the lease it holds, and where its next_poll_at goes. */
export interface MovedClaim {
  vendor: string;
  leaseUntil: Iso;
  to: Iso;
}

/** A good poll that found nothing new. */
export interface QuietPoll {
  vendor: string;
  polledAt: Iso;
  nextPollAt: Iso;
  /** The worker gives the vendor up: no one is its poller, and any worker may claim it ahead of time. */
  handOff?: boolean;
  /**
   * The vendor's next_poll_at as claimed (its lease's end): the row is written only while it still
   * says so. A write that comes late, after the vendor was claimed again, is dropped rather than
   * overwrite the newer lease (which would make the vendor due at once and poll it twice).
   */
  leaseUntil?: Iso;
}

/** A leased vendor and when it was due: its next poll is due an interval after that. */
export type ClaimedVendor = Vendor & { dueAt: Iso };
