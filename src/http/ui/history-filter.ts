// The vendor page's history filters, as a GET query: kind, status (open/resolved), component, from/to
// (UTC dates, both inclusive), and the keyset cursor `before`. Parsing is query.ts's, shared with the
// JSON API so both speak the same parameters.

import type { IncidentFilter } from "../query.ts";

export type HistoryFilter = IncidentFilter;

export function isFiltered(filter: HistoryFilter): boolean {
  return Object.values(filter).some((v) => v !== null);
}

/** The page's URL for these filters (and a cursor), landing on the history. */
export function historyHref(slug: string, filter: HistoryFilter, before: string | null): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== null) query.set(key, value);
  if (before !== null) query.set("before", before);
  const text = query.toString();
  return `/vendors/${encodeURIComponent(slug)}${text === "" ? "" : `?${text}`}#history`;
}
