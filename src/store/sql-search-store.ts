// The SearchStore on Kysely: LIKE over lower-cased titles and update messages, the same SQL on SQLite
// and PostgreSQL. A scan, bounded by the window and the limit; a full-text index may replace it.
import { sql, type Kysely } from "kysely";
import type { Incident } from "../domain/model.ts";
import { clampLimit } from "./cursor.ts";
import type { Database } from "./schema.ts";
import type { IncidentSearch, SearchStore } from "./search-store.ts";
import { withUpdates } from "./sql-record-store.ts";

export function sqlSearchStore(db: Kysely<Database>): SearchStore {
  return { searchIncidents: (query) => searchIncidents(db, query) };
}

async function searchIncidents(db: Kysely<Database>, query: IncidentSearch): Promise<Incident[]> {
  // Backslash escapes LIKE's wildcards, so the text is matched as written.
  const pattern = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const contains = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  let q = db
    .selectFrom("incidents as i")
    .selectAll("i")
    .where((eb) =>
      eb.or([
        contains("i.title"),
        eb.exists(
          eb
            .selectFrom("incident_updates as u")
            .select("u.id")
            .whereRef("u.incident_id", "=", "i.id")
            .where(contains("u.message")),
        ),
      ]),
    );
  const { since, until } = query;
  if (since) q = q.where((eb) => eb.or([eb("i.resolved_at", "is", null), eb("i.resolved_at", ">=", since)]));
  if (until) q = q.where("i.started_at", "<", until);
  const rows = await q
    .orderBy("i.started_at", "desc")
    .orderBy("i.id", "desc")
    .limit(clampLimit(query.limit))
    .execute();
  return withUpdates(db, rows);
}
