// The HintStore on Kysely.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { HintStore } from "./hint-store.ts";
import type { Database } from "./schema.ts";

export function sqlHintStore(db: Kysely<Database>): HintStore {
  return {
    async hintToken(slug) {
      // Set only where none is: two processes asking at once agree on the first one written.
      await db
        .updateTable("vendors")
        .set({ hint_token: randomBytes(24).toString("base64url") })
        .where("slug", "=", slug)
        .where("hint_token", "is", null)
        .execute();
      const row = await db
        .selectFrom("vendors")
        .select("hint_token")
        .where("slug", "=", slug)
        .executeTakeFirst();
      return row?.hint_token ?? null;
    },

    async hintVendor(slug, token, now) {
      const row = await db
        .selectFrom("vendors")
        .select("hint_token")
        .where("slug", "=", slug)
        .executeTakeFirst();
      if (!row?.hint_token || !sameSecret(row.hint_token, token)) return false;
      const result = await db
        .updateTable("vendors")
        .set({
          next_poll_at: sql<string>`case when leased_by is null and next_poll_at > ${now} then ${now} else next_poll_at end`,
          hinted_at: sql<string | null>`case when leased_by is null then hinted_at else ${now} end`,
          last_hint_at: now,
        })
        .where("slug", "=", slug)
        .where("hint_token", "=", row.hint_token)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
