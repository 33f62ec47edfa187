// The built-in catalog of well-known services (catalog.json): validated once, searched by words, and
// looked up by slug or name so `pingoru vendors add github` needs no URL.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { PingoruError } from "../lib/errors.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";
import { CATEGORIES } from "./categories.ts";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain });

const CatalogEntrySchema = z.strictObject({
  slug: z.string().max(63).regex(SLUG_PATTERN, "lower-case letters, digits and single dashes"),
  name: z.string().trim().min(1),
  category: z.enum(CATEGORIES),
  url: httpUrl,
  platform: z.enum(PLATFORM_KINDS),
  feed: httpUrl.optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

const CatalogSchema = z.array(CatalogEntrySchema).superRefine((entries, ctx) => {
  for (const key of ["slug", "url"] as const) {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const value = key === "url" ? comparableUrl(entry.url) : entry.slug;
      if (seen.has(value)) ctx.addIssue({ code: "custom", path: [index, key], message: `duplicate ${key}` });
      seen.add(value);
    });
  }
});

/** Validates a catalog; the first problem becomes a one-line error naming the entry and field. */
export function parseCatalog(data: unknown): readonly CatalogEntry[] {
  const result = CatalogSchema.safeParse(data);
  if (result.success) return Object.freeze(result.data.map((e) => Object.freeze(e)));
  const issue = result.error.issues[0]!;
  throw new PingoruError("input", `catalog entry ${issue.path.join(".")}: ${issue.message}`);
}

// The file is static data shipped with the code: read and validated on first use, then kept.
let builtIn: readonly CatalogEntry[] | undefined;

export function loadCatalog(): readonly CatalogEntry[] {
  builtIn ??= parseCatalog(JSON.parse(readFileSync(new URL("./catalog.json", import.meta.url), "utf8")));
  return builtIn;
}

/**
 * Entries matching every word (in the slug, the name, the category or the page's host), best first:
 * an exact slug or name beats a prefix, a prefix beats a word inside the name, which beats a category
 * match, which beats the host. No words: the whole catalog by name.
 */
export function searchCatalog(
  words: string | readonly string[],
  catalog: readonly CatalogEntry[] = loadCatalog(),
): CatalogEntry[] {
  const terms = (typeof words === "string" ? [words] : words)
    .flatMap((w) => w.toLowerCase().split(/\s+/))
    .filter((w) => compact(w) !== "");
  const scored = catalog.map((entry) => ({ entry, score: scoreEntry(entry, terms) }));
  return scored
    .filter((s) => s.score > 0 || terms.length === 0)
    .sort(
      (a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name, "en", { sensitivity: "base" }),
    )
    .map((s) => s.entry);
}

function scoreEntry(entry: CatalogEntry, terms: readonly string[]): number {
  let total = 0;
  for (const term of terms) {
    const score = scoreTerm(entry, term);
    if (score === 0) return 0;
    total += score;
  }
  return total;
}

function scoreTerm(entry: CatalogEntry, term: string): number {
  const word = compact(term);
  const slug = compact(entry.slug);
  const name = compact(entry.name);
  if (word === slug || word === name) return 100;
  if (slug.startsWith(word) || name.startsWith(word)) return 60;
  if (nameWords(entry.name).some((w) => w.startsWith(word))) return 40;
  if (slug.includes(word) || name.includes(word)) return 20;
  if (entry.category.split("-").some((w) => w.startsWith(word)) || compact(entry.category) === word)
    return 10;
  // The page's host names the owner of sub-brands: "atlassian" finds Jira and Trello.
  if (compact(new URL(entry.url).hostname).includes(word)) return 5;
  return 0;
}

/** The entry whose slug or name is exactly this (case, spaces and punctuation aside); else null. */
export function findCatalogEntry(
  slugOrName: string,
  catalog: readonly CatalogEntry[] = loadCatalog(),
): CatalogEntry | null {
  const wanted = slugOrName.trim().toLowerCase();
  const bySlug = catalog.find((e) => e.slug === wanted);
  if (bySlug) return bySlug;
  const key = compact(wanted);
  if (key === "") return null;
  return catalog.find((e) => compact(e.name) === key || compact(e.slug) === key) ?? null;
}

/** The entry for this status page URL (scheme, "www." and a trailing slash aside); else null. */
export function findCatalogEntryByUrl(
  url: string,
  catalog: readonly CatalogEntry[] = loadCatalog(),
): CatalogEntry | null {
  const wanted = comparableUrl(url);
  return catalog.find((e) => comparableUrl(e.url) === wanted) ?? null;
}

function comparableUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, "")
    .replace(/\/+$/, "");
}

function compact(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}
