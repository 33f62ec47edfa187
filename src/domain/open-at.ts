// "What was open at that instant?": the instant as a person writes it, and the rule. Pure.

import { PingoruError } from "../lib/errors.ts";
import { spanEnd, type Incident, type Iso } from "./model.ts";

// 2026-02-10T18:00, 2026-02-10 18:00:30.5, …+01:00, …Z: a date and a time, an optional offset.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant written as ISO 8601 or "YYYY-MM-DD HH:MM[:SS]", taken as UTC unless it carries an
 * offset, to canonical ISO UTC. Strict: a date alone, 24:00, February 30 or a +25:00 offset are refused.
 */
export function parseInstant(text: string): Iso {
  const m = INSTANT.exec(text.trim());
  const fail = () =>
    new PingoruError(
      "input",
      `invalid time ${JSON.stringify(text)}: give a date and a time, e.g. "2026-02-10 18:00" (UTC) or 2026-02-10T18:00+01:00`,
    );
  if (m === null) throw fail();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? "0").slice(0, 3).padEnd(3, "0"));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls over (February 30 → March 2, 25:00 → the next day): only fields that round-trip are a time.
  const d = new Date(local);
  const exact =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  const offset = offsetMinutes(m[8]);
  if (!exact || offset === null) throw fail();
  return new Date(local - offset * 60_000).toISOString();
}

/** "Z" or none → 0; "+01:00" / "-0530" → minutes east of UTC; out of range → null. */
function offsetMinutes(text: string | undefined): number | null {
  if (text === undefined || text.toUpperCase() === "Z") return 0;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return null;
  return (text.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Open at `at`: started at or before it, and not resolved by then (still open, or resolved after it).
 * One closed without a resolved time lasted an unknown time (model.ts spanEnd): never open.
 */
export function isOpenAt(incident: Pick<Incident, "startedAt" | "status" | "resolvedAt">, at: Iso): boolean {
  const t = Date.parse(at);
  const end = spanEnd(incident, Infinity);
  return Date.parse(incident.startedAt) <= t && end !== null && end > t;
}

const DATE_ALONE = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/**
 * One end of a period: an instant (as parseInstant) or a date alone, as the API's history filters
 * read them: a date `from` is its first instant, a date `to` includes that whole day (UTC).
 */
export function parsePeriodEnd(text: string, end: "from" | "to"): Iso {
  if (!DATE_ALONE.test(text)) return parseInstant(text);
  const midnight = Date.parse(parseInstant(`${text.trim()} 00:00`));
  return new Date(end === "from" ? midnight : midnight + 86_400_000).toISOString();
}

/** A period [from, to), each end as parsePeriodEnd reads it; it must end after it begins. */
export function parsePeriod(from: string, to: string): { from: Iso; to: Iso } {
  const period = { from: parsePeriodEnd(from, "from"), to: parsePeriodEnd(to, "to") };
  if (period.from >= period.to)
    throw new PingoruError("input", `the period must end after it begins: ${from} to ${to}`);
  return period;
}
