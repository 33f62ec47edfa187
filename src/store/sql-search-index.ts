// The full-text index of incidents, one per database: SQLite's FTS5, PostgreSQL's tsvector under a GIN
// index. Each holds an incident's distinct words (search-words.ts) and finds the incidents that have
// every word of a query as the start of one of theirs, by one of two plans chosen on how many match
// (searchCondition). The store's write of an incident rewrites its words (sql-poll.ts); an incident
// deleted (its vendor removed) takes them with it.
import { sql, type QueryExecutorProvider, type RawBuilder } from "kysely";
import { chunk } from "./sql-rows.ts";

export interface SearchDocument {
  incidentId: string;
  words: readonly string[];
}

export interface SearchIndex {
  /** Creates the index (migration 0018); `drop` removes it. */
  create(db: QueryExecutorProvider): Promise<void>;
  drop(db: QueryExecutorProvider): Promise<void>;
  /** Replaces these incidents' words; in the transaction that writes the incidents. */
  write(db: QueryExecutorProvider, documents: readonly SearchDocument[]): Promise<void>;
  /** How many incidents have each word as the start of one of theirs, counted up to `bound`. */
  countMatches(db: QueryExecutorProvider, words: readonly string[], bound: number): Promise<number>;
  /**
   * Whether the incident whose id is in `idColumn` has each word as the start of one of its words.
   * `many` (countMatches reached MANY_MATCHES): the rows are walked in the order asked and each is
   * checked, so a page stops after its rows; else the matches are collected first and only they are read.
   */
  matches(idColumn: string, words: readonly string[], many: boolean): RawBuilder<boolean>;
}

/**
 * From this many matches on, a page of incidents in (started_at, id) order walks them and checks each:
 * a page of 51 then reads about 51 × incidents / matches rows. Below it, collecting and sorting the
 * matches is cheaper (and walking for a rare word would read every incident). Around this count both
 * take milliseconds on 100,000 incidents, in both databases.
 */
export const MANY_MATCHES = 2000;

/** The condition that the incident in `idColumn` has every word, planned for how many incidents do. */
export async function searchCondition(
  db: QueryExecutorProvider,
  index: SearchIndex,
  idColumn: string,
  words: readonly string[],
): Promise<RawBuilder<boolean>> {
  const many = (await index.countMatches(db, words, MANY_MATCHES)) >= MANY_MATCHES;
  return index.matches(idColumn, words, many);
}

/** How many rows `matching` gives, up to `bound`: a common word's count stops early. */
async function countUpTo(db: QueryExecutorProvider, matching: RawBuilder<unknown>, bound: number) {
  const counted = sql<{ n: number | string }>`select count(*) as n from (${matching} limit ${bound}) as m`;
  const { rows } = await counted.execute(db);
  return Number(rows[0]?.n ?? 0);
}

// Rows per INSERT: two parameters each, well under both databases' limits.
const ROWS_PER_INSERT = 200;

/**
 * FTS5 keys its rows by integer: incident_search_rows gives each incident one (an INTEGER PRIMARY KEY
 * keeps it through VACUUM, unlike the incidents' own rowid) and goes with the incident (ON DELETE
 * CASCADE), its trigger taking the words along. Contentless: the words are only indexed, not stored
 * again; `ascii` splits them only at the spaces put between them; `detail=none`: no positions, as
 * nothing asks for phrases.
 */
