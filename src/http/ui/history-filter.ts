// The vendor page's history filters, as a GET query: kind, status (open/resolved), component, from/to
// (UTC dates, both inclusive), and the keyset cursor `before`.

import type { IncidentKind } from "../../domain/model.ts";
import { PingoruError } from "../../lib/errors.ts";
import { INCIDENT_OPENNESS, type IncidentOpenness, type IncidentQuery } from "../../store/store.ts";
import { parseCursor, parseKind } from "../query.ts";

export interface HistoryFilter {
  kind: IncidentKind | null;
  status: IncidentOpenness | null;
  component: string | null;
  /** YYYY-MM-DD or null. */
  from: string | null;
  to: string | null;
}

export function parseHistoryFilter(query: Record<string, string | undefined>): HistoryFilter {
  return {
    kind: parseKind(query.kind),
    status: parseOpenness(query.status),
    component: parseCursor(query.component),
    from: parseDate("from", query.from),
    to: parseDate("to", query.to),
  };
}

/** The store query for one page: an incident counts when it overlaps [from 00:00, to+1 day 00:00) UTC. */
export function historyQuery(filter: HistoryFilter, limit: number, before: string | null): IncidentQuery {
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();
  return {
    limit,
    before,
    kind: filter.kind,
    status: filter.status,
    component: filter.component,
    since: filter.from === null ? null : `${filter.from}T00:00:00.000Z`,
    until: filter.to === null ? null : nextDay(filter.to),
  };
}

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

function parseOpenness(text: string | undefined): IncidentOpenness | null {
  if (text === undefined || text === "") return null;
  const status = INCIDENT_OPENNESS.find((s) => s === text);
  if (status === undefined)
    throw new PingoruError("input", `status must be open or resolved, got ${JSON.stringify(text)}`);
  return status;
}

function parseDate(name: string, text: string | undefined): string | null {
  if (text === undefined || text === "") return null;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00.000Z`) : Number.NaN;
  // Date.parse rolls 2024-02-30 over to March: only a date that round-trips is one.
  const valid = !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
  if (!valid)
    throw new PingoruError("input", `${name} must be a date like 2024-05-01, got ${JSON.stringify(text)}`);
  return text;
}
