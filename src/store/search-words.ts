// The words of full-text search, made here for both databases so that they match alike: the indexes
// (sql-search-index.ts) hold these words and compare them as they are, without a tokenizer of their
// own. PostgreSQL's parser would keep `api.github.com` or `a/b` whole where SQLite's splits them, and
// only SQLite drops accents; here a word is a run of letters, digits and marks, whatever the script.

// Generous for any real word, and what keeps the index small: a longer word is cut (alike in queries).
const MAX_WORD = 60;
/** Words a query keeps: each is one more match condition. */
export const MAX_QUERY_WORDS = 20;
// An incident's distinct words, in UTF-8 bytes: far beyond any real one, well under PostgreSQL's 1 MB tsvector.
const MAX_DOCUMENT_BYTES = 256 * 1024;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Accents on Latin and Greek letters (é → e, ά → α); other scripts' marks are part of their letters.
const ACCENT = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;
// Vendor text may be HTML: its tags (and entities) are not words anybody reads.
const MARKUP = /<\/?[a-z][^<>]*>|&#?\w+;/gi;

/** The distinct words of a text: compatibility forms folded (ﬁ → fi, ² → 2), lower-cased, unaccented. */
export function searchWords(text: string): string[] {
  const folded = text.normalize("NFKD").replace(ACCENT, "$1").normalize("NFC").toLowerCase();
  return [...new Set(Array.from(folded.matchAll(WORD), ([word]) => word.slice(0, MAX_WORD)))];
}

/** The words a search query asks for (all of them, each as the start of a word); none: no filter. */
export function queryWords(text: string): string[] {
  return searchWords(text).slice(0, MAX_QUERY_WORDS);
}

/** What the index holds for an incident: the distinct words of its title and its updates' text. */
export function documentWords(title: string, messages: readonly string[]): string[] {
  const words = searchWords([title, ...messages].join("\n").replace(MARKUP, " "));
  let bytes = 0;
  const kept = words.findIndex((word) => (bytes += Buffer.byteLength(word) + 1) > MAX_DOCUMENT_BYTES);
  return kept === -1 ? words : words.slice(0, kept);
}
