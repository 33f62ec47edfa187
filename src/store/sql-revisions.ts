// The RevisionStore on Kysely, and the poll's write of revisions (inside its transaction), capped per
// incident (or component): the first MAX_REVISIONS_PER_SUBJECT are kept, the original among them.
import type { Kysely, Selectable, Transaction } from "kysely";
import {
  MAX_REVISIONS_PER_SUBJECT,
  withinCap,
  type Revision,
  type RevisionField,
} from "../domain/revisions.ts";
import type { Impact } from "../domain/model.ts";
import type { RevisionStore } from "./revision-store.ts";
import type { Database, IncidentRevisionTable } from "./schema.ts";
import { chunk } from "./sql-rows.ts";

const IDS_PER_QUERY = 500;

export function sqlRevisionStore(db: Kysely<Database>): RevisionStore {
  return {
    revisionRoom: (revisions) =>
      revisions.length === 0 ? Promise.resolve(new Map()) : roomLeft(db, revisions),
    async listRevisions(incidentIds) {
      const rows: Selectable<IncidentRevisionTable>[] = [];
      for (const ids of chunk([...new Set(incidentIds)], IDS_PER_QUERY))
        rows.push(
          ...(await db
            .selectFrom("incident_revisions")
            .selectAll()
            .where("incident_id", "in", ids)
            .execute()),
        );
      return rows.sort(bySeq).map(toRevision);
    },
    async listComponentRevisions(vendor, componentIds) {
      if (componentIds.length === 0) return [];
      const rows = await db
        .selectFrom("incident_revisions")
        .selectAll()
        .where("vendor", "=", vendor)
        .where("field", "=", "component_name")
        .where("component_id", "in", [...new Set(componentIds)])
        .orderBy("seq")
        .execute();
      return rows.map(toRevision);
    },
    async listDeletionRevisions(vendor) {
      const rows = await db
        .selectFrom("incident_revisions")
        .selectAll()
        .where("vendor", "=", vendor)
        .where("field", "=", "deleted_by_vendor")
        .orderBy("seq")
        .execute();
      return rows.map(toRevision);
    },
    async listIncidentsStartedSince(vendor, since) {
      const rows = await db
        .selectFrom("incidents")
        .select(["id", "vendor_incident_id", "title", "impact"])
        .where("vendor", "=", vendor)
        .where("kind", "=", "incident")
        .where("started_at", ">=", since)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        vendorIncidentId: r.vendor_incident_id,
        title: r.title,
        impact: r.impact as Impact,
      }));
    },
  };
}

/** Inserts the poll's revisions, each once, keeping at most MAX_REVISIONS_PER_SUBJECT per subject. */
export async function insertRevisions(
  trx: Transaction<Database>,
  revisions: readonly Revision[],
): Promise<void> {
  if (revisions.length === 0) return;
  const kept = withinCap(revisions, await roomLeft(trx, revisions));
  for (const part of chunk(kept.map(fromRevision), 200))
    await trx
      .insertInto("incident_revisions")
      .values(part)
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
}

async function roomLeft(trx: Kysely<Database>, revisions: readonly Revision[]): Promise<Map<string, number>> {
  const room = new Map<string, number>();
  const incidents = [...new Set(revisions.flatMap((r) => (r.incidentId === null ? [] : [r.incidentId])))];
  for (const ids of chunk(incidents, IDS_PER_QUERY)) {
    const counts = await trx
      .selectFrom("incident_revisions")
      .select(["incident_id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("incident_id", "in", ids)
      .groupBy("incident_id")
      .execute();
    for (const c of counts) room.set(c.incident_id!, MAX_REVISIONS_PER_SUBJECT - Number(c.n));
  }
  const vendor = revisions[0]!.vendor;
  const components = [...new Set(revisions.flatMap((r) => (r.incidentId === null ? [r.componentId!] : [])))];
  for (const ids of chunk(components, IDS_PER_QUERY)) {
    const counts = await trx
      .selectFrom("incident_revisions")
      .select(["component_id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("vendor", "=", vendor)
      .where("incident_id", "is", null)
      .where("component_id", "in", ids)
      .groupBy("component_id")
      .execute();
    for (const c of counts) room.set(`component:${c.component_id}`, MAX_REVISIONS_PER_SUBJECT - Number(c.n));
  }
  return room;
}

function bySeq(a: Selectable<IncidentRevisionTable>, b: Selectable<IncidentRevisionTable>): number {
  return Number(a.seq) - Number(b.seq);
}

function toRevision(row: Selectable<IncidentRevisionTable>): Revision {
  return {
    id: row.id,
    vendor: row.vendor,
    incidentId: row.incident_id,
    updateId: row.update_id,
    componentId: row.component_id,
    field: row.field as RevisionField,
    oldValue: row.old_value,
    newValue: row.new_value,
    seenAt: row.seen_at,
  };
}

function fromRevision(r: Revision) {
  return {
    id: r.id,
    vendor: r.vendor,
    incident_id: r.incidentId,
    update_id: r.updateId,
    component_id: r.componentId,
    field: r.field,
    old_value: r.oldValue,
    new_value: r.newValue,
    seen_at: r.seenAt,
  };
}
