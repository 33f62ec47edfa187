// The outbox: deliveries written with their events, claimed FIFO per channel, finished, listed.
import type { Kysely, Transaction } from "kysely";
import type { ChangeEvent, Iso } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import type { Delivery } from "../notify/model.ts";
import { clampLimit, decodeEventCursor } from "./cursor.ts";
import type { Database, SqlDialectName } from "./schema.ts";
import { fromDelivery, toDelivery } from "./sql-notify-rows.ts";
import { chunk, toEvent } from "./sql-rows.ts";
import type { DeliveryOutcome, DeliveryQuery, Page } from "./store.ts";

const ROWS_PER_INSERT = 200;
const IDS_PER_QUERY = 500;

/**
 * Inserts deliveries inside the poll's transaction, exactly one per (event, subscription) ever. Each
 * delivery first claims its pairs in delivery_events (ON CONFLICT DO NOTHING); only the pairs this
 * transaction won are its events. A pair already taken — by an earlier poll, another worker racing
 * on PostgreSQL (which waits on the key, then skips), or an earlier entry of this same write — is
 * dropped; a delivery left with none is not written, and one left with fewer gets the id of the
 * events it really carries.
 */
export async function insertDeliveries(
  trx: Transaction<Database>,
  deliveries: readonly Delivery[],
): Promise<void> {
  for (const delivery of deliveries) {
    const eventIds = [...new Set(delivery.eventIds)];
    const won: string[] = [];
    for (const part of chunk(eventIds, ROWS_PER_INSERT)) {
      const rows = await trx
        .insertInto("delivery_events")
        .values(
          part.map((event_id) => ({
            event_id,
            subscription_id: delivery.subscription,
            delivery_id: delivery.id,
          })),
        )
        .onConflict((oc) => oc.columns(["event_id", "subscription_id"]).doNothing())
        .returning("event_id")
        .execute();
      won.push(...rows.map((r) => r.event_id));
    }
    if (won.length === 0) continue;
    const kept = eventIds.filter((id) => won.includes(id));
    const id =
      kept.length === eventIds.length ? delivery.id : stableId(delivery.subscription, ...[...kept].sort());
    if (id !== delivery.id)
      await trx
        .updateTable("delivery_events")
        .set({ delivery_id: id })
        .where("subscription_id", "=", delivery.subscription)
        .where("event_id", "in", kept)
        .execute();
    await trx
      .insertInto("deliveries")
      .values(fromDelivery({ ...delivery, id, eventIds: kept }))
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
}

/**
 * Leases, for each channel that is not disabled, its oldest pending delivery if it is due — never a
 * later one while an earlier one waits, so every channel receives in order and a receiver that is
 * down holds up only its own queue. On PostgreSQL the candidate rows are locked and rows another
 * worker holds are skipped (as with vendors); its lease, once committed, makes the row not due.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  now: Iso,
  leaseUntil: Iso,
  limit: number,
): Promise<Delivery[]> {
  if (limit < 1) return [];
  const due = db
    .selectFrom("deliveries as d")
    .select("d.seq")
    .where("d.status", "=", "pending")
    .where("d.next_attempt_at", "<=", now)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("channels as c")
          .select("c.id")
          .whereRef("c.id", "=", "d.channel")
          .where("c.disabled_reason", "is", null),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("deliveries as o")
            .select("o.seq")
            .whereRef("o.channel", "=", "d.channel")
            .where("o.status", "=", "pending")
            .whereRef("o.seq", "<", "d.seq"),
        ),
      ),
    )
    .orderBy("d.seq")
    .limit(Math.trunc(limit));
  const claimed = await db
    .updateTable("deliveries")
    .set({ next_attempt_at: leaseUntil })
    .where("seq", "in", dialect === "postgres" ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
  return claimed.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toDelivery);
}

export async function finishDelivery(
  db: Kysely<Database>,
  id: string,
  outcome: DeliveryOutcome,
): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      delivered_at: outcome.deliveredAt,
      last_error: outcome.lastError,
    })
    .where("id", "=", id)
    .execute();
}

/** Newest first; the cursor is the last delivery's sequence number; null at the end. */
export async function listDeliveries(db: Kysely<Database>, query: DeliveryQuery): Promise<Page<Delivery>> {
  const limit = clampLimit(query.limit);
  let q = db.selectFrom("deliveries").selectAll();
  if (query.before) q = q.where("seq", "<", decodeEventCursor(query.before));
  if (query.subscription) q = q.where("subscription", "=", query.subscription);
  if (query.status) q = q.where("status", "=", query.status);
  const rows = await q
    .orderBy("seq", "desc")
    .limit(limit + 1)
    .execute();
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { items: pageRows.map(toDelivery), next: rows.length > limit && last ? String(last.seq) : null };
}

/** The stored events among `ids`, in stream order; unknown ids are left out. */
export async function getEvents(db: Kysely<Database>, ids: readonly string[]): Promise<ChangeEvent[]> {
  const rows = [];
  for (const part of chunk([...new Set(ids)], IDS_PER_QUERY)) {
    rows.push(...(await db.selectFrom("events").selectAll().where("id", "in", part).execute()));
  }
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toEvent);
}
