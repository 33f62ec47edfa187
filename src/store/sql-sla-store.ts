// The SlaStore on Kysely.
import type { Kysely } from "kysely";
import type { CreditBand } from "../domain/sla.ts";
import type { Database } from "./schema.ts";
import type { SlaStore } from "./sla-store.ts";

export function sqlSlaStore(db: Kysely<Database>): SlaStore {
  const hasVendor = async (slug: string) =>
    (await db.selectFrom("vendors").select("slug").where("slug", "=", slug).executeTakeFirst()) !== undefined;
  return {
    async listSlas() {
      const rows = await db
        .selectFrom("sla_targets")
        .selectAll()
        .orderBy("vendor")
        .orderBy("component")
        .execute();
      return rows.map((r) => ({
        vendor: r.vendor,
        component: r.component === "" ? null : r.component,
        targetPercent: Number(r.target_percent),
        credits: JSON.parse(r.credits) as CreditBand[],
        claimDays: r.claim_days,
      }));
    },

    async setSla(target) {
      if (!(await hasVendor(target.vendor))) return false;
      const values = {
        target_percent: target.targetPercent,
        credits: JSON.stringify(target.credits),
        claim_days: target.claimDays,
      };
      await db
        .insertInto("sla_targets")
        .values({ vendor: target.vendor, component: target.component ?? "", ...values })
        .onConflict((oc) => oc.columns(["vendor", "component"]).doUpdateSet(values))
        .execute();
      return true;
    },

    async removeSla(vendor, component) {
      const result = await db
        .deleteFrom("sla_targets")
        .where("vendor", "=", vendor)
        .where("component", "=", component ?? "")
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async partialOutageWeight(slug) {
      const row = await db
        .selectFrom("vendors")
        .select("partial_outage_weight")
        .where("slug", "=", slug)
        .executeTakeFirst();
      return row?.partial_outage_weight == null ? null : Number(row.partial_outage_weight);
    },

    async setPartialOutageWeight(slug, weight) {
      const result = await db
        .updateTable("vendors")
        .set({ partial_outage_weight: weight })
        .where("slug", "=", slug)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
