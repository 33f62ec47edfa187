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
  /**
   * Atomically leases vendors due at `now` (next_poll_at ≤ now, not paused) by moving next_poll_at to
   * leaseUntil; each comes with the time it was due (its next_poll_at before the lease).
   */
  claimDueVendors(now: Iso, leaseUntil: Iso, limit: number): Promise<ClaimedVendor[]>;
  /**
   * Records good polls that found nothing new, many in one transaction: each vendor's row says polled
   * and read (not stale, no failures, baseline set if none) and when it is due next. A vendor removed
   * meanwhile is skipped.
   */
  markPolled(polls: readonly QuietPoll[]): Promise<void>;
  /**
   * Gives back claimed vendors that were not polled (a worker stopping): each is due again at its
   * due time, unless its lease is no longer the one given (another worker has it since).
   */
  releaseClaims(claims: readonly ReleasedClaim[]): Promise<void>;
}

/** A claim given back: the vendor, the lease it was claimed with, and when it was due. */
export interface ReleasedClaim {
  vendor: string;
  leaseUntil: Iso;
  dueAt: Iso;
}

/** A good poll that found nothing new. */
export interface QuietPoll {
  vendor: string;
  polledAt: Iso;
  nextPollAt: Iso;
}

/** A leased vendor and when it was due: its next poll is due an interval after that. */
export type ClaimedVendor = Vendor & { dueAt: Iso };
