// Issue 16 through the real pipeline: an incident.io page (recorded summary, feed derived from the
// documented format with every update's components shuffled, and one incident listing 15 components
// of which one is degraded) served on loopback, polled into a real store, read through the API and
// routed to subscriptions filtered by component. Expected values come from the raw payloads here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/domain/notification.ts";
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

const SUMMARY = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
const FEED = localFixture("incidentio/openai-feed-shuffled.derived.documented-format.rss");
const FINE_TUNING = "01M3P0Q5ZC7T3V8X9YB2D4F6GH";
const BIG = "01M3Q4RK1SM4EMK445GGPG7C0N";

// ---- The raw payloads, read independently of Pingoru's parsers ----
interface RawItem {
  text: string;
  incident: string;
  at: string;
  components: { name: string; state: string }[];
}
const [HEAD, ...REST] = FEED.split("<item>");
const ITEMS: RawItem[] = REST.map((chunk) => {
  const text = "<item>" + chunk.replace(/<\/channel>[\s\S]*$/, "");
  const description = /<description>([\s\S]*?)<\/description>/
    .exec(text)![1]!
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
  return {
    text,
    incident: /\/incidents\/([A-Z0-9]+)/.exec(text)![1]!,
    at: new Date(/<pubDate>(.*?)<\/pubDate>/.exec(text)![1]!).toISOString(),
    components: [...description.matchAll(/<li>(.*?) \(([^)]+)\)<\/li>/g)].map((m) => ({
      name: m[1]!,
      state: m[2]!,
    })),
  };
});
const feedOf = (items: RawItem[]) => `${HEAD}${items.map((i) => i.text).join("")}</channel>\n</rss>\n`;
const itemsOf = (incident: string) => ITEMS.filter((i) => i.incident === incident).reverse(); // oldest first

/** The vendor's order by name (its first component of that name), then the incident's first mention. */
function expectedRank(incident: string): (name: string) => number {
  const vendorNames: string[] = JSON.parse(SUMMARY).components.map((c: { name: string }) => c.name);
  const mentioned = [...new Set(itemsOf(incident).flatMap((i) => i.components.map((c) => c.name)))];
  return (name) => (vendorNames.includes(name) ? vendorNames.indexOf(name) : 1000 + mentioned.indexOf(name));
}
const byRank = (names: string[], rank: (name: string) => number) =>
  [...names].sort((a, b) => rank(a) - rank(b));

/** Affected: some state other than "Operational"; the rest were only listed. Both in the vendor's order. */
function expectedSplit(incident: string) {
  const states = new Map<string, Set<string>>();
  for (const c of itemsOf(incident).flatMap((i) => i.components))
    states.set(c.name, (states.get(c.name) ?? new Set()).add(c.state));
  const rank = expectedRank(incident);
  const affected = [...states].filter(([, s]) => [...s].some((x) => x !== "Operational")).map(([n]) => n);
  const listed = [...states].filter(([, s]) => [...s].every((x) => x === "Operational")).map(([n]) => n);
  return { affected: byRank(affected, rank), listed: byRank(listed, rank) };
}

// ---- The pipeline ----
let vendor: FakeVendor;
let h: Harness;
const deliveries = async (): Promise<Delivery[]> => (await h.store.listDeliveries({ limit: 500 })).items;
const incident = async (vendorId: string) =>
  (await h.incidents("openai")).find((i) => i.vendorIncidentId === vendorId)!;

beforeAll(async () => {
  vendor = await startFakeVendor({ "/api/v2/summary.json": SUMMARY, "/feed.rss": feedOf([]) });
  h = await openHarness({ start: "2026-09-27T09:00:00.000Z" });
  await h.store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: "http://127.0.0.1:9/h" },
    disabledReason: null,
  });
  const events = ["incident.opened", "incident.updated", "incident.resolved"] as const;
  const base = { channel: "hook", vendors: null, minImpact: null, events: [...events] };
  await h.store.upsertSubscription({ ...base, id: "fine-tuning", components: { openai: ["Fine-tuning"] } });
  await h.store.upsertSubscription({ ...base, id: "embeddings", components: { openai: ["Embeddings"] } });
  const added = await h.add({ url: vendor.url, slug: "openai" });
  expect(added.detection?.kind).toBe("incidentio");
});
afterAll(async () => {
  await h?.close();
  await vendor?.close();
});

