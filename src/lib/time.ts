const FIRST_MS = Date.parse("0000-01-01T00:00:00.000Z");
const LAST_MS = Date.parse("9999-12-31T23:59:59.999Z");
const CANONICAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** Parses a vendor timestamp (ISO with any offset, RFC 822, epoch seconds or ms) to UTC ISO, else null. */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  let ms: number;
  if (typeof value === "number") ms = value < 1e11 ? value * 1000 : value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "string") {
    if (CANONICAL.test(value)) return value; // already what we would produce: skip the Date round trip
    const trimmed = value.trim();
    ms = /^\d+(\.\d+)?$/.test(trimmed) ? toEpochMs(Number(trimmed)) : Date.parse(trimmed);
  } else return null;
  // Past the years 0000–9999 the ISO text needs a sign and six digits (and no longer sorts as text),
  // and past ±8.64e15 ms toISOString throws: a vendor's time out there is unreadable, not an error.
  return Number.isFinite(ms) && ms >= FIRST_MS && ms <= LAST_MS ? new Date(ms).toISOString() : null;
}

function toEpochMs(n: number): number {
  return n < 1e11 ? n * 1000 : n;
}
