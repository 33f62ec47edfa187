// Finding incidents by their words: a bounded scan of titles and update text (no full-text index yet).
import type { Incident, Iso } from "../domain/model.ts";

export interface SearchStore {
  /**
   * Incidents and maintenances whose title or any update's text contains `text` (case-insensitive
   * for ASCII letters; `%` and `_` are plain characters), newest first, at most `limit` (clamped to
   * 1..500).
   */
  searchIncidents(query: IncidentSearch): Promise<Incident[]>;
}

export interface IncidentSearch {
  text: string;
  limit: number;
  /** Only incidents going on at or after this time (open, or resolved at/after it). */
  since?: Iso | null;
  /** Only incidents that started before this time. With `since`: those overlapping [since, until). */
  until?: Iso | null;
}
