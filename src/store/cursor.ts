// Opaque pagination cursors and the limit rule shared by every listing.
import { PingoruError } from "../lib/errors.ts";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** Clamps a requested page size to 1..500; a missing or non-numeric one means the default. */
export function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

export interface IncidentCursor {
  startedAt: string;
  id: string;
}

export function encodeIncidentCursor(cursor: IncidentCursor): string {
  return Buffer.from(`${cursor.startedAt}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeIncidentCursor(text: string): IncidentCursor {
  const decoded = Buffer.from(text, "base64url").toString("utf8");
  const bar = decoded.indexOf("|");
  const startedAt = decoded.slice(0, bar);
  if (bar < 1 || Number.isNaN(Date.parse(startedAt))) throw badCursor(text);
  return { startedAt, id: decoded.slice(bar + 1) };
}

/** The event stream's cursor is the sequence number itself. */
export function decodeEventCursor(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw badCursor(text);
  return Number(text);
}

function badCursor(text: string): PingoruError {
  return new PingoruError("input", `invalid cursor: ${JSON.stringify(text.slice(0, 40))}`);
}
