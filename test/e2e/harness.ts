// End-to-end harness: a real store, the real HTTP client on loopback, the real platforms, a test clock.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Incident } from "../../src/domain/model.ts";
import { createWebApp } from "../../src/admin/web-app.ts";
import { createHttpClient } from "../../src/lib/guarded-http.ts";
import { detectPlatform, getPlatform } from "../../src/platforms/registry.ts";
import { addVendor, type AddVendorDeps, type AddVendorInput } from "../../src/poller/add-vendor.ts";
import { createMemoryCache } from "../../src/poller/memory-cache.ts";
import { pollVendor, type PollOutcome } from "../../src/poller/poll-vendor.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";

/** The admin token of the harness's web app (for the admin-only delivery log, say). */
export const HARNESS_ADMIN_TOKEN = "harness-admin-token";

export interface Harness {
  store: Store;
  deps: AddVendorDeps;
  clock: { now: Date; advance(seconds: number): void };
  add(input: AddVendorInput): ReturnType<typeof addVendor>;
  poll(slug: string): Promise<PollOutcome>;
  incidents(slug: string): Promise<Incident[]>;
  api(path: string): Promise<unknown>;
  /** Re-opens the store as a restarted process would (new caches, same database). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Opens the store (again after a restart); default: a fresh SQLite file. */
  open?: () => Promise<Store>;
  start?: string;
  /** The HTTP client's total timeout (default 3 s). */
  totalTimeoutMs?: number;
}

export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  const databaseUrl = join(mkdtempSync(join(tmpdir(), "pingoru-e2e-")), "pingoru.db");
  const open = options.open ?? (() => openStore(databaseUrl));
  const http = createHttpClient({
    allowPrivateTargets: true,
    totalTimeoutMs: options.totalTimeoutMs ?? 3000,
  });
  const clock = {
    now: new Date(options.start ?? "2026-08-01T00:00:00.000Z"),
    advance(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
  const build = async (): Promise<AddVendorDeps> => {
    const caches = new Map<string, ReturnType<typeof createMemoryCache>>();
    return {
      store: await open(),
      http,
      platform: getPlatform,
      detect: detectPlatform,
      now: () => clock.now,
      defaultIntervalSeconds: 60,
      cacheFor: (slug) => caches.get(slug) ?? caches.set(slug, createMemoryCache()).get(slug)!,
      random: () => 0.5,
    };
  };
  let deps = await build();
  const harness: Harness = {
    get store() {
      return deps.store;
    },
    get deps() {
      return deps;
    },
    clock,
    add: (input) => addVendor(input, deps),
    async poll(slug) {
      const vendor = await deps.store.getVendor(slug);
      if (!vendor) throw new Error(`no vendor ${slug}`);
      return pollVendor(vendor, deps);
    },
    async incidents(slug) {
      const all: Incident[] = [];
      let before: string | null = null;
      do {
        const page = await deps.store.listIncidents(slug, { limit: 500, before });
        all.push(...page.items);
        before = page.next;
      } while (before);
      return all;
    },
    async api(path) {
      const app = createWebApp({
        store: deps.store,
        now: () => clock.now,
        pollIntervalSeconds: 60,
        admin: {
          adminToken: HARNESS_ADMIN_TOKEN,
          channelFor: () => Promise.reject(new Error("no channels")) as never,
        },
      });
      // The admin token goes with every call: /api/v1/admin/* needs it, the public routes ignore it.
      const response = await app.request(path, {
        headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` },
      });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    async restart() {
      await deps.store.close();
      deps = await build();
    },
    async close() {
      await deps.store.close();
      await http.close();
    },
  };
  return harness;
}
