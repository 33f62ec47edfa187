// Components an incident names only as operational are not affected (issue 16): they move out of
// affected_components into their own column. Rows written before keep them mixed in, so they are
// split here once: an incident no longer on its vendor's page is never rebuilt by a poll.
import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";

interface Rows {
  incidents: { id: string; affected_components: string; listed_components: string };
}
type Entry = { id: string | null; name: string; worstStatus: string };

export function listedComponentsMigration(): Migration {
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as Kysely<Rows>;
      await db.schema
        .alterTable("incidents")
        .addColumn("listed_components", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
      const rows = await db
        .selectFrom("incidents")
        .select(["id", "affected_components"])
        .where("affected_components", "like", '%"worstStatus":"operational"%')
        .execute();
      for (const row of rows) {
        const all = JSON.parse(row.affected_components) as Entry[];
        const listed = all
          .filter((c) => c.worstStatus === "operational")
          .map(({ id, name }) => ({ id, name }));
        await db
          .updateTable("incidents")
          .set({
            affected_components: JSON.stringify(all.filter((c) => c.worstStatus !== "operational")),
            listed_components: JSON.stringify(listed),
          })
          .where("id", "=", row.id)
          .execute();
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("incidents").dropColumn("listed_components").execute();
    },
  };
}
