// `pingoru backup`: refusals in one line, and a copy taken by a real process while a real `pingoru
// serve` keeps polling a loopback vendor whose page changes on every poll and delivering to a webhook.
// The copy passes SQLite's integrity check and holds, through the store, a state between what the
// API showed just before and just after; taken again once serve stopped, exactly the source.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { killAllCli, runCli, runCliInProcess, startCli, waitFor } from "../helpers/run-cli.ts";
import {
  GITHUB_INCIDENTS,
  GITHUB_SUMMARY,
  newIncident,
  servePage,
  type RawIncident,
} from "./notify-fixtures.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-backup-"));
let vendor: FakeVendor;
let receiver: WebhookReceiver;
beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": GITHUB_SUMMARY,
    "/api/v2/incidents.json": GITHUB_INCIDENTS,
  });
  receiver = await startWebhookReceiver();
  await (await openStore(join(dir, "small.db"))).close();
});
afterEach(killAllCli);
afterAll(async () => {
  await receiver.close();
  await vendor.close();
  rmSync(dir, { recursive: true, force: true });
});

// The refusals run in this process: `pingoru backup` runs as a process of its own while serve runs, below.
describe("pingoru backup refuses, in one line", () => {
  it.each([
    [
      "a PostgreSQL database, naming pg_dump and pg_restore",
      ["backup", "out.dump", "--db", "postgres://app:hunter2@db.example/pingoru"],
      'pingoru: backup copies SQLite files only; for PostgreSQL use pg_dump: pg_dump --format=custom --file=out.dump "$PINGORU_DATABASE_URL" (restore with pg_restore --clean --if-exists --no-owner --dbname="$PINGORU_DATABASE_URL" out.dump)\n',
    ],
    [
      "a database that is not there",
      ["backup", join(dir, "copy.db"), "--db", join(dir, "missing.db")],
      `pingoru: no SQLite database at ${join(dir, "missing.db")}\n`,
    ],
    [
      "a directory that is not there",
      ["backup", join(dir, "no", "copy.db"), "--db", join(dir, "small.db")],
      `pingoru: cannot write ${join(dir, "no", "copy.db")}: no directory ${join(dir, "no")}\n`,
    ],
  ])("%s", async (_, args, stderr) => {
    const result = await runCliInProcess(args);
    expect([result.code, result.stderr, result.stdout]).toEqual([1, stderr, ""]);
  });

  it("an existing file, unless --force; the database itself, even with --force", async () => {
    const db = join(dir, "small.db");
    const target = join(dir, "taken.db");
    writeFileSync(target, "precious");
    const refused = await runCliInProcess(["backup", target, "--db", db]);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      `pingoru: ${target} exists; use --force to overwrite it\n`,
    ]);
    expect(readFileSync(target, "utf8")).toBe("precious");

    const forced = await runCliInProcess(["backup", target, "--db", db, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(
      new RegExp(`^backed up .*small\\.db to .*taken\\.db \\(\\d+ pages, .* MB, integrity ok\\)\\n$`),
    );
    expect(integrity(target)).toBe("ok");

    const itself = await runCliInProcess(["backup", db, "--db", db, "--force"]);
    expect([itself.code, itself.stderr]).toEqual([
      1,
      `pingoru: ${db} is the database itself; back it up to another file\n`,
    ]);
  });
});

interface Counts {
  events: number;
  incidents: number;
  deliveries: number;
}

