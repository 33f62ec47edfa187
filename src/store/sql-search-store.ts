// The SearchStore on Kysely: a scan of titles and update text (sql-text-match.ts), bounded by the
// window and the limit.
import type { Kysely } from "kysely";
import type { Incident } from "../domain/model.ts";
import { clampLimit } from "./cursor.ts";
import type { Database } from "./schema.ts";
import type { IncidentSearch, SearchStore } from "./search-store.ts";
import { withUpdates } from "./sql-record-store.ts";
import { mentions } from "./sql-text-match.ts";

export function sqlSearchStore(db: Kysely<Database>): SearchStore {
  return { searchIncidents: (query) => searchIncidents(db, query) };
}

async function searchIncidents(db: Kysely<Database>, query: IncidentSearch): Promise<Incident[]> {
  let q = db.selectFrom("incidents as i").selectAll("i").where(mentions("i", query.text));
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
