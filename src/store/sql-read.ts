// The record as readers see it: components, incidents with their updates, the event stream.
import type { Kysely, Selectable, SelectQueryBuilder } from "kysely";
import {
  INCIDENT_STATUSES,
  isClosedStatus,
  type ChangeEvent,
  type ComponentSnapshot,
  type Incident,
  type UpdateSnapshot,
} from "../domain/model.ts";
import { clampLimit, decodeEventCursor, decodeIncidentCursor, encodeIncidentCursor } from "./cursor.ts";
import type { Database, IncidentTable } from "./schema.ts";
import { chunk, toComponent, toEvent, toIncident, toUpdate } from "./sql-rows.ts";
import type { EventQuery, IncidentQuery, LoadRecordOptions, Page, VendorRecord } from "./store.ts";

const IDS_PER_QUERY = 500;
const CLOSED_STATUSES = INCIDENT_STATUSES.filter(isClosedStatus);

export async function listComponents(db: Kysely<Database>, slug: string): Promise<ComponentSnapshot[]> {
  const rows = await db
    .selectFrom("components")
    .selectAll()
    .where("vendor", "=", slug)
    .orderBy("position")
    .orderBy("name")
    .execute();
  return rows.map(toComponent);
}

export async function loadRecord(
  db: Kysely<Database>,
  slug: string,
  vendorIncidentIds: readonly string[],
  options: LoadRecordOptions = {},
): Promise<VendorRecord> {
  const rows: Selectable<IncidentTable>[] = [];
  for (const ids of chunk([...new Set(vendorIncidentIds)], IDS_PER_QUERY)) {
    const part = await db
      .selectFrom("incidents")
      .selectAll()
      .where("vendor", "=", slug)
      .where("vendor_incident_id", "in", ids)
      .execute();
    rows.push(...part);
  }
  const listed = options.openNotIn;
  if (listed) {
    const loaded = new Set(rows.map((row) => row.id));
    const open = await db
      .selectFrom("incidents")
      .selectAll()
      .where("vendor", "=", slug)
      .where("status", "not in", CLOSED_STATUSES)
      .execute();
    rows.push(...open.filter((row) => !loaded.has(row.id) && !listed.has(row.vendor_incident_id)));
  }
  return { components: await listComponents(db, slug), incidents: await withUpdates(db, rows) };
}

export async function getIncident(db: Kysely<Database>, id: string): Promise<Incident | null> {
  const row = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  if (row === undefined) return null;
  const [incident] = await withUpdates(db, [row]);
  return incident ?? null;
}

/** Newest first, keyset-paginated on (started_at, id) so pages never overlap or skip. */
export async function listIncidents(
  db: Kysely<Database>,
  slug: string,
  query: IncidentQuery,
): Promise<Page<Incident>> {
  const limit = clampLimit(query.limit);
  let q = filterIncidents(db.selectFrom("incidents").selectAll().where("vendor", "=", slug), query);
  if (query.before) {
    const c = decodeIncidentCursor(query.before);
    q = q.where((eb) =>
      eb.or([
        eb("started_at", "<", c.startedAt),
        eb.and([eb("started_at", "=", c.startedAt), eb("id", "<", c.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const next =
    rows.length > limit && last ? encodeIncidentCursor({ startedAt: last.started_at, id: last.id }) : null;
  return { items: await withUpdates(db, pageRows), next };
}

function filterIncidents(
  q: SelectQueryBuilder<Database, "incidents", Selectable<IncidentTable>>,
  query: IncidentQuery,
) {
  if (query.kind) q = q.where("kind", "=", query.kind);
  if (query.status === "open")
    q = q.where("resolved_at", "is", null).where("status", "not in", CLOSED_STATUSES);
  if (query.status === "resolved")
    q = q.where((eb) => eb.or([eb("resolved_at", "is not", null), eb("status", "in", CLOSED_STATUSES)]));
  if (query.since) {
    const since = query.since;
    q = q.where((eb) =>
      eb.or([
        eb("resolved_at", ">=", since),
        eb("started_at", ">=", since),
        eb.and([eb("resolved_at", "is", null), eb("status", "not in", CLOSED_STATUSES)]),
      ]),
    );
  }
  if (query.until) q = q.where("started_at", "<", query.until);
  if (query.component) {
    // affected_components is JSON.stringify output: a pair `"id":"<id>"` can only appear as a key and
    // its value (quotes inside strings are escaped). replace() is case-sensitive and has no wildcards
    // in both databases, unlike LIKE.
    const pair = `"id":${JSON.stringify(query.component)}`;
    q = q.where((eb) =>
      eb(
        eb.fn<string>("replace", ["affected_components", eb.val(pair), eb.val("")]),
        "<>",
        eb.ref("affected_components"),
      ),
    );
  }
  return q;
}

/** Oldest first; the cursor is the last event's sequence number. */
export async function listEvents(db: Kysely<Database>, query: EventQuery): Promise<Page<ChangeEvent>> {
  const limit = clampLimit(query.limit);
  let q = db.selectFrom("events").selectAll();
  if (query.after) q = q.where("seq", ">", decodeEventCursor(query.after));
  if (query.vendor) q = q.where("vendor", "=", query.vendor);
  if (query.type) q = q.where("type", "=", query.type);
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

export async function latestEventCursor(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom("events").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst();
  return row === undefined ? null : String(row.seq);
}

/** The vendor row as text, without the open-incident count (that query is the costly part of getVendor). */
export async function getVendorVersion(db: Kysely<Database>, slug: string): Promise<string | null> {
  const row = await db.selectFrom("vendors").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row === undefined ? null : JSON.stringify(row);
}

/** Attaches updates (by time, then id) to incident rows with one query per chunk, keeping row order. */
async function withUpdates(db: Kysely<Database>, rows: Selectable<IncidentTable>[]): Promise<Incident[]> {
  const byIncident = new Map<string, UpdateSnapshot[]>(rows.map((r) => [r.id, []]));
  for (const ids of chunk([...byIncident.keys()], IDS_PER_QUERY)) {
    const updates = await db
      .selectFrom("incident_updates")
      .selectAll()
      .where("incident_id", "in", ids)
      .orderBy("at")
      .orderBy("id")
      .execute();
    for (const u of updates) byIncident.get(u.incident_id)?.push(toUpdate(u));
  }
  return rows.map((r) => toIncident(r, byIncident.get(r.id) ?? []));
}
