// The hot path of a poll that found nothing new: only the vendor row changes, for many vendors in one
// transaction. Hand-written SQL, compiled once per dialect, so a busy poller spends no time building it.
import { CompiledQuery, type Kysely } from "kysely";
import type { SqlDialect } from "./dialect.ts";
import type { Database } from "./schema.ts";
import type { QuietPoll } from "./vendor-store.ts";

export function markPolledFor(db: Kysely<Database>, dialect: SqlDialect) {
  const p = (n: number) => dialect.param(n);
  const text =
    `update vendors set last_polled_at = ${p(1)}, last_ok_at = ${p(2)}, stale = 0, failures = 0, ` +
    `last_error = null, baseline_at = coalesce(baseline_at, ${p(3)}), next_poll_at = ${p(4)} ` +
    `where slug = ${p(5)}`;
  return async (polls: readonly QuietPoll[]): Promise<void> => {
    if (polls.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const { vendor, polledAt, nextPollAt } of polls)
        await trx.executeQuery(CompiledQuery.raw(text, [polledAt, polledAt, polledAt, nextPollAt, vendor]));
    });
  };
}
