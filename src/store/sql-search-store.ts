// The SearchStore on Kysely: the dialect's full-text index (sql-search-index.ts), within the window.
import type { Kysely } from "kysely";
import type { Incident } from "../domain/model.ts";
import { clampLimit } from "./cursor.ts";
import type { SqlDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";
import type { IncidentSearch, SearchStore } from "./search-store.ts";
import { CLOSED_STATUSES, withUpdates } from "./sql-record-store.ts";
import { searchCondition } from "./sql-search-index.ts";
import { queryWords } from "./search-words.ts";

export function sqlSearchStore(db: Kysely<Database>, dialect: SqlDialect): SearchStore {
  return { searchIncidents: (query) => searchIncidents(db, dialect, query) };
}

async function searchIncidents(
  db: Kysely<Database>,
  dialect: SqlDialect,
  query: IncidentSearch,
): Promise<Incident[]> {
  let q = db.selectFrom("incidents as i").selectAll("i");
  const words = queryWords(query.text);
  if (words.length > 0) q = q.where(await searchCondition(db, dialect.search, "i.id", words));
  const { since, until } = query;
  // Overlapping [since, …) as the history's filter reads it: one closed without a resolved time spans
  // no time (model.ts spanEnd), so only its start can fall in the window.
  if (since)
    q = q.where((eb) =>
      eb.or([
        eb("i.resolved_at", ">=", since),
        eb("i.started_at", ">=", since),
        eb.and([eb("i.resolved_at", "is", null), eb("i.status", "not in", CLOSED_STATUSES)]),
      ]),
    );
  if (until) q = q.where("i.started_at", "<", until);
  const rows = await q
    .orderBy("i.started_at", "desc")
    .orderBy("i.id", "desc")
    .limit(clampLimit(query.limit))
    .execute();
  return withUpdates(db, rows);
}
