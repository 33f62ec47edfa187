// Issue 15, item 2, through the real parts: a loopback RSS server, the guarded HTTP client, the
// feed adapter, pollVendor and a SQLite store.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/helpers/http-test-server.ts";
import { BREAKER_LIMITS } from "../domain/breaker.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { getPlatform } from "../platforms/registry.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createMemoryCache } from "./memory-cache.ts";
import { pollVendor, type PollDeps } from "./poll-vendor.ts";

interface Item {
  title: string;
  at: Date;
  body: string;
}

/** Serves `items` as RSS; with `freshIds`, every fetch gives each item a new guid and link. */
function rss(items: readonly Item[], freshIds: boolean): string {
  const entries = items.map((item) => {
    const id = freshIds ? randomUUID() : item.title.replaceAll(" ", "-");
    return `<item><title>${item.title}</title><guid isPermaLink="false">${id}</guid>
      <link>https://status.example/posts/${id}</link><pubDate>${item.at.toUTCString()}</pubDate>
      <description>&lt;p&gt;${item.body}&lt;/p&gt;&lt;p&gt;More to follow.&lt;/p&gt;</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme status</title>${entries.join("")}</channel></rss>`;
}

const START = Date.parse("2026-09-24T00:00:00Z");
const item = (n: number, minutesAgo = 30): Item => ({
  title: `Elevated errors ${n}`,
  at: new Date(START - minutesAgo * 60_000),
  body: `We are investigating errors on service ${n}.`,
});

let server: TestServer;
let store: Store;
let deps: PollDeps;
let items: Item[];
let freshIds: boolean;

beforeEach(async () => {
  items = [item(1, 300), item(2, 200), item(3, 100)];
  freshIds = false;
  server = await startTestServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(items, freshIds));
  });
  store = await openStore(":memory:");
  const cache = createMemoryCache();
  let now = START;
  deps = {
    store,
    http: createHttpClient({ allowPrivateTargets: true }),
    platform: getPlatform,
    now: () => new Date((now += 10_000)), // a poll asks a few times: about half a minute each
    defaultIntervalSeconds: 60,
    cacheFor: () => cache,
    random: () => 0.5,
  };
  await store.addVendor(
    { slug: "acme", name: "Acme", url: `${server.url}/feed.rss`, platform: "feed" },
    "2026-09-23T00:00:00.000Z",
  );
  await store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: "https://hooks.example/x" },
    disabledReason: null,
  });
  await store.upsertSubscription({
    id: "all",
    channel: "hook",
    vendors: null,
    components: null,
    minImpact: null,
    events: ["incident.opened", "source.degraded"],
  });
});
afterEach(async () => {
  await store.close();
  await server.close();
});

const poll = async () => pollVendor((await store.getVendor("acme"))!, deps);
const stored = async () => (await store.listIncidents("acme", { limit: 500 })).items;
const queued = async () => (await store.listDeliveries({ limit: 500 })).items;

describe("a feed that regenerates its GUIDs on every fetch", () => {
  it("keeps one incident per item, opens nothing after the baseline, and marks the vendor", async () => {
    freshIds = true;
    expect(await poll()).toMatchObject({ ok: true, events: [] }); // the baseline
    const baseline = (await stored()).map((i) => [i.id, i.vendorIncidentId, i.updates.map((u) => u.id)]);
    expect(baseline).toHaveLength(3);
    for (let n = 0; n < 5; n++) {
      const outcome = await poll();
      expect(outcome).toMatchObject({ ok: true });
      expect(outcome.events).toEqual([]);
    }
    expect((await stored()).map((i) => [i.id, i.vendorIncidentId, i.updates.map((u) => u.id)])).toEqual(
      baseline,
    );
    expect(await queued()).toEqual([]);
    const vendor = await store.getVendor("acme");
    expect(vendor?.unstableIdsAt).not.toBeNull();
    expect(vendor?.notificationsHeld).toBeNull();
  });

  it("still opens an item that is really new, under its own id", async () => {
    freshIds = true;
    await poll();
    await poll();
    items = [item(4, 1), ...items];
    const outcome = await poll();
    expect(outcome.events.map((e) => [e.type, e.data["title"]])).toEqual([
      ["incident.opened", "Elevated errors 4"],
    ]);
    expect(outcome.deliveries).toBe(1);
    expect(await stored()).toHaveLength(4);
  });

  it("a feed with stable ids is never marked", async () => {
    await poll();
    items = [item(4, 1), ...items];
    await poll();
    expect((await store.getVendor("acme"))?.unstableIdsAt).toBeNull();
  });
});

describe("the circuit breaker", () => {
  it("a feed that suddenly gains 30 items: one source.degraded, nothing queued, everything recorded", async () => {
    await poll();
    items = [...Array.from({ length: 30 }, (_, n) => item(100 + n, 5)), ...items];
    const tripped = await poll();
    const types = tripped.events.map((e) => e.type);
    expect(types.filter((t) => t === "incident.opened")).toHaveLength(30);
    expect(types.filter((t) => t === "source.degraded")).toHaveLength(1);
    expect(tripped.events.find((e) => e.type === "source.degraded")?.data).toMatchObject({
      circuit_breaker: true,
      error: expect.stringMatching(/one poll opened 30 incidents/),
    });
    expect(tripped.deliveries).toBe(0);
    expect(await queued()).toEqual([]);
    expect(await stored()).toHaveLength(33);
    expect((await store.getVendor("acme"))?.notificationsHeld).toMatch(/circuit breaker/);

    // Held: the next opening is recorded, not notified, and the breaker does not trip again.
    items = [item(200, 1), ...items];
    const held = await poll();
    expect(held.events.map((e) => e.type)).toEqual(["incident.opened"]);
    expect(held.deliveries).toBe(0);

    // A person resets it: notifications flow again, and the burst before the reset is not counted.
    expect(await store.resetBreaker("acme", deps.now().toISOString())).toBe(true);
    items = [item(201, 1), ...items];
    const after = await poll();
    expect(after.events.map((e) => e.type)).toEqual(["incident.opened"]);
    expect(after.deliveries).toBe(1);
  });

  it("trips on many openings within minutes, a few per poll", async () => {
    await poll();
    const perPoll = 3;
    let next = 300;
    let tripped = false;
    let opened = 0;
    while (!tripped && opened <= BREAKER_LIMITS.perWindow) {
      items = [...Array.from({ length: perPoll }, () => item(next++, 1)), ...items];
      const outcome = await poll();
      opened += perPoll;
      tripped = outcome.events.some((e) => e.type === "source.degraded");
      if (!tripped) expect(outcome.deliveries).toBe(perPoll);
      else expect(outcome.deliveries).toBe(0);
    }
    expect(tripped).toBe(true);
    expect(opened).toBeGreaterThan(BREAKER_LIMITS.perWindow);
    expect(opened - perPoll).toBeLessThanOrEqual(BREAKER_LIMITS.perWindow);
  });
});
