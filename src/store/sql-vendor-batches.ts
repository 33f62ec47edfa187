// Vendor rows written for many vendors in one transaction, outside a poll's record: polls that found
// nothing new (the hot path), and claims moved. Hand-written SQL, compiled once per dialect, so a
// busy poller spends no time building it.
import { CompiledQuery, type Kysely } from "kysely";
import type { SqlDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";
import type { MovedClaim, QuietPoll } from "./vendor-store.ts";

export function markPolledFor(db: Kysely<Database>, dialect: SqlDialect) {
  const p = (n: number) => dialect.param(n);
  // A push hint that came while the vendor was leased (hinted_at) makes it due at once.
  const text =
    `update vendors set last_polled_at = ${p(1)}, last_ok_at = ${p(2)}, stale = 0, failures = 0, ` +
    `last_error = null, baseline_at = coalesce(baseline_at, ${p(3)}), ` +
    `next_poll_at = case when hinted_at is null then ${p(4)} else ${p(5)} end, hinted_at = null, leased_by = null ` +
    `where slug = ${p(6)}`;
  return async (polls: readonly QuietPoll[]): Promise<void> => {
    if (polls.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const { vendor, polledAt, nextPollAt } of polls)
        await trx.executeQuery(
          CompiledQuery.raw(text, [polledAt, polledAt, polledAt, nextPollAt, polledAt, vendor]),
        );
    });
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
