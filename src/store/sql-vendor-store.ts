// The VendorStore on Kysely: vendor rows added, upserted, read, removed, paused and leased.
import type { Insertable, Kysely } from "kysely";
import { INCIDENT_STATUSES, isClosedStatus, type Iso } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import type { SqlDialect } from "./dialect.ts";
import { markPolledFor, moveClaimsFor } from "./sql-vendor-batches.ts";
import type { Database, VendorTable } from "./schema.ts";
import { toVendor } from "./sql-rows.ts";
import type { NewVendor, Vendor } from "../domain/vendor.ts";
import type { ClaimedVendor, VendorStore } from "./vendor-store.ts";

export function sqlVendorStore(db: Kysely<Database>, dialect: SqlDialect): VendorStore {
  return {
    addVendor: (vendor, now) => addVendor(db, vendor, now),
    upsertVendor: (vendor, now) => upsertVendor(db, vendor, now),
    getVendor: (slug) => getVendor(db, slug),
    listVendors: () => listVendors(db),
    removeVendor: (slug) => removeVendor(db, slug),
    getVendorVersion: (slug) => getVendorVersion(db, slug),
    setVendorPaused: (slug, paused) => setVendorPaused(db, slug, paused),
    resetBreaker: (slug, now) => resetBreaker(db, slug, now),
    claimDueVendors: (now, leaseUntil, limit, worker, othersDueBy) =>
      claimDueVendors(db, dialect, { now, leaseUntil, limit, worker: worker ?? null, othersDueBy }),
    markPolled: markPolledFor(db, dialect),
    moveClaims: moveClaimsFor(db, dialect),
    rescheduleAfterClockStep: async (now, polledAfter = now) => {
      const result = await db
        .updateTable("vendors")
        .set({ next_poll_at: now })
        .where("last_polled_at", ">", polledAfter)
        .where("next_poll_at", ">", now)
        .where("leased_by", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** Vendors with their count of open incidents (maintenances excluded). Exported for its query plan test. */
export function selectVendors(db: Kysely<Database>) {
  return db
    .selectFrom("vendors")
    .selectAll("vendors")
    .select((eb) =>
      eb
        .selectFrom("incidents")
        .select(eb.fn.countAll().as("n"))
        .whereRef("incidents.vendor", "=", "vendors.slug")
        .where("incidents.kind", "=", "incident")
        // Open as model.ts isOpenIncident: no resolved time, and not closed either.
        .where("incidents.resolved_at", "is", null)
        .where("incidents.status", "not in", INCIDENT_STATUSES.filter(isClosedStatus))
        .as("open_incidents"),
    );
}

async function getVendor(db: Kysely<Database>, slug: string): Promise<Vendor | null> {
  const row = await selectVendors(db).where("vendors.slug", "=", slug).executeTakeFirst();
  return row === undefined ? null : toVendor(row);
}

async function listVendors(db: Kysely<Database>): Promise<Vendor[]> {
  const rows = await selectVendors(db).orderBy("vendors.slug").execute();
  return rows.map(toVendor);
}

/**
 * The fields the user owns. An empty name means "none given": the slug stands in until a poll
 * brings the page's own name (see savePoll), and a later user name replaces it for good. No name at
 * all on an update keeps the stored one as it is (the page's or the user's).
 */
function userFields(v: NewVendor) {
  const name = v.name?.trim();
  return {
    ...(name === undefined ? {} : name === "" ? { name_auto: 1 } : { name, name_auto: 0 }),
    url: v.url,
    platform: v.platform,
    feed_url: v.feedUrl ?? null,
    interval_seconds: v.intervalSeconds ?? null,
    watched_components: v.watchedComponents == null ? null : JSON.stringify(v.watchedComponents),
    platform_options: v.platformOptions == null ? null : JSON.stringify(v.platformOptions),
    ...(v.category === undefined ? {} : { category: v.category }),
  };
}

function newRow(v: NewVendor, now: Iso): Insertable<VendorTable> {
  return {
    name: v.slug,
    name_auto: 1,
    ...userFields(v),
    slug: v.slug,
    created_at: now,
    baseline_at: null,
    last_polled_at: null,
    last_ok_at: null,
    stale: 0,
    last_error: null,
    failures: 0,
    next_poll_at: now, // due at once
    category: v.category ?? null,
    unstable_ids_at: null,
    notifications_held: null,
    breaker_reset_at: null,
  };
}

async function addVendor(db: Kysely<Database>, v: NewVendor, now: Iso): Promise<Vendor> {
  const inserted = await db
    .insertInto("vendors")
    .values(newRow(v, now))
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("slug")
    .executeTakeFirst();
  if (inserted === undefined) throw new PingoruError("conflict", `vendor "${v.slug}" already exists`);
  return mustGet(db, v.slug);
}

async function upsertVendor(db: Kysely<Database>, v: NewVendor, now: Iso): Promise<Vendor> {
  await db
    .insertInto("vendors")
    .values(newRow(v, now))
    .onConflict((oc) => oc.column("slug").doUpdateSet(userFields(v)))
    .execute();
  return mustGet(db, v.slug);
}

async function mustGet(db: Kysely<Database>, slug: string): Promise<Vendor> {
  const vendor = await getVendor(db, slug);
  if (vendor === null) throw new PingoruError("not_found", `vendor "${slug}" vanished while being saved`);
  return vendor;
}

async function resetBreaker(db: Kysely<Database>, slug: string, now: Iso): Promise<boolean> {
  const result = await db
    .updateTable("vendors")
    .set({ notifications_held: null, breaker_reset_at: now })
    .where("slug", "=", slug)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the vendor; its components, incidents, updates and events go with it (ON DELETE CASCADE). */
async function removeVendor(db: Kysely<Database>, slug: string): Promise<boolean> {
  const result = await db.deleteFrom("vendors").where("slug", "=", slug).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

interface Claim {
  now: Iso;
  leaseUntil: Iso;
  limit: number;
  worker: string | null;
  othersDueBy: Iso | undefined;
}

/**
 * Leases the most overdue vendors in one transaction: read the due rows with their due times (the
 * dialect locks them where concurrent workers could otherwise lease the same vendor: PostgreSQL skips
 * rows another worker holds; SQLite's transaction already holds the only write lock), then move their
 * next_poll_at to the lease's end. Returned by slug, each with the time it was due.
 */
async function claimDueVendors(
  db: Kysely<Database>,
  dialect: SqlDialect,
  { now, leaseUntil, limit, worker, othersDueBy }: Claim,
): Promise<ClaimedVendor[]> {
  if (limit < 1) return [];
  const due = await db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom("vendors")
      .select(["slug", "next_poll_at"])
      .where("next_poll_at", "<=", now)
      .where("paused", "=", 0);
    if (worker !== null && othersDueBy !== undefined && othersDueBy < now)
      query = query.where((eb) =>
        eb.or([
          eb("polled_by", "is", null),
          eb("polled_by", "=", worker),
          eb("next_poll_at", "<=", othersDueBy),
        ]),
      );
    const rows = await dialect
      .lockForClaim(query.orderBy("next_poll_at").orderBy("slug").limit(Math.trunc(limit)))
      .execute();
    if (rows.length === 0) return rows;
    const slugs = rows.map((r) => r.slug);
    await trx
      .updateTable("vendors")
      .set({ next_poll_at: leaseUntil, leased_by: worker })
      .where("slug", "in", slugs)
      .execute();
    return rows;
  });
  if (due.length === 0) return [];
  const dueAt = new Map(due.map((r) => [r.slug, r.next_poll_at]));
  const rows = await selectVendors(db)
    .where(
      "vendors.slug",
      "in",
      due.map((r) => r.slug),
    )
    .orderBy("vendors.slug")
    .execute();
  return rows.map((row) => ({ ...toVendor(row), dueAt: dueAt.get(row.slug)! }));
}

/** The vendor row as text, without the open-incident count (that query is the costly part of getVendor). */
async function getVendorVersion(db: Kysely<Database>, slug: string): Promise<string | null> {
  const row = await db.selectFrom("vendors").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row === undefined ? null : JSON.stringify(row);
}

/** Pauses (no more polls) or resumes a vendor. False when there is no such vendor. */
async function setVendorPaused(db: Kysely<Database>, slug: string, paused: boolean): Promise<boolean> {
  const result = await db
    .updateTable("vendors")
    .set({ paused: paused ? 1 : 0 })
    .where("slug", "=", slug)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
