// The full-text index of incidents, one per database: SQLite's FTS5, PostgreSQL's tsvector under a GIN
// index. Each holds an incident's distinct words (search-words.ts) and finds the incidents that have
// every word of a query as the start of one of theirs. The store's write of an incident rewrites its
// words (sql-poll.ts); an incident deleted (its vendor removed) takes them with it.
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
  /** Whether the incident whose id is in `idColumn` has each word as the start of one of its words. */
  matches(idColumn: string, words: readonly string[]): RawBuilder<boolean>;
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
  matches(idColumn, words) {
    // Each word a quoted string (a quote inside doubled), so no text is ever FTS5 syntax; `*`: a prefix.
    const query = words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(" AND ");
    // Unary + keeps SQLite from looking each match up by id and sorting them all (a common word
    // matches most incidents): it walks the incidents in the order asked, in the list of matches.
    return sql<boolean>`+${sql.ref(idColumn)} in (select r.incident_id from incident_search_rows as r
      where r.doc in (select rowid from incident_search where incident_search match ${query}))`;
  },
};

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
  matches(idColumn, words) {
    // A tsquery of quoted lexemes (quote and backslash escaped), `:*` a prefix, `&` all of them.
    const lexeme = (word: string) => word.replace(/['\\]/g, (c) => `\\${c}`);
    const query = words.map((word) => `'${lexeme(word)}':*`).join(" & ");
    // OFFSET 0 keeps the matches a subquery of their own, found through the GIN index: PostgreSQL has
    // no statistics for prefixes and otherwise walks every incident, checking each, for a rare word.
    return sql<boolean>`${sql.ref(idColumn)} in (select s.incident_id from incident_search as s
      where s.words @@ ${query}::tsquery offset 0)`;
  },
};
