// The LeaseStore on Kysely.
import type { Kysely } from "kysely";
import type { LeaseStore } from "./lease-store.ts";
import type { Database } from "./schema.ts";

export function sqlLeaseStore(db: Kysely<Database>): LeaseStore {
  return {
    async leaseHolders() {
      const rows = await db
        .selectFrom("vendors")
        .select("leased_by")
        .where("leased_by", "is not", null)
        .union(
          db
            .selectFrom("deliveries")
            .select("leased_by")
            .where("leased_by", "is not", null)
            .where("status", "=", "pending"),
        )
        .execute();
      return rows.map((row) => row.leased_by!).sort();
    },
    async releaseLeases(workers, now) {
      if (workers.length === 0) return { vendors: 0, deliveries: 0 };
      return db.transaction().execute(async (trx) => {
        const vendors = await trx
          .updateTable("vendors")
          .set((eb) => ({
            next_poll_at: eb
              .case()
              .when("next_poll_at", ">", now)
              .then(now)
              .else(eb.ref("next_poll_at"))
              .end(),
            leased_by: null,
          }))
          .where("leased_by", "in", workers)
          .executeTakeFirst();
        // Their vendors are anyone's at once, not only once overdue.
        await trx.updateTable("vendors").set({ polled_by: null }).where("polled_by", "in", workers).execute();
        const deliveries = await trx
          .updateTable("deliveries")
          .set({ next_attempt_at: now, leased_by: null })
          .where("leased_by", "in", workers)
          .where("status", "=", "pending")
          .executeTakeFirst();
        return { vendors: Number(vendors.numUpdatedRows), deliveries: Number(deliveries.numUpdatedRows) };
      });
    },
  };
}
