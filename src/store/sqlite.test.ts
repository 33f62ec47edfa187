import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DatabaseSync } from "node:sqlite";
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { expectIndexed, writeIncidentsToIndex } from "../../test/helpers/search-backfill.ts";
import { STORE_CONTRACTS } from "../../test/store-contracts/index.ts";
import { sqliteDialect } from "./dialect.ts";
import { isPostgresUrl, openStore } from "./open-store.ts";
import type { Database } from "./schema.ts";
import { createStatementCache, openSqliteStore } from "./sqlite.ts";
import { selectVendors } from "./sql-vendor-store.ts";
import { olderThan } from "./sql-record-store.ts";
import { componentChangeQueries } from "./sql-event-store.ts";

const execFileAsync = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "pingoru-sqlite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const tempFile = () => join(root, `store-${++counter}.db`);

// The file contract's stores open copies of one new, migrated database: migrating a new file was most
// of each of those tests' time. Opening a copy still runs the migrator (with nothing left to do); a
// new file created and migrated is tested below.
let template: Promise<string> | undefined;
async function openMigratedCopy() {
  template ??= openSqliteStore(join(root, "template.db")).then(async (store) => {
    await store.close(); // its write-ahead log checkpointed into the file and removed
    return join(root, "template.db");
  });
  const file = tempFile();
  copyFileSync(await template, file);
  return openSqliteStore(file);
}

// Compiles queries for the plan tests (EXPLAIN QUERY PLAN on a migrated file).
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

function explain(file: string, query: string, parameters: readonly unknown[]): string[] {
  const raw = new DatabaseSync(file, { readOnly: true });
  try {
    return raw
      .prepare(`EXPLAIN QUERY PLAN ${query}`)
      .all(...(parameters as string[]))
      .map((row) => String(row.detail));
  } finally {
    raw.close();
  }
}

for (const contract of STORE_CONTRACTS) {
  contract("SQLite file", openMigratedCopy);
  contract("SQLite :memory:", () => openStore(":memory:"));
}

describe("the prepared-statement cache", () => {
  const cacheOf = (bounds: { count: number; chars: number }) => {
    const prepared: string[] = [];
    const cache = createStatementCache((sql) => {
      prepared.push(sql);
      return { sql };
    }, bounds);
    return { cache, prepared };
  };

  it("prepares a text once while it is used, however many others pass through", () => {
    const { cache, prepared } = cacheOf({ count: 8, chars: 1_000 });
    for (let n = 0; n < 100; n++) {
      cache.get(`select ${n}`);
      cache.get("the hot one");
    }
    expect(prepared.filter((sql) => sql === "the hot one")).toHaveLength(1);
    expect(cache.get("the hot one")).toEqual({ sql: "the hot one" });
    expect(cache.size).toBe(8);
  });

  it("holds at most its characters, the least recently used going first; a longer text is not kept", () => {
    const { cache, prepared } = cacheOf({ count: 100, chars: 100 });
    const text = (n: number, length: number) => `${n}`.padEnd(length, "x");
    for (let n = 0; n < 10; n++) cache.get(text(n, 30));
    expect(cache.chars).toBeLessThanOrEqual(100);
    expect(cache.size).toBe(3);
    cache.get(text(7, 30)); // used again: now the most recent
    cache.get(text(10, 30));
    cache.get(text(7, 30));
    expect(prepared.filter((sql) => sql === text(7, 30))).toHaveLength(1);
    const long = text(99, 101);
    cache.get(long);
    cache.get(long);
    expect(prepared.filter((sql) => sql === long)).toHaveLength(2);
    expect(cache.chars).toBeLessThanOrEqual(100);
  });
});

