// A vendor's configured status words → Pingoru's component statuses, for pages read with selectors.
// Pure. Raw texts come from page text or attributes ("component status-major-outage"), so a word
// may sit among other words; it must then appear whole, never as part of a longer word.
import type { ComponentStatus } from "../domain/model.ts";

/** Lower-case, whitespace collapsed, trimmed: "  Major   Outage " → "major outage". */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** The alphanumeric runs of a text, lower-cased: "status-major_outage" → status, major, outage. */
function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== "");
}

// A word right after one of these says the opposite ("not operational", "non-operational", "no outage").
const NEGATIONS: ReadonlySet<string> = new Set(["not", "non", "no"]);

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false; // a word of symbols only ("●") can match exactly, not inside
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (NEGATIONS.has(haystack[start - 1] ?? "")) continue;
    if (needle.every((t, i) => haystack[start + i] === t)) return true;
  }
  return false;
}

/**
 * Exact match (ignoring case and spacing) first; else the longest configured word found inside the
 * raw text as whole words ("major-outage" matches "status-major-outage", "outage" not "outages") and not
 * right after a negation ("operational" does not match "not operational"); else unknown, never
 * operational: a word nobody configured is no evidence of health.
 */
export function matchStatusWord(
  raw: string,
  words: Readonly<Record<string, ComponentStatus>>,
): ComponentStatus {
  const text = normalizeText(raw);
  if (text === "") return "unknown";
  const entries = Object.entries(words);
  const exact = entries.find(([word]) => normalizeText(word) === text);
  if (exact) return exact[1];
  const rawTokens = tokens(text);
  let best: { length: number; status: ComponentStatus } | null = null;
  for (const [word, status] of entries) {
    const wordTokens = tokens(word);
    const length = wordTokens.join(" ").length;
    if ((best === null || length > best.length) && containsRun(rawTokens, wordTokens)) {
      best = { length, status };
    }
  }
  return best?.status ?? "unknown";
}
