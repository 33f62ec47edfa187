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
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function toEpochMs(n: number): number {
  return n < 1e11 ? n * 1000 : n;
}
