// Retention: what may be forgotten once it is old. The delivery log and the change stream grow with
// every poll and message; the incident record (incidents, their updates, components) is never pruned.
import type { Iso } from "../domain/model.ts";

export interface RetentionStore {
  /**
   * Deletes one small batch (at most `limit` of each) of what is older than `before`: finished
   * deliveries (delivered, failed, dead, suppressed) created before it, then events recorded before
   * it that no remaining delivery carries, with their delivery_events rows. Kept regardless: pending
   * deliveries and their events, each component's last change before `before` (the component's
   * state at that time, where its history in the uptime bars starts), and SLA events (sla.*: a few a
   * month, and what keeps each from being sent again when its month is checked after a restart). Each batch is its own short
   * write; call again while a count equals `limit`.
   */
  pruneBefore(before: Iso, limit: number): Promise<PruneCounts>;
}

/** Rows deleted by one batch. */
export interface PruneCounts {
  deliveries: number;
  events: number;
}
