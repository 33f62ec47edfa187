// The RetentionStore on Kysely. Each batch first reads which rows may go (a read: in WAL mode it does
// not hold SQLite's write lock while it scans), then deletes those rows in one short statement that
// checks the same conditions again, so a row that became needed in between stays.
import type { ExpressionBuilder, Kysely } from "kysely";
import type { EventType, Iso } from "../domain/model.ts";
import type { DeliveryStatus } from "../domain/notification.ts";
import type { PruneCounts, RetentionStore } from "./retention-store.ts";
import type { Database } from "./schema.ts";

/** A delivery in one of these is done with: nothing will send it again. */
const FINISHED: readonly DeliveryStatus[] = ["delivered", "failed", "dead", "suppressed"];
const SLA_EVENTS: readonly EventType[] = ["sla.breached", "sla.claim_due"];

export function sqlRetentionStore(db: Kysely<Database>): RetentionStore {
  return {
    async pruneBefore(before: Iso, limit: number): Promise<PruneCounts> {
      const batch = Math.max(1, Math.trunc(limit));
      const deliveries = await pruneDeliveries(db, before, batch);
      const events = await pruneEvents(db, before, batch);
      return { deliveries, events };
    },
  };
}

async function pruneDeliveries(db: Kysely<Database>, before: Iso, limit: number): Promise<number> {
  const doomed = await db
    .selectFrom("deliveries")
    .select("seq")
    .where("status", "in", FINISHED)
    .where("created_at", "<", before)
    .orderBy("seq")
    .limit(limit)
    .execute();
  if (doomed.length === 0) return 0;
  // Their delivery_events rows stay while their events do: they are what keeps an event from ever
  // being delivered twice to one subscription. They go with the event (ON DELETE CASCADE).
  const result = await db
    .deleteFrom("deliveries")
    .where(
      "seq",
      "in",
      doomed.map((row) => row.seq),
    )
    .where("status", "in", FINISHED)
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function pruneEvents(db: Kysely<Database>, before: Iso, limit: number): Promise<number> {
  const doomed = await db
    .selectFrom("events as e")
    .select("e.seq")
    .where((eb) => prunable(eb, before))
    .orderBy("e.seq")
    .limit(limit)
    .execute();
  if (doomed.length === 0) return 0;
  const result = await db
    .deleteFrom("events as e")
    .where(
      "e.seq",
      "in",
      doomed.map((row) => row.seq),
    )
    .where((eb) => prunable(eb, before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * An event older than `before` that no delivery still carries and that is not a component's last change
 * before it, nor an SLA event (a few a month; each is what keeps its month's from being sent again).
 */
function prunable(eb: ExpressionBuilder<Database & { e: Database["events"] }, "e">, before: Iso) {
  return eb.and([
    eb("e.at", "<", before),
    eb("e.type", "not in", SLA_EVENTS),
    eb.not(
      eb.exists(
        eb
          .selectFrom("delivery_events as de")
          .innerJoin("deliveries as d", "d.id", "de.delivery_id")
          .select("d.seq")
          .whereRef("de.event_id", "=", "e.id"),
      ),
    ),
    eb.or([
      eb("e.type", "!=", "component.changed"),
      eb.exists(
        eb
          .selectFrom("events as later")
          .select("later.seq")
          .whereRef("later.vendor", "=", "e.vendor")
          .where("later.type", "=", "component.changed")
          .whereRef("later.component_id", "=", "e.component_id")
          .whereRef("later.seq", ">", "e.seq")
          .where("later.at", "<", before),
      ),
    ]),
  ]);
}
