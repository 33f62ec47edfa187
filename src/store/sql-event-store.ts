// The EventStore on Kysely: the change stream as stored by savePoll (and saveEvents), read in sequence order.
import type { Kysely } from "kysely";
import type { ChangeEvent, EventType, Iso } from "../domain/model.ts";
import { clampLimit, decodeEventCursor } from "./cursor.ts";
import type { SqlDialect } from "./dialect.ts";
import { RECENT_EVENTS_SCANNED, type EventQuery, type EventStore } from "./event-store.ts";
import type { Page } from "./page.ts";
import type { Database } from "./schema.ts";
import { insertDeliveries } from "./sql-outbox-store.ts";
import { insertEvents } from "./sql-poll.ts";
import { chunk, toEvent } from "./sql-rows.ts";

const IDS_PER_QUERY = 500;
const CHANGED = "component.changed";

export function sqlEventStore(db: Kysely<Database>, dialect: SqlDialect): EventStore {
  return {
    saveEvents: (events, deliveries) =>
      db.transaction().execute(async (trx) => {
        const inserted = await insertEvents(trx, dialect, [...events]);
        // The outbox: deliveries commit (or not) with the events that cause them.
        if (deliveries.length > 0) await insertDeliveries(trx, deliveries);
        return inserted;
      }),
    listEvents: (query) => listEvents(db, query),
    listComponentChanges: (vendor, since, until) => listComponentChanges(db, vendor, since, until),
    latestEventCursor: () => latestEventCursor(db),
    getEvents: (ids) => getEvents(db, ids),
    countRecentEvents: (vendor, type, since) => countRecentEvents(db, vendor, type, since),
  };
}

async function countRecentEvents(db: Kysely<Database>, vendor: string, type: EventType, since: Iso) {
  const latest = db
    .selectFrom("events")
    .select(["type", "at"])
    .where("vendor", "=", vendor)
    .orderBy("seq", "desc")
    .limit(RECENT_EVENTS_SCANNED)
    .as("latest");
  const row = await db
    .selectFrom(latest)
    .select((eb) => eb.fn.countAll().as("n"))
    .where("type", "=", type)
    .where("at", ">=", since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Oldest first; the cursor is the last event's sequence number. */
async function listEvents(db: Kysely<Database>, query: EventQuery): Promise<Page<ChangeEvent>> {
  const limit = clampLimit(query.limit);
  let q = db.selectFrom("events").selectAll();
  if (query.after) q = q.where("seq", ">", decodeEventCursor(query.after));
  if (query.vendor) q = q.where("vendor", "=", query.vendor);
  if (query.types?.length) q = q.where("type", "in", [...query.types]);
  const rows = await q
    .orderBy("seq")
    .limit(limit + 1)
    .execute();
  const pageRows = rows.slice(0, limit);
  // A change stream is resumable: `next` is where to continue, also at the end (the cursor to poll
  // again later), and null only when there has never been an event to continue from.
  const last = pageRows.at(-1);
  return { items: pageRows.map(toEvent), next: last ? String(last.seq) : (query.after ?? null) };
}

async function listComponentChanges(
  db: Kysely<Database>,
  vendor: string,
  since: Iso,
  until: Iso | null,
): Promise<ChangeEvent[]> {
  const { before, within } = componentChangeQueries(db, vendor, since, until);
  const rows = (await Promise.all([before.execute(), within.execute()])).flat();
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toEvent);
}

/**
 * listComponentChanges' two reads (0019's indexes): the changes in the window, one range of
 * `events_changes_at`; and each component's last change before it (the latest `at` before `since`, ties
 * by sequence number: the greatest sequence number, as one vendor's changes are recorded in time order,
 * one poll at a time), one seek per component in `events_component_changes`. The component ids are the
 * vendor's distinct ones among its changes, read as a loose index scan (each the least id above the one
 * before), not from the components table: a component the vendor no longer lists keeps its changes.
 */
export function componentChangeQueries(db: Kysely<Database>, vendor: string, since: Iso, until: Iso | null) {
  const changes = db.selectFrom("events").where("vendor", "=", vendor).where("type", "=", CHANGED);
  const ids = db.withRecursive("changed(id)", (cte) =>
    changes
      .select((eb) => eb.fn.min("component_id").as("id"))
      .unionAll(
        cte
          .selectFrom("changed")
          .select((eb) =>
            changes
              .select((inner) => inner.fn.min("component_id").as("next"))
              .where("component_id", ">", eb.ref("changed.id"))
              .as("id"),
          )
          .where("changed.id", "is not", null),
      ),
  );
  const last = ids
    .selectFrom("changed")
    .select((eb) =>
      changes
        .select("seq")
        .where("component_id", "=", eb.ref("changed.id"))
        .where("at", "<", since)
        .orderBy("at", "desc")
        .orderBy("seq", "desc")
        .limit(1)
        .as("seq"),
    );
  return {
    before: db.selectFrom("events").selectAll().where("seq", "in", last),
    within: changes
      .selectAll()
      .where("at", ">=", since)
      .$if(until !== null, (q) => q.where("at", "<", until!)),
  };
}

async function latestEventCursor(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom("events").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst();
  return row === undefined ? null : String(row.seq);
}

/** The stored events among `ids`, in stream order; unknown ids are left out. */
async function getEvents(db: Kysely<Database>, ids: readonly string[]): Promise<ChangeEvent[]> {
  const rows = [];
  for (const part of chunk([...new Set(ids)], IDS_PER_QUERY)) {
    rows.push(...(await db.selectFrom("events").selectAll().where("id", "in", part).execute()));
  }
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toEvent);
}
