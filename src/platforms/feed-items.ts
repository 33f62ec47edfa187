// One feed item that is one update (incident.io, generic feeds): its status, message and
// per-update component states, read from the item's HTML. Pure.
import type { ComponentSnapshot, ComponentState, IncidentKind, IncidentStatus } from "../domain/model.ts";
import { toComponentStatus, toIncidentStatus } from "./status-words.ts";

/** Plain text of an HTML fragment, for reading words (never for storing). */
export function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(p|li|div|h\d)>/gi, "\n")
    .replace(/<[^<>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/[ \t]+/g, " ");
}

// The value starts at a non-space, so the spaces before it and the value cannot share characters: a
// "Status:" followed by a long run of spaces is one linear scan, not quadratic backtracking.
const STATUS_LINE =
  /(?:<(?:b|strong|h\d)>\s*)?Status:\s*([^<\n\s](?:[^<\n]*[^<\n\s])?)\s*(?:<\/(?:b|strong|h\d)>)?/i;
const COMPONENTS_MARK = /(?:<(?:b|strong|h\d)>\s*)?Affected components\s*:?\s*(?:<\/(?:b|strong|h\d)>)?/i;

/** The "Status: X" word of an item, if it states one. */
export function statusLine(html: string): string | null {
  const match = STATUS_LINE.exec(html);
  return match?.[1]?.trim() || null;
}

/** The message: the item's HTML without its status line and component list. */
export function itemMessage(html: string): string {
  const cut = COMPONENTS_MARK.exec(html);
  const body = (cut ? html.slice(0, cut.index) : html).replace(STATUS_LINE, "");
  return trimBreaks(body);
}

const LEADING_BREAKS = /^(?:\s|<br\s*\/?>)+/i;
const TRAILING_BREAK = /<br\s*\/?>$/i;

// Without whitespace and <br> at either end. Not one /(\s|<br>)+$/ regex: that retries from every
// space of a long run and took hours on 900 kB of spaces (found by the fuzz suite).
function trimBreaks(text: string): string {
  let rest = text.replace(LEADING_BREAKS, "").trimEnd();
  for (let tail = TRAILING_BREAK.exec(rest); tail; tail = TRAILING_BREAK.exec(rest))
    rest = rest.slice(0, tail.index).trimEnd();
  return rest;
}

/**
 * "Affected components" entries, "Name (State)" each, in <li> items or on <br/>-separated lines.
 * Ids come from the page's components when the name is unique there (incident.io has duplicate
 * names such as two "Login"), else null: a name we cannot pin to one component stays a name.
 */
export function itemComponents(html: string, known: readonly ComponentSnapshot[]): ComponentState[] {
  const cut = COMPONENTS_MARK.exec(html);
  if (!cut) return [];
  const lines = htmlText(html.slice(cut.index + cut[0].length)).split("\n");
  const states: ComponentState[] = [];
  for (const line of lines) {
    const entry = nameAndState(line);
    if (entry === null) continue;
    const [name, state] = entry;
    const same = known.filter((c) => c.name === name);
    states.push({ id: same.length === 1 ? same[0]!.id : null, name, status: toComponentStatus(state) });
  }
  return states;
}

/**
 * "Name (State)": the name before the last "(", the state inside it up to the closing ")" that ends the
 * line. By hand, in one pass: the regex it replaces backtracked cubically on a long run of spaces.
 */
function nameAndState(line: string): [string, string] | null {
  const text = line.trim();
  if (!text.endsWith(")")) return null;
  const open = text.lastIndexOf("(");
  const state = text.slice(open + 1, -1);
  const name = text.slice(0, Math.max(open, 0)).trimEnd();
  if (open < 0 || !name || !state || state.includes(")")) return null;
  return [name, state];
}

// Leading words feeds use instead of a status line: "[Resolved] …", "Resolved - …", <strong>Resolved</strong>.
// Tried on the first LEADING_CHARS of the text, leading whitespace trimmed first: with `^\s*` in the
// pattern, a text of many spaces took time quadratic in their number (300,000 spaces hung a poll).
const LEADING_WORD = /^(?:\[([^\]]+)\]|<strong>([^<]+)<\/strong>|([A-Za-z ]{3,20}?)\s*[-:–])/;
const LEADING_CHARS = 200;

/**
 * The status an item states: its "Status: X" line, else a leading status word in the content or
 * title, else a guess from its words — "resolved" only when it says so, otherwise the opening state.
 */
export function itemStatus(title: string, html: string, kind: IncidentKind): IncidentStatus {
  const stated = statusLine(html) ?? leadingWord(html) ?? leadingWord(title);
  if (stated) return toIncidentStatus(stated, kind);
  return guessStatus(`${title}\n${htmlText(html)}`, kind);
}

function leadingWord(text: string): string | null {
  const match = LEADING_WORD.exec(text.trimStart().slice(0, LEADING_CHARS));
  const word = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim();
  return word && isStatusWord(word) ? word : null;
}

function isStatusWord(word: string): boolean {
  return /^(investigating|identified|monitoring|resolved|post-?mortem|scheduled|in progress|verifying|completed|update)$/i.test(
    word,
  );
}

function guessStatus(text: string, kind: IncidentKind): IncidentStatus {
  if (/\b(has been|is now|was) (fully )?(resolved|fixed|restored|mitigated)\b|\bresolved\b/i.test(text)) {
    return kind === "maintenance" ? "completed" : "resolved";
  }
  if (/\bmaintenance (has been |is )?completed?\b/i.test(text)) return "completed";
  if (/\bmonitoring\b/i.test(text)) return "monitoring";
  if (/\bidentified\b/i.test(text)) return "identified";
  return kind === "maintenance" ? "scheduled" : "investigating";
}

/** A maintenance when the item says so in its status or title. */
export function itemKind(title: string, html: string): IncidentKind {
  const stated = statusLine(html) ?? leadingWord(html) ?? leadingWord(title) ?? "";
  if (/^(scheduled|in progress|verifying|completed)$/i.test(stated)) return "maintenance";
  return /\b(scheduled )?maintenance\b/i.test(title) ? "maintenance" : "incident";
}
