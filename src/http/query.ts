// Query-string parsing shared by the API and the pages. Lenient where DESIGN §4 says "never an error".

import { INCIDENT_KINDS } from "../domain/model.ts";
import type { IncidentKind } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../notify/model.ts";

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
