// How a vendor's uptime is judged (issue 11): its partial-outage weight and its SLA targets.
import type { SlaTarget } from "../domain/sla.ts";

export interface SlaStore {
  /** Every SLA target, by vendor then component (the whole vendor's first). */
  listSlas(): Promise<SlaTarget[]>;
  /** Adds or replaces the target for its vendor and component; false when there is no such vendor. */
  setSla(target: SlaTarget): Promise<boolean>;
  /** False when there was none. */
  removeSla(vendor: string, component: string | null): Promise<boolean>;
  /** The share of a partial outage that counts as down, 0..1; null: the default (all of it). */
  partialOutageWeight(slug: string): Promise<number | null>;
  /** False when there is no such vendor. */
  setPartialOutageWeight(slug: string, weight: number | null): Promise<boolean>;
}
