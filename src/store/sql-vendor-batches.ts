// Vendor rows written for many vendors in one transaction, outside a poll's record: polls that found
// nothing new (the hot path), and claims moved. Hand-written SQL, compiled once per dialect, so a
// busy poller spends no time building it.
import { CompiledQuery, type Kysely } from "kysely";
import type { SqlDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";
import type { MovedClaim, QuietPoll } from "./vendor-store.ts";

/** A vendor twice in a batch is written once, as its last poll. */
export function markPolledFor(db: Kysely<Database>, dialect: SqlDialect) {
  const write = dialect.name === "postgres" ? markPolledAtOnce(db) : markPolledEach(db, dialect);
  return (polls: readonly QuietPoll[]): Promise<void> =>
    write([...new Map(polls.map((poll) => [poll.vendor, poll])).values()]);
}

/**
 * The columns a quiet poll sets, given the SQL of its polled_at, next_poll_at and hand-off values. A
 * push hint that came while the vendor was leased (hinted_at) makes it due at once. The lease's holder
 * becomes the vendor's poller, unless it hands the vendor off.
 */
const polledSet = (polledAt: string, nextPollAt: string, handOff: string) =>
  `last_polled_at = ${polledAt}, last_ok_at = ${polledAt}, stale = 0, failures = 0, last_error = null, ` +
  `baseline_at = coalesce(baseline_at, ${polledAt}), ` +
  `next_poll_at = case when hinted_at is null then ${nextPollAt} else ${polledAt} end, ` +
  `hinted_at = null, polled_by = case when ${handOff} = 1 then null else coalesce(leased_by, polled_by) end, ` +
  "leased_by = null";

/** SQLite is in the process: a statement a vendor, prepared once, in one transaction, costs little. */
function markPolledEach(db: Kysely<Database>, dialect: SqlDialect) {
  const p = (n: number) => dialect.param(n);
  const text =
    `update vendors set ${polledSet(p(1), p(2), p(4))} ` +
    `where slug = ${p(3)} and (${p(5)} is null or next_poll_at = ${p(5)})`;
  return async (polls: readonly QuietPoll[]): Promise<void> => {
    if (polls.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const { vendor, polledAt, nextPollAt, handOff, leaseUntil } of polls) {
        const values = [polledAt, nextPollAt, vendor, handOff ? 1 : 0, leaseUntil ?? null];
        await trx.executeQuery(CompiledQuery.raw(text, values));
      }
    });
  };
}

/**
 * PostgreSQL is a round trip away: the whole batch is one statement, its rows passed as three arrays
 * (one text whatever the batch's size).
 */
function markPolledAtOnce(db: Kysely<Database>) {
  const text =
    `update vendors set ${polledSet("d.polled_at", "d.next_poll_at", "d.hand_off")} ` +
    "from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) " +
    "as d(slug, polled_at, next_poll_at, hand_off, lease_until) " +
    "where vendors.slug = d.slug and (d.lease_until is null or vendors.next_poll_at = d.lease_until)";
  return async (polls: readonly QuietPoll[]): Promise<void> => {
    if (polls.length === 0) return;
    const column = <T>(pick: (poll: QuietPoll) => T) => polls.map(pick);
    await db.executeQuery(
      CompiledQuery.raw(text, [
        column((p) => p.vendor),
        column((p) => p.polledAt),
        column((p) => p.nextPollAt),
        column((p) => (p.handOff ? 1 : 0)),
        column((p) => p.leaseUntil ?? null),
      ]),
    );
  };
}

/** Claims moved (given back, or renewed) where the lease is still the one given. */
export function moveClaimsFor(db: Kysely<Database>, dialect: SqlDialect) {
  const p = (n: number) => dialect.param(n);
  const text = `update vendors set next_poll_at = ${p(1)} where slug = ${p(2)} and next_poll_at = ${p(3)}`;
  return async (claims: readonly MovedClaim[]): Promise<string[]> => {
    if (claims.length === 0) return [];
    return db.transaction().execute(async (trx) => {
      const moved: string[] = [];
      for (const { vendor, leaseUntil, to } of claims) {
        const result = await trx.executeQuery(CompiledQuery.raw(text, [to, vendor, leaseUntil]));
        if ((result.numAffectedRows ?? 0n) > 0n) moved.push(vendor);
      }
      return moved;
    });
  };
}
