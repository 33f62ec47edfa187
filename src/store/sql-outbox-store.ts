// The OutboxStore on Kysely: deliveries written with their events (by savePoll), claimed in order per
// channel (a component change in its flap window steps aside), finished, listed and counted.
import type { Kysely, Transaction } from "kysely";
import type { Iso } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { DELIVERY_STATUSES, type Delivery, type DeliveryStatus } from "../domain/notification.ts";
import { clampLimit, decodeEventCursor } from "./cursor.ts";
import type { SqlDialect } from "./dialect.ts";
import type { DeliveryOutcome, DeliveryQuery, OutboxStore } from "./outbox-store.ts";
import type { Page } from "./page.ts";
import type { Database } from "./schema.ts";
import { fromDelivery, toDelivery } from "./sql-notify-rows.ts";
import { chunk } from "./sql-rows.ts";

const ROWS_PER_INSERT = 200;

/** A delivery's columns but its kept message, which only the send reads (keptMessage). */
const DELIVERY_COLUMNS = [
  "seq",
  "id",
  "subscription",
  "channel",
  "vendor",
  "incident_id",
  "component_id",
  "event_ids",
  "status",
  "attempts",
  "created_at",
  "next_attempt_at",
  "delivered_at",
  "last_error",
  "leased_by",
] as const;

export function sqlOutboxStore(db: Kysely<Database>, dialect: SqlDialect): OutboxStore {
  return {
    claimDueDeliveries: (now, leaseUntil, limit, worker) =>
      claimDueDeliveries(db, dialect, now, leaseUntil, limit, worker ?? null),
    finishDelivery: (id, outcome) => finishDelivery(db, id, outcome),
    keepMessage: async (id, message) => {
      await db
        .updateTable("deliveries")
        .set({ message })
        .where("id", "=", id)
        .where("message", "is", null)
        .execute();
      return keptMessage(db, id);
    },
    keptMessage: (id) => keptMessage(db, id),
    listDeliveries: (query) => listDeliveries(db, query),
    countDeliveries: () => countDeliveries(db),
    nextDeliveryDueAt: async () => {
      const row = await db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.min("next_attempt_at").as("due"))
        .where("status", "=", "pending")
        .executeTakeFirst();
      return row?.due ?? null;
    },
  };
}

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
 * later one while an earlier one waits, so every channel receives in order, one message at a time,
 * and a receiver that is down holds up only its own queue (its oldest message probes it, with
 * backoff). One kind of waiting steps aside: a component change held back for its flap window (a
 * component-only delivery, never tried, not leased, not yet due) holds back only later messages about the same
 * component, not another component's or an incident's. The dialect locks the candidate rows
 * (PostgreSQL: skipping rows another worker holds, as with vendors); the lease, once committed, makes
 * the row not due.
 */
async function claimDueDeliveries(
  db: Kysely<Database>,
  dialect: SqlDialect,
  now: Iso,
  leaseUntil: Iso,
  limit: number,
  worker: string | null,
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
            .whereRef("o.seq", "<", "d.seq")
            .where((o) =>
              o.not(
                o.and([
                  o("o.incident_id", "is", null),
                  o("o.component_id", "is not", null),
                  o("o.attempts", "=", 0),
                  o("o.leased_by", "is", null),
                  o("o.next_attempt_at", ">", now),
                  o.or([
                    o("o.vendor", "!=", o.ref("d.vendor")),
                    o("o.component_id", "is distinct from", o.ref("d.component_id")),
                  ]),
                ]),
              ),
            ),
        ),
      ),
    )
    .orderBy("d.seq")
    .limit(Math.trunc(limit));
  const claimed = await db
    .updateTable("deliveries")
    .set({ next_attempt_at: leaseUntil, leased_by: worker })
    .where("seq", "in", dialect.lockForClaim(due))
    .returning(DELIVERY_COLUMNS)
    .execute();
  return claimed.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toDelivery);
}

async function keptMessage(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom("deliveries").select("message").where("id", "=", id).executeTakeFirst();
  return row?.message ?? null;
}

async function finishDelivery(db: Kysely<Database>, id: string, outcome: DeliveryOutcome): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({
      status: outcome.status,
      leased_by: null,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      delivered_at: outcome.deliveredAt,
      last_error: outcome.lastError,
      // The kept message is needed only while the delivery may be tried again.
      ...(outcome.status === "pending" ? {} : { message: null }),
    })
    .where("id", "=", id)
    .execute();
}

/** Newest first; the cursor is the last delivery's sequence number; null at the end. */
async function listDeliveries(db: Kysely<Database>, query: DeliveryQuery): Promise<Page<Delivery>> {
  const limit = clampLimit(query.limit);
  let q = db.selectFrom("deliveries").select(DELIVERY_COLUMNS);
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

/** Every delivery status with its count, zero included, so a metric never disappears. */
async function countDeliveries(db: Kysely<Database>): Promise<Record<DeliveryStatus, number>> {
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
