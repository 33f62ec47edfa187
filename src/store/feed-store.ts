// What feeds read: the latest incident updates across incidents and vendors.
import type { IncidentKind, UpdateSnapshot } from "../domain/model.ts";

export interface FeedStore {
  /** The latest incident updates across incidents, newest first (limit clamped to 1..500). */
  listRecentUpdates(query: RecentUpdateQuery): Promise<RecentUpdate[]>;
}

export interface RecentUpdateQuery {
  limit: number;
  vendor?: string | null;
}

/** One incident update with what a feed entry needs of its incident. */
export interface RecentUpdate {
  incidentId: string;
  vendor: string;
  title: string;
  kind: IncidentKind;
  /** The vendor's own page for the incident. */
  incidentUrl: string | null;
  update: UpdateSnapshot;
}
