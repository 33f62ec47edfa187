// Postmortems through the real pipeline: payloads on loopback, the real client, platforms, poller and
// store. A Statuspage incident whose postmortem is published (a recorded GitHub incident plus
// Statuspage's documented postmortem fields) and Clerk's DNS outage, whose postmortem came three days
// later as one more "Resolved" feed item. Expected values are read from the raw payloads here.
import { afterEach, describe, expect, it } from "vitest";
import { parseSubscriptionInput } from "../../src/admin/subscription-input.ts";
import type { ChangeEvent } from "../../src/domain/model.ts";
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

let vendor: FakeVendor | null = null;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  await vendor?.close();
});

const SWEEP = 11 * 60; // past the poller's full-read period, so every poll reads the history again

/** A default subscription (names no events) and one that asks for postmortems. */
async function subscribe(harness: Harness): Promise<void> {
  await harness.store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: "http://127.0.0.1:9/h" },
    disabledReason: null,
  });
  await harness.store.upsertSubscription(parseSubscriptionInput({ id: "default", channel: "hook" }));
  await harness.store.upsertSubscription(
    parseSubscriptionInput({ id: "asks", channel: "hook", events: ["incident.postmortem"] }),
  );
}

/** Which subscriptions got a delivery carrying this event. */
async function deliveredTo(harness: Harness, event: ChangeEvent): Promise<string[]> {
  const { items } = await harness.store.listDeliveries({ limit: 500 });
  return items.filter((d) => d.eventIds.includes(event.id)).map((d) => d.subscription);
}

async function postmortemEvents(harness: Harness, slug: string): Promise<ChangeEvent[]> {
  const { items } = await harness.store.listEvents({
    limit: 500,
    vendor: slug,
    types: ["incident.postmortem"],
  });
  return items;
}

/** Polls twice more: the postmortem is not news again. */
async function pollTwiceMore(harness: Harness, slug: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    harness.clock.advance(SWEEP);
    const again = await harness.poll(slug);
    expect(again.ok).toBe(true);
    expect(again.events).toEqual([]);
  }
  expect(await postmortemEvents(harness, slug)).toHaveLength(1);
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);
const iso = (date: string) => new Date(date).toISOString();

describe("Statuspage: a published postmortem (GitHub incident + documented postmortem fields)", () => {
  const recorded = JSON.parse(sharedFixture("statuspage/github-incident-by-id.json"));
  const derivedText = localFixture("statuspage/github-incidents-postmortem.derived.json");
  const raw = JSON.parse(derivedText).incidents[0];

  it("records its time and text, keeps the first resolution, and notifies once, only who asked", async () => {
    vendor = await startFakeVendor({
      "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
      "/api/v2/incidents.json": JSON.stringify({ page: recorded.page, incidents: [recorded.incident] }),
    });
    h = await openHarness({ start: "2023-01-11T00:00:00.000Z" });
    await subscribe(h);
    await h.add({ url: vendor.url, slug: "github", platform: "statuspage" });
    const [before] = (await h.incidents("github")).filter((i) => i.vendorIncidentId === raw.id);
    expect(before).toMatchObject({ status: "resolved", postmortemPublishedAt: null });

    vendor.serve("/api/v2/incidents.json", derivedText);
    h.clock.now = new Date("2023-01-13T17:00:00.000Z");
    const published = await h.poll("github");
    expect(published.events.map((e) => e.type)).toEqual(["incident.postmortem"]);
    const event = published.events[0]!;
    expect(event.data).toMatchObject({
      postmortem_published_at: raw.postmortem_published_at,
      postmortem_url: null,
    });
    expect(await deliveredTo(h, event)).toEqual(["asks"]);

    const incident = (await h.incidents("github")).find((i) => i.vendorIncidentId === raw.id)!;
    const startedAt = [raw.created_at, raw.started_at].sort()[0];
    expect(incident).toMatchObject({
      status: "postmortem",
      resolvedAt: raw.resolved_at,
      postmortemPublishedAt: raw.postmortem_published_at,
      postmortemUrl: null,
    });
    expect(incident.updates).toHaveLength(raw.incident_updates.length + 1);
    expect(incident.updates.at(-1)).toMatchObject({ status: "postmortem", message: raw.postmortem_body });
    expect(incident.updates.filter((u) => u.status === "resolved")).toHaveLength(1);
    expect(await h.api(`/api/v1/incidents/${incident.id}`)).toMatchObject({
      status: "postmortem",
      resolved_at: raw.resolved_at,
      duration_seconds: seconds(startedAt, raw.resolved_at),
      postmortem_published_at: raw.postmortem_published_at,
      postmortem_url: null,
    });

    await pollTwiceMore(h, "github");
  });
});

