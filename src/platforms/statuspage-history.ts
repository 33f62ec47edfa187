// Statuspage's history.atom / history.rss: one entry per incident, its HTML one paragraph per update:
//   <p><small>Aug <var data-var='date'>22</var>, <var data-var='time'>04:40</var> UTC</small><br>
//   <strong>Resolved</strong> - message</p>
// The dates carry no year: it comes from the entry's <updated>, walking back from the newest
// paragraph (paragraphs are newest first and never after <updated>), so December updates of an
// entry updated in January land in the previous year.
import type { IncidentKind, IncidentStatus, Iso, UpdateSnapshot } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { isMaintenanceStatus, toIncidentStatus } from "./status-words.ts";

const HEADER =
  /<small>\s*([A-Z][a-z]{2})[a-z]*\.?\s*(?:<var[^>]*>)?\s*(\d{1,2})\s*(?:<\/var>)?\s*,\s*(?:<var[^>]*>)?\s*(\d{1,2}):(\d{2})\s*(AM|PM)?\s*(?:<\/var>)?\s*(AM|PM)?\s*([A-Z]{1,5})?\s*<\/small>\s*(?:<br\s*\/?>)?\s*<strong>([^<]*)<\/strong>\s*(?:-|–|—)?\s*/gi;
const HEADER_ONCE = new RegExp(HEADER.source, "i");
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// Unambiguous zone abbreviations only; anything else falls back to the entry's own timestamp.
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  PST: -8,
  PDT: -7,
  MST: -7,
  MDT: -6,
  CST: -6,
  CDT: -5,
  EST: -5,
  EDT: -4,
  CET: 1,
  CEST: 2,
  EET: 2,
  EEST: 3,
  JST: 9,
  KST: 9,
  AEST: 10,
  AEDT: 11,
  NZST: 12,
  NZDT: 13,
};

interface Paragraph {
  month: number;
  day: number;
  minutes: number;
  zone: string;
  word: string;
  message: string;
}

/** True when the HTML is Statuspage's per-update history markup. */
export function isStatuspageHistoryHtml(html: string): boolean {
  return HEADER_ONCE.test(html);
}

function paragraphs(html: string): Paragraph[] {
  const found: { index: number; end: number; p: Omit<Paragraph, "message"> }[] = [];
  for (const m of html.matchAll(HEADER)) {
    const [, mon = "", day = "", hh = "", mm = "", ampm1, ampm2, zone = "UTC", word = ""] = m;
    const ampm = (ampm1 ?? ampm2)?.toUpperCase();
    const hour = (Number(hh) % (ampm ? 12 : 24)) + (ampm === "PM" ? 12 : 0);
    const month = MONTHS.indexOf(mon.toLowerCase());
    if (month < 0) continue;
    const p = { month, day: Number(day), minutes: hour * 60 + Number(mm), zone: zone.toUpperCase(), word };
    found.push({ index: m.index, end: m.index + m[0].length, p });
  }
  return found.map(({ end, p }, i) => {
    const next = found[i + 1]?.index ?? html.length;
    return { ...p, message: cleanMessage(html.slice(end, next)) };
  });
}

/** The paragraph's text without the closing </p> and the next paragraph's opening <p>. */
function cleanMessage(html: string): string {
  return html
    .replace(/\s*<p>\s*$/i, "")
    .replace(/\s*<\/p>\s*$/i, "")
    .trim();
}

/** Resolves each paragraph's time, newest first, never later than the one after it. */
function resolveTimes(list: Paragraph[], reference: Iso): (Iso | null)[] {
  let limit = Date.parse(reference);
  return list.map((p) => {
    const offset = ZONES[p.zone];
    if (offset === undefined) return null;
    let year = new Date(limit).getUTCFullYear();
    let at = Date.UTC(year, p.month, p.day, 0, p.minutes) - offset * 3_600_000;
    // Displayed times are truncated to the minute, so a minute of slack is not "after".
    while (at > limit + 60_000 && year > 1970) {
      year -= 1;
      at = Date.UTC(year, p.month, p.day, 0, p.minutes) - offset * 3_600_000;
    }
    limit = at; // the next (older) paragraph is at most this one
    return new Date(at).toISOString();
  });
}

export interface HistoryUpdates {
  kind: IncidentKind;
  updates: UpdateSnapshot[];
}

/**
 * Updates of one history entry, oldest first. "Update" paragraphs keep the previous status; a
 * first "Update" opens the incident (investigating, or scheduled for a maintenance).
 */
export function parseHistoryUpdates(html: string, incidentId: string, reference: Iso): HistoryUpdates {
  const list = paragraphs(html);
  const times = resolveTimes(list, reference);
  const chronological = list.map((p, i) => ({ p, at: times[i] ?? reference })).reverse();
  const kind: IncidentKind = chronological.some(({ p }) => isMaintenanceWord(p.word))
    ? "maintenance"
    : "incident";
  let previous: IncidentStatus | null = null;
  const used = new Map<string, number>();
  const updates = chronological.map(({ p, at }) => {
    const status: IncidentStatus = isUpdateWord(p.word)
      ? (previous ?? (kind === "maintenance" ? "scheduled" : "investigating"))
      : toIncidentStatus(p.word, kind);
    previous = status;
    return { id: uniqueId(used, incidentId, at, status), status, at, message: p.message, components: [] };
  });
  return { kind, updates };
}

function isUpdateWord(word: string): boolean {
  return /^\s*update\s*$/i.test(word);
}

function isMaintenanceWord(word: string): boolean {
  return !isUpdateWord(word) && isMaintenanceStatus(toIncidentStatus(word, "incident"));
}

/** stableId(incident, at, status); a second update with the same three gets an occurrence number. */
export function uniqueId(
  used: Map<string, number>,
  incidentId: string,
  at: Iso,
  status: IncidentStatus,
): string {
  const base = stableId(incidentId, at, status);
  const n = used.get(base) ?? 0;
  used.set(base, n + 1);
  return n === 0 ? base : stableId(incidentId, at, status, n);
}
