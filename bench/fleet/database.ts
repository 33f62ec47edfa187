// The bench's database: a temp SQLite file, or a fresh schema of its own in the given PostgreSQL database
// (dropped at the end). Vendors are added through the store API; the bench's own reads (poll counts,
// events) are plain SQL from this process, so they cost the serve processes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { portOf, vendorUrl } from "./origins.ts";
import pg from "pg";
import { isPostgresUrl, openStore } from "../../src/store/open-store.ts";

export interface BenchDatabase {
  /** The URL the serve processes get (for PostgreSQL with search_path set to the bench's schema). */
  url: string;
  /** Plain SQL with ? placeholders. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openBenchDatabase(given: string | null): Promise<BenchDatabase> {
  if (given !== null && isPostgresUrl(given)) return openPostgres(given);
  const dir = given === null ? mkdtempSync(join(tmpdir(), "pingoru-fleet-")) : null;
  const path = given ?? join(dir!, "fleet.db");
  await (await openStore(path)).close(); // creates the file and applies the migrations
  const db = new DatabaseSync(path, { timeout: 5000 });
  return {
    url: path,
    query: async <T>(text: string, params: unknown[] = []) =>
      db.prepare(text).all(...(params as string[])) as T[],
    async close() {
      db.close();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(given: string): Promise<BenchDatabase> {
  const schema = `fleet_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: given });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  const url = new URL(given);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    async query<T>(text: string, params: unknown[] = []) {
      let n = 0;
      const result = await pool.query(
        text.replace(/\?/g, () => `$${++n}`),
        params,
      );
      return result.rows as T[];
    },
    async close() {
      await pool.end();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

export const slugOf = (i: number) => `fleet-${i}`;

/**
 * Adds the N vendors through the store (Store.addVendor), each with its first due time spread over one
 * interval from `firstDue`: addVendor sets next_poll_at (and created_at) to the `now` it is given.
 */
export async function addFleetVendors(
  url: string,
  fleetPorts: readonly string[],
  count: number,
  intervalSeconds: number,
  firstDue: number,
): Promise<void> {
  const store = await openStore(url);
  try {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const due = new Date(firstDue + (i * intervalSeconds * 1000) / count).toISOString();
        await store.addVendor(
          {
            slug: slugOf(i),
            name: "",
            url: vendorUrl(i, portOf(i, fleetPorts)),
            platform: "statuspage",
            intervalSeconds,
          },
          due,
        );
      }
    };
    await Promise.all(Array.from({ length: isPostgresUrl(url) ? 8 : 1 }, worker));
  } finally {
    await store.close();
  }
}

/**
 * Counts polls as changes of vendors.last_polled_at (every poll, changed, unchanged or failed, writes
 * it). Each sample reads the rows stamped in the last 15 s and counts those whose value differs from
 * the last one seen, so a poll whose transaction commits after a later-stamped sample is still counted
 * once. Exact as long as no vendor is polled twice between two samples (1 s apart).
 */
export function createPollCounter(db: BenchDatabase) {
  const seen = new Map<string, string>();
  let total = 0;
  return {
    async sample(): Promise<number> {
      const since = new Date(Date.now() - 15_000).toISOString();
      const rows = await db.query<{ slug: string; at: string }>(
        "select slug, last_polled_at as at from vendors where last_polled_at > ?",
        [since],
      );
      for (const { slug, at } of rows) {
        if (seen.get(slug) === at) continue;
        seen.set(slug, at);
        total++;
      }
      return total;
    },
  };
}