describe("incident.io: 15 components listed, one degraded (issue 16)", () => {
  const [investigating, resolved] = itemsOf(FINE_TUNING);

  it("the fixture is the case: one update lists 15 components, one of them not operational", () => {
    expect(investigating!.components).toHaveLength(15);
    expect(investigating!.components.filter((c) => c.state !== "Operational")).toHaveLength(1);
  });

  it("affected is the degraded one; the rest are listed as operational, in the vendor's order", async () => {
    vendor.serve("/feed.rss", feedOf([investigating!]));
    h.clock.now = new Date("2026-09-27T09:20:00.000Z");
    const opened = await h.poll("openai");
    expect(opened.events.map((e) => e.type)).toEqual(["incident.opened"]);

    const expected = expectedSplit(FINE_TUNING);
    expect(expected.affected).toEqual(["Fine-tuning"]);
    const stored = await incident(FINE_TUNING);
    expect(stored.affectedComponents.map((c) => [c.name, c.worstStatus])).toEqual([
      ["Fine-tuning", "degraded_performance"],
    ]);
    expect(stored.listedOperational.map((c) => c.name)).toEqual(expected.listed);
    expect(stored.listedOperational).toHaveLength(14);
    // Every listed component stays on its update, with its state, in the vendor's order.
    const rank = expectedRank(FINE_TUNING);
    expect(stored.updates[0]!.components.map((c) => c.name)).toEqual(
      byRank(
        investigating!.components.map((c) => c.name),
        rank,
      ),
    );
    const api = (await h.api(`/api/v1/incidents/${stored.id}`)) as {
      affected_components: { name: string; worst_status: string }[];
    };
    expect(api.affected_components).toEqual([
      { id: expect.any(String), name: "Fine-tuning", worst_status: "degraded_performance" },
    ]);
  });

  it("only the subscription to the degraded component hears of it, opened and resolved", async () => {
    vendor.serve("/feed.rss", feedOf([resolved!, investigating!]));
    h.clock.now = new Date("2026-09-27T10:05:00.000Z");
    const closed = await h.poll("openai");
    expect(closed.events.map((e) => e.type)).toEqual(["incident.resolved"]);
    const stored = await incident(FINE_TUNING);
    expect(stored.affectedComponents.map((c) => c.name)).toEqual(expectedSplit(FINE_TUNING).affected);
    const sent = await deliveries();
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((d) => d.subscription))).toEqual(new Set(["fine-tuning"]));
    expect(new Set(sent.map((d) => d.incidentId))).toEqual(new Set([stored.id]));
  });
});

describe("incident.io: each update lists its components in its own order (issue 16)", () => {
  it("the record, the API and routing put every list in the vendor's order", async () => {
    const updates = itemsOf(BIG);
    const orders = new Set(updates.map((u) => u.components.map((c) => c.name).join("|")));
    expect(orders.size).toBeGreaterThan(1); // the fixture really differs from update to update
    const before = await deliveries();
    vendor.serve("/feed.rss", FEED);
    h.clock.now = new Date("2026-09-29T20:35:00.000Z");
    expect((await h.poll("openai")).ok).toBe(true);

    const rank = expectedRank(BIG);
    const stored = await incident(BIG);
    expect(stored.updates.map((u) => u.at)).toEqual(updates.map((u) => u.at));
    const api = (await h.api(`/api/v1/incidents/${stored.id}`)) as {
      affected_components: { name: string }[];
      updates: { components: { name: string }[] }[];
    };
    updates.forEach((raw, i) => {
      const want = byRank(
        raw.components.map((c) => c.name),
        rank,
      );
      expect(stored.updates[i]!.components.map((c) => c.name)).toEqual(want);
      expect(api.updates[i]!.components.map((c) => c.name)).toEqual(want);
    });
    const expected = expectedSplit(BIG);
    expect(api.affected_components.map((c) => c.name)).toEqual(expected.affected);
    expect(stored.listedOperational).toEqual([]);
    // Nothing of it concerns Fine-tuning or Embeddings: no delivery.
    expect(await deliveries()).toEqual(before);
  });
});
