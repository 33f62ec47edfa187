// The RecordStore on Kysely: savePoll (sql-poll.ts) writes the record; here it is read as readers
// see it: components, and incidents with their updates.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from "kysely";
import {
  INCIDENT_STATUSES,
  isClosedStatus,
  type ComponentSnapshot,
  type Incident,
  type Iso,
  type UpdateSnapshot,
} from "../domain/model.ts";
import { clampLimit, decodeIncidentCursor, encodeIncidentCursor, type IncidentCursor } from "./cursor.ts";
import type { SqlDialect } from "./dialect.ts";
import type { Page } from "./page.ts";
import type {
  AllIncidentQuery,
  IncidentSummary,
  LoadRecordOptions,
  RecordStore,
  VendorRecord,
} from "./record-store.ts";
import type { Database, IncidentTable } from "./schema.ts";
import { queryWords } from "./search-words.ts";
import { savePoll } from "./sql-poll.ts";
import { searchCondition } from "./sql-search-index.ts";
import { chunk, toComponent, toIncident, toIncidentSummary, toUpdate } from "./sql-rows.ts";

const IDS_PER_QUERY = 500;
/** An incident is open without a resolved time and with a status not among these (model.ts isOpenIncident). */
export const CLOSED_STATUSES = INCIDENT_STATUSES.filter(isClosedStatus);

export function sqlRecordStore(db: Kysely<Database>, dialect: SqlDialect): RecordStore {
  return {
    loadRecord: (slug, vendorIncidentIds, options) => loadRecord(db, slug, vendorIncidentIds, options),
    savePoll: (write) => savePoll(db, dialect, write),
    listComponents: (slug) => listComponents(db, slug),
    listAllComponents: () => listAllComponents(db),
    listIncidents: (slug, query) =>
      listIncidents(db, dialect, db.selectFrom("incidents").selectAll().where("vendor", "=", slug), query),
    listAllIncidents: (query) => listIncidents(db, dialect, db.selectFrom("incidents").selectAll(), query),
    listAllIncidentSummaries: async (query) => {
      const all = db.selectFrom("incidents").selectAll();
      const { rows, next } = await listIncidentRows(db, dialect, all, query);
      return { items: rows.map(toIncidentSummary), next };
    },
    getIncident: (id) => getIncident(db, id),
    listIncidentSummaries: (since) => listIncidentSummaries(db, dialect, since),
    listFirstIncidentStarts: () => listFirstIncidentStarts(db),
  };
}

async function listComponents(db: Kysely<Database>, slug: string): Promise<ComponentSnapshot[]> {
  const rows = await db
    .selectFrom("components")
    .selectAll()
    .where("vendor", "=", slug)
    .orderBy("position")
    .orderBy("name")
    .execute();
  return rows.map(toComponent);
}

async function listAllComponents(db: Kysely<Database>): Promise<Map<string, ComponentSnapshot[]>> {
  const rows = await db
    .selectFrom("components")
    .selectAll()
    .orderBy("vendor")
    .orderBy("position")
    .orderBy("name")
    .execute();
  const byVendor = new Map<string, ComponentSnapshot[]>();
  for (const row of rows) {
    const list = byVendor.get(row.vendor);
    if (list) list.push(toComponent(row));
    else byVendor.set(row.vendor, [toComponent(row)]);
  }
  return byVendor;
}

async function loadRecord(
  db: Kysely<Database>,
  slug: string,
  vendorIncidentIds: readonly string[],
  options: LoadRecordOptions = {},
): Promise<VendorRecord> {
  let rows: Selectable<IncidentTable>[] = [];
  const wanted = [...new Set(vendorIncidentIds)];
  const listed = options.openNotIn;
  // The open ones come with the first chunk of ids (one round trip for both, as a poll mostly asks).
  const chunks = chunk(wanted, IDS_PER_QUERY);
  if (chunks.length === 0 && listed) chunks.push([]);
  for (const [n, ids] of chunks.entries()) {
    const withOpen = listed !== undefined && n === 0;
    const part = await db
      .selectFrom("incidents")
      .selectAll()
      .where("vendor", "=", slug)
      .where((eb) => {
        const named = ids.length > 0 ? [eb("vendor_incident_id", "in", ids)] : [];
        return eb.or(withOpen ? [...named, eb("status", "not in", CLOSED_STATUSES)] : named);
      })
      .execute();
    rows.push(...part);
  }
  if (listed) {
    // Open rows the page lists are the page's to name: kept only when asked for by id.
    const asked = new Set(wanted);
    const kept = rows.filter(
      (row) => asked.has(row.vendor_incident_id) || !listed.has(row.vendor_incident_id),
    );
    rows = [...new Map(kept.map((row) => [row.id, row])).values()];
  }
  for (const times of chunk([...new Set(options.startedAtIn ?? [])], IDS_PER_QUERY)) {
    const loaded = new Set(rows.map((row) => row.id));
    const part = await db
      .selectFrom("incidents")
      .selectAll()
      .where("vendor", "=", slug)
      .where("started_at", "in", times)
      .execute();
    rows.push(...part.filter((row) => !loaded.has(row.id)));
  }
  const components = options.components === false ? [] : await listComponents(db, slug);
  return { components, incidents: await withUpdates(db, rows) };
}

