// A resolved incident that shows up in a vendor's history after Pingoru began watching, but started
// long before, is recorded as "appeared later" and notifies nothing; one that started and ended
// between two polls is still news. Real loopback server, client, feed platform, poller and store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

const item = (guid: string, title: string, date: string) =>
  `<item><title>${title}</title><guid>${guid}</guid><pubDate>${date}</pubDate><description>Resolved - This incident has been resolved.</description></item>`;
const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme status</title>${items.join("")}</channel></rss>`;
const FEED = { "content-type": "application/rss+xml" };
const OLD = item("old-1", "Old outage", "Mon, 01 Jul 2024 10:00:00 GMT");
const BACKDATED = item("late-1", "Backdated outage", "Wed, 01 Jan 2025 10:00:00 GMT");
const SHORT = item("short-1", "Short outage", "Sat, 01 Aug 2026 00:30:00 GMT");

let vendor: FakeVendor;
let h: Harness;

beforeAll(async () => {
  vendor = await startFakeVendor({ "/feed.rss": { body: rss([OLD]), headers: FEED } });
  h = await openHarness({ start: "2026-08-01T00:00:00.000Z" });
  await h.add({ url: `${vendor.url}/feed.rss`, slug: "acme", platform: "feed" });
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

describe("a backdated entry in a vendor's history", () => {
  it("is recorded as appeared later, with the time first seen, and notifies nothing", async () => {
    vendor.serve("/feed.rss", { body: rss([BACKDATED, OLD]), headers: FEED });
    h.clock.advance(3600);
    const outcome = await h.poll("acme");
    expect(outcome.ok).toBe(true);
    expect(outcome.events).toEqual([]);
    const late = (await h.incidents("acme")).find((i) => i.title === "Backdated outage")!;
    expect(late).toMatchObject({
      status: "resolved",
      startedAt: "2025-01-01T10:00:00.000Z",
      detectedAt: "2026-08-01T01:00:00.000Z",
      seenLive: false,
    });
    expect(late.detectionLagSeconds).toBeGreaterThan(0);
    const api = (await h.api(`/api/v1/incidents/${late.id}`)) as Record<string, unknown>;
    expect(api).toMatchObject({ seen_live: false, detected_at: "2026-08-01T01:00:00.000Z" });
    const page = await createApp({ store: h.store, now: () => h.clock.now, pollIntervalSeconds: 60 }).request(
      `/incidents/${late.id}`,
    );
    expect(await page.text()).toContain("appeared later");
  });

  it("an incident that started and ended between two polls is still news", async () => {
    vendor.serve("/feed.rss", { body: rss([SHORT, BACKDATED, OLD]), headers: FEED });
    h.clock.advance(3600);
    const outcome = await h.poll("acme");
    expect(outcome.events.map((e) => e.type)).toEqual(["incident.opened", "incident.resolved"]);
  });
});