export const sqliteSearchIndex: SearchIndex = {
  async create(db) {
    await sql`create table incident_search_rows (
      doc integer primary key,
      incident_id text not null unique references incidents (id) on delete cascade
    )`.execute(db);
    await sql`create virtual table incident_search using fts5 (words, tokenize = 'ascii', content = '',
      contentless_delete = 1, detail = none)`.execute(db);
    await sql`create trigger incident_search_rows_delete after delete on incident_search_rows
      begin delete from incident_search where rowid = old.doc; end`.execute(db);
  },
  async drop(db) {
    await sql`drop table incident_search_rows`.execute(db);
    await sql`drop table incident_search`.execute(db);
  },
  async write(db, documents) {
    for (const part of chunk(documents, ROWS_PER_INSERT)) {
      const ids = part.map((d) => sql`(${d.incidentId})`);
      await sql`insert into incident_search_rows (incident_id) values ${sql.join(ids)}
        on conflict (incident_id) do nothing`.execute(db);
      const rows = part.map(
        (d) =>
          sql`((select doc from incident_search_rows where incident_id = ${d.incidentId}), ${d.words.join(" ")})`,
      );
      await sql`insert or replace into incident_search (rowid, words) values ${sql.join(rows)}`.execute(db);
    }
  },
  countMatches: (db, words, bound) =>
    countUpTo(db, sql`select 1 from incident_search where incident_search match ${ftsQuery(words)}`, bound),
  matches(idColumn, words, many) {
    const docs = sql`select rowid from incident_search where incident_search match ${ftsQuery(words)}`;
    // FTS5 checks a single row only by reading the whole lists of the words its prefixes name
    // (milliseconds a row), so either way the matches are read once (and once more by the count).
    // Many: each incident's row number is looked up in them, walking the incidents in the order asked.
    // Few: they are looked up by id and sorted.
    if (many)
      return sql<boolean>`(select r.doc from incident_search_rows as r
        where r.incident_id = ${sql.ref(idColumn)}) in (${docs})`;
    return sql<boolean>`${sql.ref(idColumn)} in (select r.incident_id from incident_search_rows as r
      where r.doc in (${docs}))`;
  },
};

/** Each word a quoted string (a quote inside doubled), so no text is ever FTS5 syntax; `*`: a prefix. */
const ftsQuery = (words: readonly string[]) =>
  words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(" AND ");

/** The words as lexemes as they are (array_to_tsvector: no parser, no dictionary), under a GIN index. */
export const postgresSearchIndex: SearchIndex = {
  async create(db) {
    await sql`create table incident_search (
      incident_id text primary key references incidents (id) on delete cascade,
      words tsvector not null
    )`.execute(db);
    await sql`create index incident_search_words on incident_search using gin (words)`.execute(db);
  },
  async drop(db) {
    await sql`drop table incident_search`.execute(db);
  },
  async write(db, documents) {
    for (const part of chunk(documents, ROWS_PER_INSERT)) {
      const rows = part.map((d) => sql`(${d.incidentId}, array_to_tsvector(${[...d.words]}::text[]))`);
      await sql`insert into incident_search (incident_id, words) values ${sql.join(rows)}
        on conflict (incident_id) do update set words = excluded.words`.execute(db);
    }
  },
  countMatches: (db, words, bound) =>
    countUpTo(db, sql`select 1 from incident_search where words @@ ${tsQuery(words)}::tsquery`, bound),
  matches(idColumn, words, many) {
    const query = tsQuery(words);
    // Many: each incident's words are looked up by its id and checked, walking the incidents in the
    // order asked (OFFSET 0 keeps it a check per row, not a join over every match). Few: the matches
    // first, as an array whose incidents are fetched by id (as a subquery, PostgreSQL joined them with
    // every incident, and may plan a walk checking each incident for a rare word).
    if (many)
      return sql<boolean>`exists (select 1 from incident_search as s
        where s.incident_id = ${sql.ref(idColumn)} and s.words @@ ${query}::tsquery offset 0)`;
    return sql<boolean>`${sql.ref(idColumn)} = any(array(select s.incident_id from incident_search as s
      where s.words @@ ${query}::tsquery))`;
  },
};

/** A tsquery of quoted lexemes (quote and backslash escaped), `:*` a prefix, `&` all of them. */
function tsQuery(words: readonly string[]): string {
  const lexeme = (word: string) => word.replace(/['\\]/g, (c) => `\\${c}`);
  return words.map((word) => `'${lexeme(word)}':*`).join(" & ");
}
