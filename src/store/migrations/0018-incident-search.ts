// The full-text index of incidents (issue 11): `q` and search were a LIKE scan of every title and
// update. The index is the dialect's (sql-search-index.ts); it is filled here with every incident
// already stored, a page at a time, and from then on by each write of an incident.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import { DIALECTS } from "../dialect.ts";
import type { SqlDialectName } from "../schema.ts";
import { documentWords } from "../search-words.ts";

interface Rows {
  incidents: { id: string; title: string };
  incident_updates: { incident_id: string; message: string };
}

const PAGE = 500;

export function incidentSearchMigration(dialect: SqlDialectName): Migration {
  const index = DIALECTS[dialect].search;
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      await index.create(untyped);
      const db = untyped as Kysely<Rows>;
      let after = "";
      for (;;) {
        const incidents = await db
          .selectFrom("incidents")
          .select(["id", "title"])
          .where("id", ">", after)
          .orderBy("id")
          .limit(PAGE)
          .execute();
        if (incidents.length === 0) return;
        const updates = await db
          .selectFrom("incident_updates")
          .select(["incident_id", "message"])
          .where(
            "incident_id",
            "in",
            incidents.map((i) => i.id),
          )
          .execute();
        const messages = Map.groupBy(updates, (u) => u.incident_id);
        const documents = incidents.map((i) => ({
          incidentId: i.id,
          words: documentWords(
            i.title,
            (messages.get(i.id) ?? []).map((u) => u.message),
          ),
        }));
        await index.write(untyped, documents);
        after = incidents.at(-1)!.id;
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await index.drop(db);
    },
  };
}
