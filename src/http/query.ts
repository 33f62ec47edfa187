// Query-string parsing shared by the API and the pages. Lenient where DESIGN §4 says "never an error".

import { EVENT_TYPES, INCIDENT_KINDS } from "../domain/model.ts";
import type { EventType, IncidentKind } from "../domain/model.ts";
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

const familyOf = (type: EventType) => `${type.split(".")[0]}.*`;
/** The families a `type` filter may name: "incident.*", "sla.*", … */
export const EVENT_FAMILIES = [...new Set(EVENT_TYPES.map(familyOf))];

/**
 * GET /api/v1/events' `type` values, repeated or comma-separated: event types, or families
 * ("incident.*": every type of that prefix). None → every type (null); an unknown name is bad input (400).
 */
export function parseEventTypes(values: readonly string[] | undefined): EventType[] | null {
  const names = (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim());
  if (names.every((name) => name === "")) return null;
  const known = new Set<string>([...EVENT_TYPES, ...EVENT_FAMILIES]);
  const unknown = names.find((name) => name !== "" && !known.has(name));
  if (unknown !== undefined)
    throw new PingoruError(
      "input",
      `type must be an event type (${EVENT_TYPES.join(", ")}) or a family such as incident.*, got ${JSON.stringify(unknown.slice(0, 40))}`,
    );
  return EVENT_TYPES.filter((type) => names.includes(type) || names.includes(familyOf(type)));
}

/** The incident-history filters shared by the vendor page and GET /api/v1/vendors/:slug/incidents. */
export interface IncidentFilter {
  kind: IncidentKind | null;
  /** open: not resolved yet; resolved: resolved, post-mortem or completed. */
  status: IncidentOpenness | null;
  /** A component id. */
  component: string | null;
  /** YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.sss]][Z] (UTC), or null; both ends inclusive. */
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
    ...parseWindow(query.from, query.to),
  };
}

/**
 * The store query for one page: an incident counts when it overlaps [from, to], both ends inclusive:
 * a date `to` runs to the end of its day, a time `to` to its last millisecond.
 */
export function incidentQuery(filter: IncidentFilter, limit: number, before: string | null): IncidentQuery {
  return {
    limit,
    before,
    kind: filter.kind,
    status: filter.status,
    component: filter.component,
    since: filter.from === null ? null : new Date(toTime(filter.from)).toISOString(),
    until: filter.to === null ? null : new Date(end(filter.to)).toISOString(),
  };
}

const isDate = (text: string) => text.length === 10;
/** Just after the window's last millisecond: a date runs to the end of its day. */
const end = (to: string) => (isDate(to) ? toTime(to) + 86_400_000 : toTime(to) + 1);
/** Milliseconds of a checked date or time, read as UTC. */
const toTime = (text: string) =>
  Date.parse(isDate(text) ? `${text}T00:00:00.000Z` : `${text.replace(/Z$/, "")}Z`);

function parseOpenness(text: string | undefined): IncidentOpenness | null {
  if (text === undefined || text === "") return null;
  const status = INCIDENT_OPENNESS.find((s) => s === text);
  if (status === undefined)
    throw new PingoruError("input", `status must be open or resolved, got ${JSON.stringify(text)}`);
  return status;
}

/** from and to, each a date or a UTC time; from after to is bad input. */
export function parseWindow(
  fromText: string | undefined,
  toText: string | undefined,
): Pick<IncidentFilter, "from" | "to"> {
  const from = parseTime("from", fromText);
  const to = parseTime("to", toText);
  if (from !== null && to !== null && toTime(from) >= end(to))
    throw new PingoruError("input", `from must not be after to, got ${from} and ${to}`);
  return { from, to };
}

function parseTime(name: string, text: string | undefined): string | null {
  if (text === undefined || text === "") return null;
  const shaped = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/.test(text);
  const time = shaped ? toTime(text) : Number.NaN;
  // Date.parse rolls 2024-02-30 over to March: only a date or time that round-trips is one.
  const valid = !Number.isNaN(time) && new Date(time).toISOString().startsWith(text.replace(/Z$/, ""));
  if (!valid)
    throw new PingoruError(
      "input",
      `${name} must be a date like 2024-05-01 or a UTC time like 2024-05-01T14:00, got ${JSON.stringify(text.slice(0, 40))}`,
    );
  return text;
}
