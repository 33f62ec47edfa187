// Vendor rows: add, upsert, read, remove and the scheduler's lease.
import type { Insertable, Kysely } from "kysely";
import type { Iso } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Database, SqlDialectName, VendorTable } from "./schema.ts";
import { toVendor } from "./sql-rows.ts";
import type { NewVendor, Vendor } from "./store.ts";

/** Vendors with their count of open incidents (maintenances excluded). */
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
        .where("incidents.resolved_at", "is", null)
        .where("incidents.status", "not in", ["resolved", "postmortem"])
        .as("open_incidents"),
    );
}

export async function getVendor(db: Kysely<Database>, slug: string): Promise<Vendor | null> {
  const row = await selectVendors(db).where("vendors.slug", "=", slug).executeTakeFirst();
  return row === undefined ? null : toVendor(row);
}

export async function listVendors(db: Kysely<Database>): Promise<Vendor[]> {
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
  };
}

export async function addVendor(db: Kysely<Database>, v: NewVendor, now: Iso): Promise<Vendor> {
  const inserted = await db
    .insertInto("vendors")
    .values(newRow(v, now))
    .onConflict((oc) => oc.column("slug").doNothing())
    .returning("slug")
    .executeTakeFirst();
  if (inserted === undefined) throw new PingoruError("conflict", `vendor "${v.slug}" already exists`);
  return mustGet(db, v.slug);
}

export async function upsertVendor(db: Kysely<Database>, v: NewVendor, now: Iso): Promise<Vendor> {
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

/** Deletes the vendor; its components, incidents, updates and events go with it (ON DELETE CASCADE). */
export async function removeVendor(db: Kysely<Database>, slug: string): Promise<boolean> {
  const result = await db.deleteFrom("vendors").where("slug", "=", slug).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * One UPDATE leases the most overdue vendors. On PostgreSQL the inner SELECT locks its rows and
 * skips rows another worker holds, so concurrent workers never lease the same vendor; SQLite runs
 * one writer at a time, so the single statement is already atomic there. Returned by slug.
 */
export async function claimDueVendors(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  now: Iso,
  leaseUntil: Iso,
  limit: number,
): Promise<Vendor[]> {
  if (limit < 1) return [];
  const due = db
    .selectFrom("vendors")
    .select("slug")
    .where("next_poll_at", "<=", now)
    .where("paused", "=", 0)
    .orderBy("next_poll_at")
    .orderBy("slug")
    .limit(Math.trunc(limit));
  const claimed = await db
    .updateTable("vendors")
    .set({ next_poll_at: leaseUntil })
    .where("slug", "in", dialect === "postgres" ? due.forUpdate().skipLocked() : due)
    .returning("slug")
    .execute();
  if (claimed.length === 0) return [];
  const rows = await selectVendors(db)
    .where(
      "vendors.slug",
      "in",
      claimed.map((r) => r.slug),
    )
    .orderBy("vendors.slug")
    .execute();
  return rows.map(toVendor);
}

/** Pauses (no more polls) or resumes a vendor. False when there is no such vendor. */
export async function setVendorPaused(db: Kysely<Database>, slug: string, paused: boolean): Promise<boolean> {
  const result = await db
    .updateTable("vendors")
    .set({ paused: paused ? 1 : 0 })
    .where("slug", "=", slug)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
