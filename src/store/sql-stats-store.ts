// The StatsStore on Kysely: one grouped read of incident_updates (keyed by incident) per batch of ids.
import type { Kysely } from "kysely";
import { PingoruError } from "../lib/errors.ts";
import type { Database } from "./schema.ts";
import { FIRST_UPDATES_BATCH, type StatsStore } from "./stats-store.ts";

export function sqlStatsStore(db: Kysely<Database>): StatsStore {
  return {
    async listFirstUpdateTimes(incidentIds) {
      if (incidentIds.length > FIRST_UPDATES_BATCH)
        throw new PingoruError("input", `at most ${FIRST_UPDATES_BATCH} incident ids at once`);
      if (incidentIds.length === 0) return new Map();
      const rows = await db
        .selectFrom("incident_updates")
        .select(["incident_id", (eb) => eb.fn.min<string>("at").as("first_at")])
        .where("incident_id", "in", [...incidentIds])
        .groupBy("incident_id")
        .execute();
      return new Map(rows.map((r) => [r.incident_id, r.first_at]));
    },
  };
}
