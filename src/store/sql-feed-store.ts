// The FeedStore on Kysely: the latest incident updates across incidents, in one query that does not page.
import type { Kysely } from "kysely";
import type { IncidentKind } from "../domain/model.ts";
import { clampLimit } from "./cursor.ts";
import type { FeedStore, RecentUpdate, RecentUpdateQuery } from "./feed-store.ts";
import type { Database } from "./schema.ts";
import { toUpdate } from "./sql-rows.ts";

export function sqlFeedStore(db: Kysely<Database>): FeedStore {
  return { listRecentUpdates: (query) => listRecentUpdates(db, query) };
}

/** Newest update first (by the vendor's displayed time), ties broken by incident and update id. */
async function listRecentUpdates(db: Kysely<Database>, query: RecentUpdateQuery): Promise<RecentUpdate[]> {
  let q = db
    .selectFrom("incident_updates as u")
    .innerJoin("incidents as i", "i.id", "u.incident_id")
    .select([
      "u.id",
      "u.incident_id",
      "u.status",
      "u.at",
      "u.message",
      "u.components",
      "i.vendor",
      "i.title",
      "i.kind",
      "i.url",
    ]);
  if (query.vendor) q = q.where("i.vendor", "=", query.vendor);
  const rows = await q
    .orderBy("u.at", "desc")
    .orderBy("u.incident_id", "desc")
    .orderBy("u.id", "desc")
    .limit(clampLimit(query.limit))
    .execute();
  return rows.map((row) => ({
    incidentId: row.incident_id,
    vendor: row.vendor,
    title: row.title,
    kind: row.kind as IncidentKind,
    incidentUrl: row.url,
    update: toUpdate(row),
  }));
}
