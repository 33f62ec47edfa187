// What the figures across vendors (domain/stats.ts) read beyond the incidents' own rows: each
// incident's first update time, without loading the updates themselves.
import type { Iso } from "../domain/model.ts";

export interface StatsStore {
  /**
   * Incident id → the time of its earliest update, for the given ids (at most FIRST_UPDATES_BATCH);
   * an incident without updates, or unknown, is absent.
   */
  listFirstUpdateTimes(incidentIds: readonly string[]): Promise<Map<string, Iso>>;
}

export const FIRST_UPDATES_BATCH = 500;
