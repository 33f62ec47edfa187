import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { STORE_CONTRACTS } from "../../test/store-contracts/index.ts";
import { isPostgresUrl, openStore } from "./open-store.ts";
import { openSqliteStore } from "./sqlite.ts";

const execFileAsync = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "pingoru-sqlite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const tempFile = () => join(root, `store-${++counter}.db`);

for (const contract of STORE_CONTRACTS) {
  contract("SQLite file", () => openSqliteStore(tempFile()));
  contract("SQLite :memory:", () => openStore(":memory:"));
}

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
      { name: "0012-calendar-revisions" },
    ]);
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