async function getIncident(db: Kysely<Database>, id: string): Promise<Incident | null> {
  const row = await db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  if (row === undefined) return null;
  const [incident] = await withUpdates(db, [row]);
  return incident ?? null;
}

export type IncidentRows = SelectQueryBuilder<Database, "incidents", Selectable<IncidentTable>>;

async function listIncidents(
  db: Kysely<Database>,
  dialect: SqlDialect,
  rows: IncidentRows,
  query: AllIncidentQuery,
): Promise<Page<Incident>> {
  const page = await listIncidentRows(db, dialect, rows, query);
  return { items: await withUpdates(db, page.rows), next: page.next };
}

/**
 * The incidents after the cursor's in (started_at, id) descending order. The first condition is implied
 * by the second; it is there so that both databases start the page from the index at the cursor's
 * time instead of walking it from the newest incident. Exported for its query plan test.
 */
export function olderThan(q: IncidentRows, cursor: IncidentCursor): IncidentRows {
  return q
    .where("started_at", "<=", cursor.startedAt)
    .where((eb) =>
      eb.or([
        eb("started_at", "<", cursor.startedAt),
        eb.and([eb("started_at", "=", cursor.startedAt), eb("id", "<", cursor.id)]),
      ]),
    );
}

/** Newest first, keyset-paginated on (started_at, id) so pages never overlap or skip. */
async function listIncidentRows(
  db: Kysely<Database>,
  dialect: SqlDialect,
  rows: IncidentRows,
  query: AllIncidentQuery,
): Promise<{ rows: Selectable<IncidentTable>[]; next: string | null }> {
  const limit = clampLimit(query.limit);
  let q = filterIncidents(dialect, rows, query);
  const words = queryWords(query.text ?? "");
  if (words.length > 0) q = q.where(await searchCondition(db, dialect.search, "incidents.id", words));
  if (query.before) q = olderThan(q, decodeIncidentCursor(query.before));
  const found = await q
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const pageRows = found.slice(0, limit);
  const last = pageRows.at(-1);
  const next =
    found.length > limit && last ? encodeIncidentCursor({ startedAt: last.started_at, id: last.id }) : null;
  return { rows: pageRows, next };
}

/** Across vendors and without updates: one query however many vendors there are. */
async function listIncidentSummaries(
  db: Kysely<Database>,
  dialect: SqlDialect,
  since: Iso,
): Promise<IncidentSummary[]> {
  const rows = await filterIncidents(dialect, db.selectFrom("incidents").selectAll(), { since })
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toIncidentSummary);
}

async function listFirstIncidentStarts(db: Kysely<Database>): Promise<Map<string, Iso>> {
  const rows = await db
    .selectFrom("incidents")
    .select(["vendor", (eb) => eb.fn.min("started_at").as("first")])
    .groupBy("vendor")
    .execute();
  return new Map(rows.map((r) => [r.vendor, r.first]));
}

function filterIncidents(
  dialect: SqlDialect,
  q: IncidentRows,
  query: Omit<AllIncidentQuery, "limit" | "before" | "text">,
) {
  const { vendors, category, componentName, impacts } = query;
  if (vendors) q = vendors.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where("vendor", "in", vendors);
  if (category)
    q = q.where("vendor", "in", (eb) =>
      eb.selectFrom("vendors").select("slug").where("category", "=", category),
    );
  if (impacts) q = impacts.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where("impact", "in", impacts);
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
  if (query.component) q = affects(q, "id", query.component);
  if (componentName) q = affects(q, "name", componentName);
  return q;
}

/** Incidents whose affected components include one with this id or name (exactly). */
function affects(q: IncidentRows, key: "id" | "name", value: string): IncidentRows {
  // affected_components is JSON.stringify output: a pair `"id":"<id>"` can only appear as a key and
  // its value (quotes inside strings are escaped). replace() is case-sensitive and has no wildcards
  // in both databases, unlike LIKE.
  const pair = `"${key}":${JSON.stringify(value)}`;
  return q.where((eb) =>
    eb(
      eb.fn<string>("replace", ["affected_components", eb.val(pair), eb.val("")]),
      "<>",
      eb.ref("affected_components"),
    ),
  );
}

/** Attaches updates (by time, then id) to incident rows with one query per chunk, keeping row order. */
export async function withUpdates(
  db: Kysely<Database>,
  rows: Selectable<IncidentTable>[],
): Promise<Incident[]> {
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
