// Finding incidents by their words: the database's full-text index of titles and update text.
import type { Incident, Iso } from "../domain/model.ts";

export interface SearchStore {
  /**
   * Incidents and maintenances with every word of `text` as the start of a word of their title or
   * updates' text, newest first, at most `limit` (clamped to 1..500). A word is a run of letters,
   * digits and marks (search-words.ts), compared ignoring case and Latin and Greek accents; the first
   * 20 count, and text with none filters nothing. Punctuation and operators are plain separators.
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
