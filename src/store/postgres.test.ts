// Runs the store contract on PostgreSQL. Each store lives in its own fresh schema, dropped on close,
// so test files running in parallel never see each other's rows.
import { describe, expect, it } from "vitest";
import { expectIndexed, writeIncidentsToIndex } from "../../test/helpers/search-backfill.ts";
import { STORE_CONTRACTS } from "../../test/store-contracts/index.ts";
import {
  dropSchema,
  freshSchema,
  openIsolatedPgStore,
  pgQuery,
  pgReachable,
  pgRun,
  pgUrl,
} from "../../test/helpers/postgres.ts";
import { Kysely } from "kysely";
import pg from "pg";
import { openStore } from "./open-store.ts";
import { OwnSchemaPostgresDialect } from "./pg-own-schema.ts";
import { openPostgresStore } from "./postgres.ts";

describe("openStore on a PostgreSQL it cannot open", () => {
  it("says which database, never its password, in one line", async () => {
    const error = await openStore("postgres://app:hunter2@127.0.0.1:1/pingoru").catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network" });
    expect((error as Error).message).toMatch(
      /^cannot open PostgreSQL database postgres:\/\/app:<secret>@127\.0\.0\.1:1\/pingoru: .*ECONNREFUSED/,
    );
    expect((error as Error).message).not.toContain("hunter2");
  });
});

describe.runIf(pgRun)("PostgreSQL", () => {
  it("is reachable at the configured URL", () => {
    expect(pgReachable, `cannot connect to ${pgUrl}`).toBe(true);
  });

  for (const contract of STORE_CONTRACTS) contract("PostgreSQL", openIsolatedPgStore);

  it("openStore selects PostgreSQL for postgres:// URLs and migrates idempotently", async () => {
    const schema = freshSchema();
    await pgQuery(`create schema "${schema}"`);
    try {
      const withSchema = `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const first = await openStore(withSchema.replace(/^postgres:/, "postgresql:"));
      await first.addVendor(
        { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
        "2026-08-01T10:00:00.000Z",
      );
      await first.close();
      const second = await openStore(withSchema);
      expect((await second.getVendor("acme"))?.name).toBe("Acme");
      await second.close();
      const applied = await pgQuery(`select name from "${schema}".kysely_migration`);
      expect(applied.rows).toEqual([
        { name: "0001-initial" },
        { name: "0002-notifications" },
        { name: "0003-vendor-pause" },
        { name: "0004-update-time-index" },
        { name: "0005-vendor-category" },
        { name: "0006-vendor-platform-options" },
        { name: "0007-vendor-source-guards" },
        { name: "0008-lease-holders" },
        { name: "0009-postmortems" },
        { name: "0010-revisions" },
        { name: "0011-listed-components" },
        { name: "0012-calendar-revisions" },
        { name: "0013-push-hints" },
        { name: "0014-maintenance-options" },
        { name: "0015-partial-outage-weight" },
        { name: "0016-sla-targets" },
        { name: "0017-incident-indexes" },
        { name: "0018-incident-search" },
        { name: "0019-component-change-index" },
        { name: "0020-delivery-messages" },
        { name: "0021-vendor-poller" },
      ]);
    } finally {
      await dropSchema(schema)();
    }
  });

  it("0018 indexes the incidents stored before it", async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(pgUrl, { schema });
    await writeIncidentsToIndex(store);
    await store.close();
    await pgQuery(`drop table "${schema}".incident_search;
      delete from "${schema}".kysely_migration where name = '0018-incident-search'`);
    const again = await openPostgresStore(pgUrl, { schema, onClose: dropSchema(schema) });
    try {
      await expectIndexed(again);
    } finally {
      await again.close();
    }
  });

  it("introspects only its own schema (the migrator's question), whatever other schemas hold", async () => {
    const [own, other] = [freshSchema(), freshSchema()];
    await pgQuery(
      `create schema "${own}"; create table "${own}".mine (id int); create view "${own}".seen as select 1 as one`,
    );
    await pgQuery(`create schema "${other}"; create table "${other}".theirs (id int)`);
    const pool = new pg.Pool({ connectionString: pgUrl, options: `-c search_path="${own}"` });
    const db = new Kysely<unknown>({ dialect: new OwnSchemaPostgresDialect({ pool }) });
    try {
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => [t.schema, t.name, t.isView])).toEqual([
        [own, "mine", false],
        [own, "seen", true],
      ]);
      expect((await db.introspection.getSchemas()).map((s) => s.name)).toContain(other);
    } finally {
      await db.destroy();
      await dropSchema(own)();
      await dropSchema(other)();
    }
  });

  it("lets two stores claim from the same schema without sharing a vendor", async () => {
    const schema = freshSchema();
    const a = await openPostgresStore(pgUrl, { schema, onClose: dropSchema(schema) });
    const b = await openPostgresStore(pgUrl, { schema });
    try {
      const slugs = Array.from({ length: 30 }, (_, i) => `v${String(i).padStart(2, "0")}`);
      for (const slug of slugs)
        await a.addVendor(
          { slug, name: slug, url: "https://x.example", platform: "feed" },
          "2026-08-01T10:00:00.000Z",
        );
      const claims = Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).claimDueVendors("2026-08-01T10:01:00.000Z", "2026-08-01T11:00:00.000Z", 4),
      );
      const claimed = (await Promise.all(claims)).flat().map((v) => v.slug);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(slugs);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