describe("pingoru backup while serve runs", () => {
  it("copies a consistent state of the live database", async () => {
    const db = join(dir, "live.db");
    const config = join(dir, "live.yaml");
    writeFileSync(
      config,
      [
        "vendors:",
        `  - url: ${vendor.url}`,
        "    slug: github",
        "    platform: statuspage",
        "channels:",
        "  - id: ops-hook",
        "    type: webhook",
        `    url: ${receiver.url}`,
        "    secret: ${HOOK_SECRET}",
        "subscriptions:",
        "  - channel: ops-hook",
        "",
      ].join("\n"),
    );
    const env = {
      PINGORU_ALLOW_PRIVATE_TARGETS: "1",
      PINGORU_POLL_INTERVAL: "1",
      HOOK_SECRET: WEBHOOK_SECRET,
      PINGORU_ADMIN_TOKEN: "backup-admin", // the delivery log is admin-only
    };
    const serve = startCli(["serve", "--port", "0", "--db", db, "--config", config], { env });
    const url = await waitFor("serve to listen", () => {
      if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
      const line = serve
        .stderr()
        .split("\n")
        .find((l) => l.includes('"msg":"pingoru serving"'));
      return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
    });
    const api = async <T>(path: string): Promise<T> => {
      const response = await fetch(url + path, { headers: { authorization: "Bearer backup-admin" } });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return (await response.json()) as T;
    };
    const apiCounts = async (): Promise<Counts> => ({
      events: await countPages(
        (next) =>
          api<{ events: unknown[]; next: string | null }>(
            `/api/v1/events?limit=500${next ? `&after=${next}` : ""}`,
          ),
        "events",
      ),
      incidents: await countPages(
        (next) =>
          api<{ incidents: unknown[]; next: string | null }>(
            `/api/v1/vendors/github/incidents?limit=500${next ? `&before=${next}` : ""}`,
          ),
        "incidents",
      ),
      deliveries: await countPages(
        (next) =>
          api<{ deliveries: unknown[]; next: string | null }>(
            `/api/v1/admin/deliveries?limit=500${next ? `&before=${next}` : ""}`,
          ),
        "deliveries",
      ),
    });
    await waitFor(
      "the baseline poll",
      async () =>
        (await api<{ slug: string; last_polled_at: string | null }[]>("/api/v1/vendors"))[0]?.last_polled_at,
    );

    // The page changes on every poll: a new incident each time serve reads it.
    let churning = true;
    const fresh: RawIncident[] = [];
    const churn = (async () => {
      while (churning) {
        const polls = vendor.hits().length;
        fresh.unshift(newIncident(String(fresh.length + 1), new Date(Date.now() - 60_000).toISOString()));
        servePage(vendor, fresh);
        await waitFor("the next poll", () => !churning || vendor.hits().length > polls, { everyMs: 20 });
      }
    })();
    try {
      await waitFor("new incidents recorded and delivered", async () => (await apiCounts()).deliveries >= 2, {
        timeoutMs: 20_000,
      });
      const before = await apiCounts();
      const taken = await runCli(["backup", join(dir, "during.db"), "--db", db], { timeoutMs: 30_000 });
      expect(taken.code, taken.stderr).toBe(0);
      const after = await apiCounts();
      expect(integrity(join(dir, "during.db"))).toBe("ok");
      const copy = await withStore(join(dir, "during.db"), storeCounts);
      for (const key of ["events", "incidents", "deliveries"] as const) {
        expect(copy[key]).toBeGreaterThanOrEqual(before[key]);
        expect(copy[key]).toBeLessThanOrEqual(after[key]);
      }
    } finally {
      churning = false;
      await churn;
    }

    serve.child.kill("SIGTERM");
    expect((await serve.exited).code).toBe(0);
    const settled = await runCli(["backup", join(dir, "after.db"), "--db", db]);
    expect(settled.code, settled.stderr).toBe(0);
    expect(integrity(join(dir, "after.db"))).toBe("ok");
    expect(await withStore(join(dir, "after.db"), storeCounts)).toEqual(await withStore(db, storeCounts));
    // The copy is a working database: the CLI reads it as it reads the source.
    const listed = await Promise.all(
      [db, join(dir, "after.db")].map((file) => runCli(["vendors", "list", "--json", "--db", file])),
    );
    expect(listed[1]!.stdout).toBe(listed[0]!.stdout);
  }, 90_000);
});

function integrity(file: string): string {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare("PRAGMA integrity_check")
      .all()
      .map((row) => String(Object.values(row)[0]))
      .join("; ");
  } finally {
    db.close();
  }
}

async function countPages<K extends string>(
  page: (next: string | null) => Promise<Record<K, unknown[]> & { next: string | null }>,
  key: K,
): Promise<number> {
  let total = 0;
  let next: string | null = null;
  for (;;) {
    const body: Record<K, unknown[]> & { next: string | null } = await page(next);
    total += body[key].length;
    if (body[key].length < 500 || body.next === null) return total;
    next = body.next;
  }
}

async function withStore<T>(file: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(file);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

async function storeCounts(store: Store): Promise<Counts> {
  return {
    events: await countPages(async (after) => {
      const page = await store.listEvents({ limit: 500, after });
      return { events: page.items, next: page.next };
    }, "events"),
    incidents: await countPages(async (before) => {
      const page = await store.listIncidents("github", { limit: 500, before });
      return { incidents: page.items, next: page.next };
    }, "incidents"),
    deliveries: Object.values(await store.countDeliveries()).reduce((a, b) => a + b, 0),
  };
}
