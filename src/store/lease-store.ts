// Who holds the leases (migration 0008). Each serve process claims vendors and deliveries under its
// own worker id; when a worker dies, a restarted one finds the ids whose process is gone and takes
// their leases back at once, instead of leaving those vendors unpolled and those messages unsent
// until the leases run out.
import type { Iso } from "../domain/model.ts";

export interface LeaseStore {
  /** The workers holding a lease now: on a vendor not yet written back, or a delivery still pending. */
  leaseHolders(): Promise<string[]>;
  /** Makes what those workers hold due at `now`, held by no one. */
  releaseLeases(workers: readonly string[], now: Iso): Promise<{ vendors: number; deliveries: number }>;
}
