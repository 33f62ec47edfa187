import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../lib/guarded-http.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { testPollDeps } from "../../test/helpers/poll-deps.ts";
import type { IncidentSnapshot } from "../domain/model.ts";
import { WRITTEN_MEMORY, createMemoryCache } from "./memory-cache.ts";
import { pollVendor, unwritten, type PollDeps } from "./poll-vendor.ts";
import { pollIntervalSeconds } from "./next-poll.ts";

const healthy = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
const incident = sharedFixture("incidentio/openai-api-v2-summary.json");

let vendor: FakeVendor;
let store: Store;
let deps: PollDeps;
let failNextWrite = false;
const http = createHttpClient({ allowPrivateTargets: true });

beforeEach(async () => {
  vendor = await startFakeVendor({ "/api/v2/summary.json": healthy });
  store = await openStore(":memory:");
  const savePoll: Store["savePoll"] = async (write) => {
    if (failNextWrite) {
      failNextWrite = false;
      throw new Error("disk full");
    }
    return store.savePoll(write);
  };
  const failing = new Proxy(store, {
    get: (target, prop) => {
      if (prop === "savePoll") return savePoll;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  deps = testPollDeps(failing, http);
  await store.addVendor(
    { slug: "openai", name: "", url: vendor.url, platform: "incidentio" },
    "2026-09-24T00:00:00.000Z",
  );
});
afterEach(async () => {
  await store.close();
  await vendor.close();
});

const poll = async () => pollVendor((await store.getVendor("openai"))!, deps);

describe("pollVendor", () => {
  it("baseline first, then an unchanged page costs nothing, then a change is recorded", async () => {
    expect(await poll()).toMatchObject({ ok: true, unchanged: false, events: [] });
    expect((await store.getVendor("openai"))!.name).toBe("OpenAI");
    expect(await poll()).toMatchObject({ ok: true, unchanged: true, events: [] });
    vendor.serve("/api/v2/summary.json", incident);
    const changed = await poll();
    expect(changed.events.map((e) => e.type)).toContain("incident.opened");
    expect(changed.events.filter((e) => e.type === "component.changed").length).toBeGreaterThan(0);
  });

  it("hands the vendor off after one good poll in 16, as its random draw says", async () => {
    const writes: { handOff?: boolean }[] = [];
    const watched: PollDeps = {
      ...deps,
      store: Object.create(deps.store, {
        savePoll: {
          value: (write: Parameters<Store["savePoll"]>[0]) => (writes.push(write), store.savePoll(write)),
        },
      }),
    };
    const draws = [0.5, 1 / 16 - 0.001, 1 / 16];
    for (const draw of draws)
      await pollVendor((await store.getVendor("openai"))!, { ...watched, random: () => draw });
    expect(writes.map((w) => w.handOff ?? false)).toEqual([false, true, false]);
  });

  it("counts the deliveries its events were routed to: none while nobody subscribes", async () => {
    await poll();
    vendor.serve("/api/v2/summary.json", incident);
    const unheard = await poll();
    expect(unheard.events.length).toBeGreaterThan(0);
    expect(unheard.deliveries).toBe(0);
    const config = { url: "https://hooks.example/x" };
    await store.upsertChannel({ id: "hook", type: "webhook", config, disabledReason: null });
    await store.upsertSubscription({
      id: "all",
      channel: "hook",
      vendors: null,
      components: null,
      minImpact: null,
      events: ["incident.resolved"],
    });
    vendor.serve("/api/v2/summary.json", healthy);
    const heard = await poll();
    const updated = new Set(
      heard.events.filter((e) => e.type === "incident.resolved").map((e) => e.incidentId),
    );
    expect(updated.size).toBeGreaterThan(0);
    expect(heard.deliveries).toBe(updated.size); // one message per incident and subscription
  });

  it("a write that fails is not forgotten: the next poll of the same page records it", async () => {
    await poll();
    vendor.serve("/api/v2/summary.json", incident);
    failNextWrite = true;
    await expect(poll()).rejects.toThrow("disk full");
    expect(await store.listEvents({ limit: 50 })).toMatchObject({ items: [] });
    const retried = await poll();
    expect(retried.unchanged).toBe(false);
    expect(retried.events.map((e) => e.type)).toContain("incident.opened");
  });

  it("polls a vendor with an open incident four times as often, and at its own interval once resolved", async () => {
    const at = Date.parse("2026-10-01T12:00:00Z"); // after the recorded incidents began
    deps.now = () => new Date(at);
    const dueIn = async () => (Date.parse((await store.getVendor("openai"))!.nextPollAt) - at) / 1000;
    await poll();
    expect(await dueIn()).toBe(60);
    vendor.serve("/api/v2/summary.json", incident);
    expect((await poll()).events.map((e) => e.type)).toContain("incident.opened");
    expect((await store.getVendor("openai"))!.openIncidents).toBeGreaterThan(0);
    expect(await dueIn()).toBe(15); // the poll that opened it already shortens the next
    expect(await poll()).toMatchObject({ unchanged: true });
    expect(await dueIn()).toBe(15);
    vendor.serve("/api/v2/summary.json", healthy);
    const after = await poll();
    // Ended by no longer being listed (incident.io's summary lists open incidents only): Pingoru's own
    // ending, which is not an edit by the vendor.
    expect(after.events.map((e) => e.type)).toContain("incident.resolved");
    expect(after.events.map((e) => e.type)).not.toContain("incident.edited");
    expect((await store.getVendor("openai"))!.openIncidents).toBe(0);
    expect(await dueIn()).toBe(60);
  });

  it("a broken page stays a failure on every poll, not 'unchanged' after the first", async () => {
    await poll();
    vendor.serve("/api/v2/summary.json", "{broken");
    for (let i = 0; i < 3; i++) expect(await poll()).toMatchObject({ ok: false });
    expect((await store.getVendor("openai"))!.failures).toBe(3);
  });
});

describe("unwritten", () => {
  const incident = (id: string, status = "investigating") => ({ id, status }) as IncidentSnapshot;
  const remembering = (incidents: IncidentSnapshot[]) => {
    const cache = createMemoryCache();
    cache.written.replace(unwritten(incidents, cache).fingerprints);
    return cache;
  };

  it("gives the incidents whose snapshot differs from what was written, and remembers the page as listed", () => {
    const cache = remembering(["a", "b", "c"].map((id) => incident(id)));
    const { fresh, fingerprints } = unwritten(
      [incident("a"), incident("b", "resolved"), incident("d")],
      cache,
    );
    expect(fresh.map((f) => [f.snapshot.id, f.snapshot.status])).toEqual([
      ["b", "resolved"],
      ["d", "investigating"],
    ]);
    cache.written.replace(fingerprints);
    expect(cache.written.size).toBe(3);
    expect(unwritten([incident("a"), incident("b", "resolved"), incident("d")], cache).fresh).toEqual([]);
  });

  it("forgets an incident the page stops listing: listed again, it is compared with the record", () => {
    const cache = remembering([incident("a"), incident("b")]);
    cache.written.replace(unwritten([incident("b")], cache).fingerprints); // "a" dropped off the page
    expect(unwritten([incident("a"), incident("b")], cache).fresh.map((f) => f.snapshot.id)).toEqual(["a"]);
  });

  it("keeps at most WRITTEN_MEMORY, those that may have changed first", () => {
    const ids = Array.from({ length: WRITTEN_MEMORY + 20 }, (_, i) => `i${i}`);
    const cache = remembering(ids.slice(1).map((id) => incident(id)));
    const { fresh, fingerprints } = unwritten(
      ids.map((id) => incident(id)),
      cache,
    );
    expect(fingerprints).toHaveLength(WRITTEN_MEMORY);
    expect(fingerprints[0]).toBe(fresh.find((f) => f.snapshot.id === "i0")!.fingerprint);
  });
});

describe("pollIntervalSeconds", () => {
  it("is the vendor's interval, or a quarter of it (at least 15 s, at most the interval) while an incident is open", () => {
    expect(pollIntervalSeconds({ intervalSeconds: null, openIncidents: 0 }, 60)).toBe(60);
    expect(pollIntervalSeconds({ intervalSeconds: null, openIncidents: 2 }, 60)).toBe(15);
    expect(pollIntervalSeconds({ intervalSeconds: 300, openIncidents: 1 }, 60)).toBe(75);
    expect(pollIntervalSeconds({ intervalSeconds: 30, openIncidents: 1 }, 60)).toBe(15);
    expect(pollIntervalSeconds({ intervalSeconds: 10, openIncidents: 1 }, 60)).toBe(10);
  });
});
