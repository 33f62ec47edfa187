// SQLite failing under a poll: the write lock held by another connection (SQLITE_BUSY past the busy
// timeout) and a full disk (SQLITE_FULL, made real with max_page_count). The poll fails with a typed
// error, writes nothing of itself, and the next poll once the fault is gone records everything.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../lib/guarded-http.ts";
import { pollVendor, type PollDeps } from "../poller/poll-vendor.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { testPollDeps } from "../../test/helpers/poll-deps.ts";
import { openSqliteDatabase, openSqliteStoreOn } from "./sqlite.ts";
import type { Store } from "./store.ts";

const healthy = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
const incident = sharedFixture("incidentio/openai-api-v2-summary.json");
const http = createHttpClient({ allowPrivateTargets: true });
const root = mkdtempSync(join(tmpdir(), "pingoru-sqlite-faults-"));
afterAll(async () => {
  await http.close();
  rmSync(root, { recursive: true, force: true });
});

let page: FakeVendor;
let file: string;
let connection: DatabaseSync;
let store: Store;
let deps: PollDeps;

beforeEach(async () => {
  page = await startFakeVendor({ "/api/v2/summary.json": healthy });
  file = join(root, `${Math.random().toString(36).slice(2)}.db`);
  connection = openSqliteDatabase(file);
  store = await openSqliteStoreOn(connection);
  deps = testPollDeps(store, http);
  await store.addVendor(
    { slug: "openai", name: "", url: page.url, platform: "incidentio" },
    "2026-09-24T00:00:00.000Z",
  );
  expect(await poll()).toMatchObject({ ok: true, events: [] }); // the baseline
  page.serve("/api/v2/summary.json", incident);
});
afterEach(async () => {
  await store.close();
  await page.close();
});

const poll = async () => pollVendor((await store.getVendor("openai"))!, deps);
const recorded = async () => ({
  vendor: await store.getVendor("openai"),
  events: (await store.listEvents({ limit: 100 })).items.length,
  incidents: (await store.listIncidents("openai", { limit: 100, before: null })).items.length,
});

describe("SQLite busy: another connection holds the write lock", () => {
  it("fails the poll with a typed error, writes nothing, and records all once the lock is free", async () => {
    connection.exec("PRAGMA busy_timeout = 20"); // serve waits 5 s; the test need not
    const before = await recorded();
    const other = new DatabaseSync(file);
    other.exec("BEGIN IMMEDIATE");
    try {
      const error = await poll().catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "database", retryable: true });
      expect((error as Error).message).toMatch(/^database is locked/);
      expect(await recorded()).toEqual(before);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    const retried = await poll();
    expect(retried.events.map((e) => e.type)).toContain("incident.opened");
    expect((await recorded()).events).toBe(retried.events.length);
  });
});

describe("SQLite full (SQLITE_FULL)", () => {
  it("fails the poll with a typed error, writes nothing, and records all once there is room", async () => {
    // A first poll of GitHub's history feed writes far more than the pages' free space.
    page.serve("/history.atom", sharedFixture("statuspage/github-history.atom"));
    const github = { slug: "github", name: "GitHub", url: `${page.url}/history.atom`, platform: "feed" };
    await store.addVendor(github, "2026-09-24T00:00:00.000Z");
    const pollGithub = async () => pollVendor((await store.getVendor("github"))!, deps);
    const pages = (connection.prepare("PRAGMA page_count").get() as { page_count: number }).page_count;
    connection.exec(`PRAGMA max_page_count = ${pages}`);
    const error = await pollGithub().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "database", retryable: true });
    expect((error as Error).message).toMatch(/^database or disk is full/);
    expect(await store.getVendor("github")).toMatchObject({ baselineAt: null, lastPolledAt: null });
    expect((await store.listIncidents("github", { limit: 10, before: null })).items).toEqual([]);
    // Still full: fails the same way again, not on a transaction left open by the first.
    await expect(pollGithub()).rejects.toMatchObject({ kind: "database" });
    connection.exec(`PRAGMA max_page_count = ${pages * 100}`);
    expect(await pollGithub()).toMatchObject({ ok: true });
    expect((await store.listIncidents("github", { limit: 10, before: null })).items).toHaveLength(10);
  });
});
