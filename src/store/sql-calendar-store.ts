// The CalendarStore on Kysely: maintenances in a window across vendors, and the revision of each event
// a calendar published (migration 0012).
import type { Kysely } from "kysely";
import type { Incident, Iso } from "../domain/model.ts";
import type {
  CalendarFingerprint,
  CalendarRevision,
  CalendarStore,
  MaintenanceQuery,
} from "./calendar-store.ts";
import { clampLimit } from "./cursor.ts";
import type { Database } from "./schema.ts";
import { withUpdates } from "./sql-record-store.ts";
import { chunk } from "./sql-rows.ts";

const IDS_PER_QUERY = 500;
const ROWS_PER_INSERT = 200;

export function sqlCalendarStore(db: Kysely<Database>): CalendarStore {
  return {
    listMaintenances: (query) => listMaintenances(db, query),
    reviseCalendarEvents: (events, now) => reviseCalendarEvents(db, events, now),
  };
}

async function listMaintenances(db: Kysely<Database>, query: MaintenanceQuery): Promise<Incident[]> {
  const { since } = query;
  let q = db
    .selectFrom("incidents")
    .selectAll()
    .where("kind", "=", "maintenance")
    .where("scheduled_for", "is not", null)
    .where((eb) =>
      eb.or([
        eb("scheduled_until", ">=", since),
        eb.and([eb("scheduled_until", "is", null), eb("scheduled_for", ">=", since)]),
      ]),
    );
  if (query.vendor) q = q.where("vendor", "=", query.vendor);
  const rows = await q
    .orderBy("scheduled_for", "desc")
    .orderBy("id", "desc")
    .limit(clampLimit(query.limit))
    .execute();
  return withUpdates(db, rows);
}

/** Writes only what changed; the conditional upsert makes a change counted once however many readers see it. */
async function reviseCalendarEvents(
  db: Kysely<Database>,
  events: readonly CalendarFingerprint[],
  now: Iso,
): Promise<Map<string, CalendarRevision>> {
  const wanted = new Map(events.map((e) => [e.incidentId, e.fingerprint]));
  const stored = await readRevisions(db, [...wanted.keys()]);
  const changed = [...wanted].filter(([id, fingerprint]) => stored.get(id)?.fingerprint !== fingerprint);
  if (changed.length === 0) return withoutFingerprints(stored);
  for (const part of chunk(changed, ROWS_PER_INSERT)) {
    await db
      .insertInto("calendar_revisions")
      .values(
        part.map(([id, fingerprint]) => ({ incident_id: id, fingerprint, sequence: 0, revised_at: now })),
      )
      .onConflict((oc) =>
        oc
          .column("incident_id")
          .doUpdateSet((eb) => ({
            fingerprint: eb.ref("excluded.fingerprint"),
            sequence: eb("calendar_revisions.sequence", "+", 1),
            revised_at: eb.ref("excluded.revised_at"),
          }))
          .where((eb) => eb("calendar_revisions.fingerprint", "<>", eb.ref("excluded.fingerprint"))),
      )
      .execute();
  }
  const revised = await readRevisions(
    db,
    changed.map(([id]) => id),
  );
  return withoutFingerprints(new Map([...stored, ...revised]));
}

type StoredRevision = CalendarRevision & { fingerprint: string };

function withoutFingerprints(revisions: Map<string, StoredRevision>): Map<string, CalendarRevision> {
  return new Map([...revisions].map(([id, { sequence, revisedAt }]) => [id, { sequence, revisedAt }]));
}

async function readRevisions(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, StoredRevision>> {
  const revisions = new Map<string, StoredRevision>();
  for (const part of chunk([...ids], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom("calendar_revisions")
      .selectAll()
      .where("incident_id", "in", part)
      .execute();
    for (const r of rows)
      revisions.set(r.incident_id, {
        fingerprint: r.fingerprint,
        sequence: Number(r.sequence),
        revisedAt: r.revised_at,
      });
  }
  return revisions;
}
