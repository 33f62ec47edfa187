// Query-string parsing shared by the API and the pages. Lenient where DESIGN §4 says "never an error".

import { INCIDENT_KINDS } from "../domain/model.ts";
import type { IncidentKind } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../domain/notification.ts";
import { INCIDENT_OPENNESS, type IncidentOpenness, type IncidentQuery } from "../store/store.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Missing or non-numeric → 50; anything else clamped to 1..500. */
export function parseLimit(text: string | undefined): number {
  const n = Number.parseInt(text ?? "", 10);
  if (!Number.isFinite(n)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, n));
}

/** Missing or empty → no filter; an unknown kind is bad input (400). */
export function parseKind(text: string | undefined): IncidentKind | null {
  if (text === undefined || text === "") return null;
  const kind = INCIDENT_KINDS.find((k) => k === text);
  if (kind === undefined) {
    throw new PingoruError(
      "input",
      `kind must be one of ${INCIDENT_KINDS.join(", ")}, got ${JSON.stringify(text)}`,
    );
  }
  return kind;
}

/** An absent or empty cursor means "from the start". */
export function parseCursor(text: string | undefined): string | null {
  return text === undefined || text === "" ? null : text;
}

/** Missing or empty → all statuses; an unknown one is bad input (400). */
export function parseDeliveryStatus(text: string | undefined): DeliveryStatus | null {
  if (text === undefined || text === "") return null;
  const status = DELIVERY_STATUSES.find((s) => s === text);
  if (status === undefined) {
    throw new PingoruError(
      "input",
      `status must be one of ${DELIVERY_STATUSES.join(", ")}, got ${JSON.stringify(text)}`,
    );
  }
  return status;
}

/** The incident-history filters shared by the vendor page and GET /api/v1/vendors/:slug/incidents. */
export interface IncidentFilter {
  kind: IncidentKind | null;
  /** open: not resolved yet; resolved: resolved, post-mortem or completed. */
  status: IncidentOpenness | null;
  /** A component id. */
  component: string | null;
  /** YYYY-MM-DD (UTC) or null; both ends inclusive. */
  from: string | null;
  to: string | null;
}

/** The query parameters of an IncidentFilter, in the order the pages and the API document them. */
export const INCIDENT_FILTER_PARAMS = ["kind", "status", "component", "from", "to"] as const;

/** Missing or empty parameters mean no filter; a bad kind, status or date is bad input (400). */
export function parseIncidentFilter(query: Record<string, string | undefined>): IncidentFilter {
  return {
    kind: parseKind(query.kind),
    status: parseOpenness(query.status),
    component: parseCursor(query.component),
    from: parseDate("from", query.from),
    to: parseDate("to", query.to),
  };
}

/** The store query for one page: an incident counts when it overlaps [from 00:00, to+1 day 00:00) UTC. */
export function incidentQuery(filter: IncidentFilter, limit: number, before: string | null): IncidentQuery {
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
