// Text search in SQL: LIKE over lower-cased titles and update messages, the same on SQLite and
// PostgreSQL. A scan (bounded by the query's other filters and limit); a full-text index may replace it.
import { sql, type RawBuilder } from "kysely";

/** Whether the incident (a row of `incidents` named `table`) has `text` in its title or any update's text. */
export function mentions(table: "i" | "incidents", text: string): RawBuilder<boolean> {
  // Backslash escapes LIKE's wildcards, so the text is matched as written.
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const contains = (column: string) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  return sql<boolean>`(${contains(`${table}.title`)} or exists (select 1 from incident_updates as u
    where u.incident_id = ${sql.ref(`${table}.id`)} and ${contains("u.message")}))`;
}