describe("openStore on SQLite", () => {
  it("creates the file and its parent directories, in WAL mode", async () => {
    const file = join(root, "nested", "deeper", "pingoru.db");
    const store = await openStore(file);
    await store.close();
    expect(existsSync(file)).toBe(true);
    const raw = new DatabaseSync(file);
    try {
      expect(raw.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining([
          "channels",
          "components",
          "deliveries",
          "delivery_events",
          "events",
          "incident_updates",
          "incidents",
          "subscriptions",
          "vendors",
        ]),
      );
    } finally {
      raw.close();
    }
  });

  it("runs hundreds of concurrent queries and transactions on its one connection, each whole", async () => {
    const store = await openStore(tempFile());
    try {
      const at = "2026-08-01T10:00:00.000Z";
      const slugs = Array.from({ length: 300 }, (_, i) => `v${i}`);
      await Promise.all(
        slugs.map((slug) =>
          store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at),
        ),
      );
      // Claims are transactions (select, then update): run side by side, none may see another's half.
      const claims = await Promise.all(
        Array.from({ length: 60 }, () =>
          store.claimDueVendors("2100-01-01T00:00:00.000Z", "2100-01-01T00:01:00.000Z", 10),
        ),
      );
      const claimed = claims.flat().map((v) => v.slug);
      expect(claimed).toHaveLength(300);
      expect(new Set(claimed).size).toBe(300);
      expect((await store.listVendors()).map((v) => v.slug).sort()).toEqual([...slugs].sort());
    } finally {
      await store.close();
    }
  });

  it("applies migrations once and keeps the data when opened again", async () => {
    const file = tempFile();
    const first = await openStore(file);
    await first.addVendor(
      { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
      "2026-08-01T10:00:00.000Z",
    );
    await first.close();
    const second = await openStore(file);
    expect((await second.getVendor("acme"))?.name).toBe("Acme");
    await second.close();
    const raw = new DatabaseSync(file);
    const applied = raw.prepare("SELECT name FROM kysely_migration").all();
    raw.close();
    expect(applied).toEqual([
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
  });

  // Every claim reads its vendors this way. With (kind, scheduled_for) to choose from, SQLite counted the
  // open incidents by walking every incident of the kind: the whole table, once per vendor claimed.
  it("counts a vendor's open incidents through the open-incident index, not a walk over one kind", async () => {
    const file = tempFile();
    await (await openStore(file)).close();
    const query = selectVendors(compiler).where("vendors.slug", "in", ["a", "b"]).compile();
    const plan = explain(file, query.sql, query.parameters);
    expect(plan.filter((step) => step.includes(" incidents "))).toEqual([
      "SEARCH incidents USING INDEX incidents_open (vendor=? AND kind=?)",
    ]);
  });

  // Every page of the outage history after the first. With only the OR of the cursor's two cases,
  // SQLite walked the (started_at, id) index from the newest incident down to the cursor on each page.
  it("starts a later page of incidents from the index at its cursor, not from the newest incident", async () => {
    const file = tempFile();
    await (await openStore(file)).close();
    const compiled = olderThan(compiler.selectFrom("incidents").selectAll(), {
      startedAt: "2026-02-01T00:00:00.000Z",
      id: "x",
    })
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(51)
      .compile();
    expect(explain(file, compiled.sql, compiled.parameters)).toEqual([
      "SEARCH incidents USING INDEX incidents_started_at_id (started_at<?)",
    ]);
  });

  // Uptime over a window reads these two instead of every component change the vendor ever had,
  // through 0019's indexes: the window's changes are one range; the vendor's component ids a loose index
  // scan (each the least above the one before), and each one's last change before the window one seek.
  // No step reads all of a vendor's changes.
  it("reads a window's component changes as a range, and the states before it by a seek per component", async () => {
    const file = tempFile();
    await (await openStore(file)).close();
    const { before, within } = componentChangeQueries(
      compiler,
      "acme",
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
    );
    const plan = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const compiled = query.compile();
      return explain(file, compiled.sql, compiled.parameters);
    };
    const index = "SEARCH events USING COVERING INDEX events_component_changes";
    expect(plan(before)).toEqual([
      "SEARCH events USING INTEGER PRIMARY KEY (rowid=?)",
      "LIST SUBQUERY 5",
      "MATERIALIZE changed",
      "SETUP",
      `${index} (vendor=? AND type=?)`, // min(component_id): the first entry
      "RECURSIVE STEP",
      "SCAN changed",
      "CORRELATED SCALAR SUBQUERY 2",
      `${index} (vendor=? AND type=? AND component_id>?)`,
      "SCAN changed",
      "CORRELATED SCALAR SUBQUERY 4",
      `${index} (vendor=? AND type=? AND component_id=? AND at<?)`,
    ]);
    expect(plan(within)).toEqual([
      "SEARCH events USING INDEX events_changes_at (vendor=? AND type=? AND at>? AND at<?)",
    ]);
  });

  it("0018 indexes the incidents stored before it, and the index is what text search reads", async () => {
    const file = tempFile();
    const store = await openStore(file);
    await writeIncidentsToIndex(store);
    await store.close();
    const raw = new DatabaseSync(file);
    raw.exec(`DROP TABLE incident_search_rows; DROP TABLE incident_search;
      DELETE FROM kysely_migration WHERE name = '0018-incident-search';`);
    raw.close();
    const again = await openStore(file);
    try {
      await expectIndexed(again);
    } finally {
      await again.close();
    }
    // The outage history's text search, no update read either way. Many matches: the incidents in index
    // order (no sort of every match), each looked up in the matches. Few: the matches looked up by id.
    const plan = (many: boolean) => {
      const compiled = compiler
        .selectFrom("incidents")
        .selectAll()
        .where(sqliteDialect.search.matches("incidents.id", ["outage"], many))
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .limit(51)
        .compile();
      return explain(file, compiled.sql, compiled.parameters);
    };
    expect(plan(true)).toContain("SCAN incident_search VIRTUAL TABLE INDEX 0:M1");
    expect(plan(true)).toContain("SCAN incidents USING INDEX incidents_started_at_id");
    expect(plan(true).filter((step) => /incident_updates|TEMP B-TREE/.test(step))).toEqual([]);
    expect(plan(false)).toContain("SCAN incident_search VIRTUAL TABLE INDEX 0:M1");
    expect(plan(false)).toContain("SEARCH incidents USING INDEX sqlite_autoindex_incidents_1 (id=?)");
    expect(plan(false).filter((step) => /incident_updates|SCAN incidents/.test(step))).toEqual([]);
  });

  it("takes a migration numbered before one it already ran (a development build ran the later first)", async () => {
    const file = tempFile();
    await (await openStore(file)).close();
    const raw = new DatabaseSync(file);
    raw.exec(`ALTER TABLE incidents DROP COLUMN postmortem_published_at;
      ALTER TABLE incidents DROP COLUMN postmortem_url;
      DELETE FROM kysely_migration WHERE name = '0009-postmortems';`);
    raw.close();
    const store = await openStore(file);
    await store.close();
    const check = new DatabaseSync(file, { readOnly: true });
    const columns = (check.prepare("PRAGMA table_info(incidents)").all() as { name: string }[]).map(
      (c) => c.name,
    );
    check.close();
    expect(columns).toEqual(expect.arrayContaining(["postmortem_published_at", "postmortem_url"]));
  });

  it("0011 moves components stored as affected but only ever operational into listed_components", async () => {
    const file = tempFile();
    const store = await openStore(file);
    await store.addVendor(
      { slug: "acme", name: "Acme", url: "https://a.example", platform: "incidentio" },
      "2026-08-01T10:00:00.000Z",
    );
    await store.close();
    // The row as 0001-0008 wrote it: every named component in affected_components.
    const mixed = [
      { id: "c-web", name: "Web", worstStatus: "operational" },
      { id: "c-api", name: "API", worstStatus: "degraded_performance" },
      { id: null, name: "Docs", worstStatus: "operational" },
    ];
    const raw = new DatabaseSync(file);
    // Back to before 0011: it and the migrations after it are undone, to run again on the next open.
    raw.exec(`ALTER TABLE incidents DROP COLUMN listed_components;
      ALTER TABLE vendors DROP COLUMN hint_token;
      ALTER TABLE vendors DROP COLUMN hinted_at;
      ALTER TABLE vendors DROP COLUMN last_hint_at;
      DROP INDEX incidents_kind_scheduled_for;
      DROP TABLE calendar_revisions;
      ALTER TABLE subscriptions DROP COLUMN remind_before_minutes;
      ALTER TABLE subscriptions DROP COLUMN notify_during_maintenance;
      ALTER TABLE vendors DROP COLUMN partial_outage_weight;
      DROP TABLE sla_targets;
      DROP INDEX incidents_open;
      DROP INDEX incidents_started_at_id;
      DROP TABLE incident_search_rows;
      DROP TABLE incident_search;
      DROP INDEX events_changes_at;
      DROP INDEX events_component_changes;
      ALTER TABLE deliveries DROP COLUMN message;
      ALTER TABLE vendors DROP COLUMN polled_by;
      DELETE FROM kysely_migration WHERE name >= '0011';`);
    raw
      .prepare(
        `INSERT INTO incidents (id, vendor, vendor_incident_id, kind, title, status, impact, url, started_at,
          resolved_at, scheduled_for, scheduled_until, detected_at, seen_live, detection_lag_seconds,
          affected_components) VALUES ('i1', 'acme', 'v1', 'incident', 'Slow', 'resolved', 'minor', NULL,
          '2026-08-01T09:00:00.000Z', '2026-08-01T09:30:00.000Z', NULL, NULL, '2026-08-01T10:00:00.000Z', 0,
          NULL, ?)`,
      )
      .run(JSON.stringify(mixed));
    raw.close();
    const again = await openStore(file);
    try {
      expect(await again.getIncident("i1")).toMatchObject({
        affectedComponents: [mixed[1]],
        listedOperational: [
          { id: "c-web", name: "Web" },
          { id: null, name: "Docs" },
        ],
      });
      const about = async (component: string) =>
        (await again.listIncidents("acme", { limit: 10, component })).items.map((i) => i.id);
      expect(await about("c-api")).toEqual(["i1"]);
      expect(await about("c-web")).toEqual([]);
    } finally {
      await again.close();
    }
  });

  // Separate processes: within one thread a synchronous SQLite connection would wait on itself.
  it("lets two processes open and migrate a new file at the same time", async () => {
    const file = tempFile();
    const script = `import { openStore } from ${JSON.stringify(new URL("./open-store.ts", import.meta.url).href)};
      const store = await openStore(${JSON.stringify(file)});
      await store.upsertVendor({ slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" }, new Date().toISOString());
      await store.close();`;
    const run = () => execFileAsync(process.execPath, ["--input-type=module", "-e", script]);
    await Promise.all([run(), run(), run()]);
    const store = await openStore(file);
    expect((await store.listVendors()).map((v) => v.slug)).toEqual(["acme"]);
    await store.close();
  });

  it.each([
    ["postgres://u@h/db", true],
    ["postgresql://u@h:5432/db", true],
    ["POSTGRES://u@h/db", true],
    ["./data/pingoru.db", false],
    [":memory:", false],
    ["/var/lib/postgres/file.db", false],
  ])("treats %s as PostgreSQL: %s", (url, expected) => {
    expect(isPostgresUrl(url)).toBe(expected);
  });
});
