// What maintenance calendars read (the maintenances in a window) and keep (each event's revision).
import type { Incident, Iso } from "../domain/model.ts";

export interface CalendarStore {
  /**
   * Maintenances with a window (scheduled_for set) that ends, or if it has no end starts, at or
   * after `since`: latest window first, with their updates (limit clamped to 1..500).
   */
  listMaintenances(query: MaintenanceQuery): Promise<Incident[]>;
  /**
   * Records what a calendar publishes now for each maintenance and returns each one's revision: the
   * sequence starts at 0 and rises by one whenever the fingerprint differs from the one stored; it
   * never falls, also when two readers record the same change at once.
   */
  reviseCalendarEvents(
    events: readonly CalendarFingerprint[],
    now: Iso,
  ): Promise<Map<string, CalendarRevision>>;
}

export interface MaintenanceQuery {
  since: Iso;
  limit: number;
  vendor?: string | null;
}

export interface CalendarFingerprint {
  incidentId: string;
  fingerprint: string;
}

export interface CalendarRevision {
  sequence: number;
  /** When the calendar first published this revision. */
  revisedAt: Iso;
}
