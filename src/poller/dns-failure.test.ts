// DNS failing for one vendor's host: that vendor's poll fails as data (a typed network error with a clear
// message, the vendor marked failing), and the other vendors due at the same time are polled as usual.
// Through the real scheduler, poller and guarded HTTP client, the pages on loopback.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { createHttpClient, type ClosableHttpClient } from "../lib/guarded-http.ts";
import type { Resolver } from "../lib/safe-url.ts";
import { getPlatform } from "../platforms/registry.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { createMemoryCache } from "./memory-cache.ts";
import { pollVendor, type PollDeps } from "./poll-vendor.ts";
import { readVendorPage } from "./read-page.ts";
import { createScheduler } from "./scheduler.ts";

const now = new Date("2026-09-24T00:00:00.000Z");
let page: FakeVendor;
let store: Store;
let http: ClosableHttpClient | undefined;

beforeEach(async () => {
  page = await startFakeVendor({
    "/api/v2/summary.json": sharedFixture("incidentio/openai-api-v2-summary-healthy.json"),
  });
  store = await openStore(":memory:");
});
afterEach(async () => {
  await store.close();
  await page.close();
  await http?.close();
});

function depsWith(client: ClosableHttpClient): PollDeps {
  http = client;
  const caches = new Map<string, ReturnType<typeof createMemoryCache>>();
  return {
    store,
    http: client,
    platform: getPlatform,
    now: () => now,
    defaultIntervalSeconds: 60,
    cacheFor: (slug) => caches.get(slug) ?? caches.set(slug, createMemoryCache()).get(slug)!,
    random: () => 0.5,
  };
}

async function addVendors(vendors: Record<string, string>): Promise<void> {
  for (const [slug, url] of Object.entries(vendors))
    await store.addVendor({ slug, name: slug, url, platform: "incidentio" }, now.toISOString());
}

/** Polls what is due now, as serve does; resolves with the slugs in the order their polls finished. */
async function pollDue(deps: PollDeps): Promise<string[]> {
  const finished: string[] = [];
  const scheduler = createScheduler({
    store,
    poll: async (vendor) => {
      await pollVendor(vendor, deps);
      finished.push(vendor.slug);
    },
    now: () => now,
    concurrency: 8,
    tickMs: 60_000,
    leaseSeconds: 60,
    onError: (error) => {
      throw error;
    },
  });
  await scheduler.tick();
  return finished;
}

describe("DNS failing for one host", () => {
  it("a name that does not resolve fails its vendor's poll with a clear network error; the others poll", async () => {
    // RFC 2606: .invalid never resolves, so this is the system resolver's real answer.
    await addVendors({ acme: "http://status.acme.invalid", openai: page.url });
    const deps = depsWith(createHttpClient({ allowPrivateTargets: true }));
    const read = await readVendorPage((await store.getVendor("acme"))!, deps);
    expect(read).toMatchObject({ ok: false, error: { kind: "network", retryable: true } });
    expect(await pollDue(deps)).toEqual(expect.arrayContaining(["acme", "openai"]));
    const acme = await store.getVendor("acme");
    expect(acme).toMatchObject({ failures: 1, stale: true });
    expect(acme!.lastError).toMatch(
      /^cannot resolve status\.acme\.invalid \(E[A-Z_]+\) fetching http:\/\/status\.acme\.invalid\//,
    );
    expect(await store.getVendor("openai")).toMatchObject({
      failures: 0,
      lastError: null,
      baselineAt: now.toISOString(),
    });
    const events = (await store.listEvents({ limit: 10 })).items;
    expect(events.map((e) => [e.vendor, e.type])).toEqual([["acme", "source.degraded"]]);
  });

  it("a resolver that never answers holds up only its own vendor, whose poll times out", async () => {
    const port = new URL(page.url).port;
    await addVendors({ slow: `http://hangs.example:${port}`, openai: `http://ok.example:${port}` });
    const loopback: LookupAddress[] = [{ address: "127.0.0.1", family: 4 }];
    const resolve: Resolver = (host) =>
      host === "ok.example" ? Promise.resolve(loopback) : new Promise(() => {});
    const client = createHttpClient({ allowPrivateTargets: true, resolve, connectTimeoutMs: 200 });
    expect(await pollDue(depsWith(client))).toEqual(["openai", "slow"]);
    expect(await store.getVendor("openai")).toMatchObject({ failures: 0, baselineAt: now.toISOString() });
    const slow = await store.getVendor("slow");
    expect(slow).toMatchObject({ failures: 1, stale: true });
    expect(slow!.lastError).toMatch(/^timed out .*http:\/\/hangs\.example:\d+\//);
  });
});
