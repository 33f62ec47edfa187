// Reads for the machine interfaces: the latest incident updates across incidents (feeds) and the
// outbox's size by status (metrics). Both are single queries; neither pages.
import type { Kysely } from "kysely";
import type { IncidentKind } from "../domain/model.ts";
import { DELIVERY_STATUSES, type DeliveryStatus } from "../notify/model.ts";
import { clampLimit } from "./cursor.ts";
import type { Database } from "./schema.ts";
import { toUpdate } from "./sql-rows.ts";
import type { RecentUpdate, RecentUpdateQuery } from "./store.ts";

/** Newest update first (by the vendor's displayed time), ties broken by incident and update id. */
export async function listRecentUpdates(
  db: Kysely<Database>,
  query: RecentUpdateQuery,
): Promise<RecentUpdate[]> {
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

/** Every delivery status with its count, zero included, so a metric never disappears. */
export async function countDeliveries(db: Kysely<Database>): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom("deliveries")
    .select(["status", db.fn.countAll().as("count")])
    .groupBy("status")
    .execute();
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const row of rows) {
    const status = DELIVERY_STATUSES.find((s) => s === row.status);
    // PostgreSQL returns count(*) as bigint text.
    if (status !== undefined) counts[status] = Number(row.count);
  }
  return counts;
}
