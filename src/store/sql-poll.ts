// savePoll: everything one poll learned, written in one transaction or not at all.
import { sql, type Kysely, type Transaction } from "kysely";
import type { ChangeEvent, ComponentSnapshot, Incident } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import type { SqlDialect } from "./dialect.ts";
import type { PollFailure, PollSuccess, PollWrite } from "./record-store.ts";
import type { Database } from "./schema.ts";
import { insertDeliveries } from "./sql-outbox-store.ts";
import { insertRevisions } from "./sql-revisions.ts";
import { documentWords } from "./search-words.ts";
import { chunk, fromComponent, fromEvent, fromIncident, fromUpdate } from "./sql-rows.ts";

// Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits.
const ROWS_PER_INSERT = 200;

type Trx = Transaction<Database>;

/** The lease ends; its holder is remembered as the vendor's poller (the scheduler's affinity), unless handed off. */
const endLease = (write: PollWrite) => ({
  polled_by: write.handOff ? null : sql<string | null>`coalesce(leased_by, polled_by)`,
  leased_by: null,
});

export async function savePoll(db: Kysely<Database>, dialect: SqlDialect, write: PollWrite): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (write.outcome.ok) await saveSuccess(trx, dialect, write, write.outcome);
    else await saveFailure(trx, write, write.outcome);
    await insertEvents(trx, dialect, write.events);
    // The outbox: deliveries commit (or not) with the events that cause them.
    if (write.deliveries?.length) await insertDeliveries(trx, write.deliveries);
  });
}

async function saveSuccess(
  trx: Trx,
  dialect: SqlDialect,
  write: PollWrite,
  outcome: PollSuccess,
): Promise<void> {
  const pageName = outcome.pageName?.trim();
  const result = await trx
    .updateTable("vendors")
    .set((eb) => ({
      last_polled_at: write.polledAt,
      last_ok_at: write.polledAt,
      stale: 0,
      failures: 0,
      last_error: null,
      baseline_at: eb.fn.coalesce("baseline_at", eb.val(write.polledAt)),
      ...nextPoll(write),
      // Only a placeholder name yields to the page's; a name the user gave is kept.
      ...(pageName
        ? { name: eb.case().when("name_auto", "=", 1).then(pageName).else(eb.ref("name")).end() }
        : {}),
    }))
    .where("slug", "=", write.vendor)
    .executeTakeFirst();
  requireVendor(result.numUpdatedRows, write.vendor);
  if (outcome.unstableIds || outcome.holdNotifications !== undefined) await markSource(trx, write, outcome);
  if (outcome.components !== undefined) await replaceComponents(trx, write.vendor, outcome.components);
  if (outcome.incidents !== undefined) await upsertIncidents(trx, dialect, outcome.incidents);
  if (outcome.revisions !== undefined) await insertRevisions(trx, outcome.revisions);
}

/** What the poll noticed about the source: ids that change (first time kept), a tripped breaker. */
async function markSource(trx: Trx, write: PollWrite, outcome: PollSuccess): Promise<void> {
  await trx
    .updateTable("vendors")
    .set((eb) => ({
      ...(outcome.unstableIds
        ? { unstable_ids_at: eb.fn.coalesce("unstable_ids_at", eb.val(write.polledAt)) }
        : {}),
      ...(outcome.holdNotifications === undefined ? {} : { notifications_held: outcome.holdNotifications }),
    }))
    .where("slug", "=", write.vendor)
    .execute();
}

/** A failed poll marks the vendor stale and changes nothing else: the last known state stays. */
async function saveFailure(trx: Trx, write: PollWrite, outcome: PollFailure): Promise<void> {
  const result = await trx
    .updateTable("vendors")
    .set({
      last_polled_at: write.polledAt,
      stale: 1,
      last_error: outcome.error,
      failures: outcome.failures,
      // A failure keeps its backoff (or the server's Retry-After): a hint that came meanwhile waits.
      next_poll_at: write.nextPollAt,
      hinted_at: null,
      ...endLease(write),
    })
    .where("slug", "=", write.vendor)
    .executeTakeFirst();
  requireVendor(result.numUpdatedRows, write.vendor);
}

/** The poll is written: the lease ends, and a push hint that came meanwhile makes the vendor due at once. */
function nextPoll(write: PollWrite) {
  return {
    next_poll_at: sql<string>`case when hinted_at is null then ${write.nextPollAt} else ${write.polledAt} end`,
    hinted_at: null,
    ...endLease(write),
  };
}

function requireVendor(updated: bigint, slug: string): void {
  if (updated === 0n) throw new PingoruError("not_found", `vendor "${slug}" does not exist`);
}

async function replaceComponents(trx: Trx, vendor: string, components: ComponentSnapshot[]): Promise<void> {
  await trx.deleteFrom("components").where("vendor", "=", vendor).execute();
  const rows = uniqueBy(components, (c) => c.id).map((c) => fromComponent(vendor, c));
  for (const part of chunk(rows, ROWS_PER_INSERT)) await trx.insertInto("components").values(part).execute();
}

const INCIDENT_COLUMNS = [
  "vendor",
  "vendor_incident_id",
  "kind",
  "title",
  "status",
  "impact",
  "url",
  "started_at",
  "resolved_at",
  "scheduled_for",
  "scheduled_until",
  "detected_at",
  "seen_live",
  "detection_lag_seconds",
  "postmortem_published_at",
  "postmortem_url",
  "affected_components",
  "listed_components",
] as const;

/** Each incident is written whole: its row replaced, its updates and its words in the search index
 * replaced by the given ones. */
async function upsertIncidents(trx: Trx, dialect: SqlDialect, incidents: Incident[]): Promise<void> {
  const unique = uniqueBy(incidents, (i) => i.id);
  for (const part of chunk(unique, ROWS_PER_INSERT)) {
    await trx
      .insertInto("incidents")
      .values(part.map(fromIncident))
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet((eb) =>
            Object.fromEntries(INCIDENT_COLUMNS.map((col) => [col, eb.ref(`excluded.${col}`)])),
          ),
      )
      .execute();
    const ids = part.map((i) => i.id);
    await trx.deleteFrom("incident_updates").where("incident_id", "in", ids).execute();
  }
  const updates = unique.flatMap((i) => uniqueBy(i.updates, (u) => u.id).map((u) => fromUpdate(i.id, u)));
  for (const part of chunk(updates, ROWS_PER_INSERT)) {
    await trx.insertInto("incident_updates").values(part).execute();
  }
  await dialect.search.write(
    trx,
    unique.map((i) => ({
      incidentId: i.id,
      words: documentWords(
        i.title,
        i.updates.map((u) => u.message),
      ),
    })),
  );
}

/** Inserts each event id once (one already stored is skipped); gives how many were new. */
export async function insertEvents(trx: Trx, dialect: SqlDialect, events: ChangeEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  // Concurrent polls must make their events visible in stream order (see the dialects).
  await dialect.orderEventInserts(trx);
  let inserted = 0;
  for (const part of chunk(events.map(fromEvent), ROWS_PER_INSERT)) {
    const rows = await trx
      .insertInto("events")
      .values(part)
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .execute();
    inserted += rows.length;
  }
  return inserted;
}

/** Keeps the last of each id: a row written twice in one statement would fail the upsert. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