describe("incident.io feed: Clerk's DNS outage, its postmortem posted three days later as 'Resolved'", () => {
  const feed = localFixture("incidentio/clerk-feed-postmortem.documented-format.rss");
  const [head, ...rest] = feed.split("<item>");
  const items = rest.map((item) => "<item>" + item.replace(/<\/channel>[\s\S]*$/, "")).reverse(); // oldest first
  const feedOf = (chosen: string[]) => `${head}${[...chosen].reverse().join("")}</channel>\n</rss>\n`;
  const DNS = "01KGZ3M8VQ4T7D2R6N9B5X1C0E";
  // Read from the raw items: each one's date, stated status and first link.
  const dns = items
    .filter((item) => item.includes(DNS))
    .map((item) => ({
      at: iso(/<pubDate>([^<]+)<\/pubDate>/.exec(item)![1]!),
      status: /Status: ([A-Za-z]+)/.exec(item)![1]!,
      href: /href="([^"]+)"/.exec(item)?.[1] ?? null,
    }));
  const firstResolved = dns.find((item) => item.status === "Resolved")!;
  const last = dns.at(-1)!;

  it("stays resolved at its first resolution; the later item is its postmortem, notified once", async () => {
    expect(last.status).toBe("Resolved"); // what the vendor's feed says of the postmortem item
    const older = items.filter((item) => !item.includes(DNS));
    const upTo = (at: string) => [
      ...older,
      ...items.filter((i) => i.includes(DNS) && iso(/<pubDate>([^<]+)</.exec(i)![1]!) <= at),
    ];
    vendor = await startFakeVendor({ "/feed.rss": feedOf(older) });
    h = await openHarness({ start: "2026-02-10T18:00:00.000Z" });
    await subscribe(h);
    await h.add({ url: `${vendor.url}/feed.rss`, slug: "clerk", platform: "feed" });

    vendor.serve("/feed.rss", feedOf(upTo(dns[0]!.at)));
    h.clock.now = new Date("2026-02-10T18:30:00.000Z");
    expect((await h.poll("clerk")).events.map((e) => e.type)).toEqual(["incident.opened"]);

    vendor.serve("/feed.rss", feedOf(upTo(firstResolved.at)));
    h.clock.now = new Date("2026-02-10T19:50:00.000Z");
    expect((await h.poll("clerk")).events.map((e) => e.type)).toContain("incident.resolved");

    vendor.serve("/feed.rss", feed);
    h.clock.now = new Date("2026-02-13T17:30:00.000Z");
    const published = await h.poll("clerk");
    expect(published.events.map((e) => e.type)).toEqual(["incident.postmortem"]);
    expect(await deliveredTo(h, published.events[0]!)).toEqual(["asks"]);

    const incident = (await h.incidents("clerk")).find((i) => i.vendorIncidentId === DNS)!;
    expect(incident).toMatchObject({
      status: "postmortem",
      resolvedAt: firstResolved.at,
      postmortemPublishedAt: last.at,
      postmortemUrl: last.href,
    });
    expect(incident.updates.map((u) => u.at)).toEqual(dns.map((item) => item.at));
    expect(incident.updates.map((u) => u.status)).toEqual([
      ...dns.slice(0, -1).map((item) => item.status.toLowerCase()),
      "postmortem",
    ]);
    expect(await h.api(`/api/v1/incidents/${incident.id}`)).toMatchObject({
      resolved_at: firstResolved.at,
      duration_seconds: seconds(dns[0]!.at, firstResolved.at),
      postmortem_published_at: last.at,
      postmortem_url: last.href,
    });

    await pollTwiceMore(h, "clerk");
  });
});
