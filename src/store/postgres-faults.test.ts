// PostgreSQL going away under Pingoru, simulated without touching the shared server: the store talks to
// it through a loopback proxy that cuts every connection (as a restart does), refuses new ones for a
// while, or cuts in the middle of a transaction. Nothing crashes, nothing is half-written or lost, and
// the store reconnects by itself.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../lib/guarded-http.ts";
import { pollVendor, type PollDeps } from "../poller/poll-vendor.ts";
import { createDispatcher } from "../notify/dispatcher.ts";
import type { Channel } from "../notify/channel.ts";
import type { Notification } from "../domain/notification.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { testPollDeps } from "../../test/helpers/poll-deps.ts";
import {
  dropSchema,
  emptyingStatements,
  freshSchema,
  pgQuery,
  pgRun,
  pgUrl,
} from "../../test/helpers/postgres.ts";
import { waitFor } from "../../test/helpers/run-cli.ts";
import { startTcpProxy, type TcpProxy } from "../../test/helpers/tcp-proxy.ts";
import { createPgPool, openPostgresStore } from "./postgres.ts";
import type { Store } from "./store.ts";

const healthy = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
const incident = sharedFixture("incidentio/openai-api-v2-summary.json");

describe.runIf(pgRun)("PostgreSQL restarted or cut off", () => {
  const http = createHttpClient({ allowPrivateTargets: true });
  let proxy: TcpProxy;
  let proxiedUrl: string;
  let store: Store;

  // One schema for the file, migrated once and emptied before each test.
  const schema = freshSchema();
  let emptying: string;

  beforeAll(async () => {
    const target = new URL(pgUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.port = String(proxy.port);
    proxiedUrl = target.href;
    await (await openPostgresStore(pgUrl, { schema })).close();
    emptying = await emptyingStatements(schema);
  });
  afterAll(async () => {
    await proxy.close();
    await http.close();
    await dropSchema(schema)();
  });
  beforeEach(async () => {
    proxy.refuse(false);
    await pgQuery(emptying);
    store = await openPostgresStore(proxiedUrl, { schema });
  });
  afterEach(async () => {
    proxy.refuse(false);
    await store.close();
  });

  const unreachable = { kind: "database", message: expect.stringMatching(/^database unreachable: /) };

  it("fails a query with a typed error while the server is gone, and reconnects when it is back", async () => {
    await store.listVendors(); // a connection waits idle in the pool
    proxy.refuse(true);
    proxy.cut();
    await expect(store.listVendors()).rejects.toMatchObject(unreachable);
    await expect(store.listVendors()).rejects.toMatchObject(unreachable);
    proxy.refuse(false);
    expect(await store.listVendors()).toEqual([]);
  });

  it("survives a connection cut while a client is checked out, between two queries", async () => {
    const pool = createPgPool(proxiedUrl);
    try {
      const client = await pool.connect();
      const ended = new Promise((resolve) => client.once("end", resolve));
      proxy.cut(); // unheard, pg's "error" on this client would end the process
      await ended;
      await expect(client.query("select 1")).rejects.toThrow(/not queryable/);
      client.release();
      expect((await pool.query("select 2 as two")).rows).toEqual([{ two: 2 }]);
    } finally {
      await pool.end();
    }
  });

  describe("a poll cut off in the middle of its write", () => {
    let page: FakeVendor;
    let deps: PollDeps;
    beforeEach(async () => {
      page = await startFakeVendor({ "/api/v2/summary.json": healthy });
      deps = testPollDeps(store, http);
      await store.addVendor(
        { slug: "openai", name: "", url: page.url, platform: "incidentio" },
        "2026-09-24T00:00:00.000Z",
      );
    });
    afterEach(() => page.close());
    const poll = async () => pollVendor((await store.getVendor("openai"))!, deps);

    it("writes nothing of it, and the next poll of the same page records all of it", async () => {
      await poll(); // the baseline
      const vendor = await store.getVendor("openai");
      page.serve("/api/v2/summary.json", incident);
      // The vendor and its incidents are written by then: the events are the transaction's last part.
      const cut = proxy.cutWhen((sql) => sql.includes('insert into "events"'));
      await expect(poll()).rejects.toMatchObject(unreachable);
      await cut;
      await expect(poll()).rejects.toMatchObject(unreachable); // still down
      proxy.refuse(false);
      expect(await store.getVendor("openai")).toEqual(vendor);
      expect((await store.listEvents({ limit: 100 })).items).toEqual([]);
      expect((await store.listIncidents("openai", { limit: 10, before: null })).items).toEqual([]);
      const retried = await poll();
      expect(retried.events.map((e) => e.type)).toContain("incident.opened");
      expect((await store.listEvents({ limit: 100 })).items).toHaveLength(retried.events.length);
    });

    it("sends a delivery whose outcome could not be recorded again when its lease ends", async () => {
      await store.upsertChannel({
        id: "hook",
        type: "webhook",
        config: { url: "https://hook.example" },
        disabledReason: null,
      });
      await store.upsertSubscription({
        ...{ id: "ops", channel: "hook", vendors: null, components: null, minImpact: null },
        events: ["incident.opened"],
      });
      await poll();
      page.serve("/api/v2/summary.json", incident);
      const deliveries = (await poll()).deliveries;
      expect(deliveries).toBeGreaterThan(0);
      const sent: Notification[] = [];
      const errors: unknown[] = [];
      const channel: Channel = { id: "hook", type: "webhook", send: async (n) => void sent.push(n) };
      let now = new Date("2026-09-24T01:00:00Z");
      const dispatcher = createDispatcher({
        store,
        channelFor: () => channel,
        now: () => now,
        tickMs: 60_000,
        concurrency: 8,
        leaseSeconds: 20,
        publicUrl: null,
        onError: (error) => errors.push(error),
      });
      const cut = proxy.cutWhen((sql) => sql.includes('update "deliveries" set "status"'));
      await dispatcher.tick();
      await cut;
      // Sent, then cut off before its outcome was written (a channel's next one failed to start).
      const unrecorded = sent.map((n) => n.deliveryId);
      expect(unrecorded.length).toBeGreaterThan(0);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error).toMatchObject(unreachable);
      proxy.refuse(false);
      await dispatcher.tick();
      expect(sent).toHaveLength(unrecorded.length); // still leased: not sent twice at once
      now = new Date(now.getTime() + 21_000);
      // A connection that died idle is found dead by the query that takes it (one failed claim, typed);
      // the dispatcher's next look, on its tick, gets a fresh one.
      const delivered = await waitFor("the deliveries recorded as delivered", async () => {
        await dispatcher.tick();
        const log = await store.listDeliveries({ limit: 10 });
        return log.items.every((d) => d.status === "delivered") && log.items;
      });
      expect(delivered).toHaveLength(deliveries);
      for (const delivery of delivered) expect(delivery).toMatchObject({ attempts: 1 });
      const again = sent.slice(unrecorded.length).map((n) => n.deliveryId);
      expect(again).toEqual(expect.arrayContaining(unrecorded));
      for (const error of errors) expect(error).toMatchObject(unreachable);
      await dispatcher.stop();
    });
  });
});
