// A feed item with no date at all is kept, dated by the poll that first saw it and marked so; the date
// stays put on later polls. Real loopback server, real client, feed platform, poller and store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme status</title>${items.join("")}</channel></rss>`;
const DATED = `<item><title>Dated outage</title><guid>dated-1</guid><pubDate>Fri, 31 Jul 2026 10:00:00 GMT</pubDate><description>Resolved - fixed.</description></item>`;
const UNDATED = `<item><title>Undated outage</title><guid>undated-1</guid><description>Resolved - it is over.</description></item>`;
const LATER = `<item><title>Another undated one</title><guid>undated-2</guid><description>Investigating - we are looking.</description></item>`;

let vendor: FakeVendor;
let h: Harness;

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/feed.rss": { body: rss([DATED, UNDATED]), headers: { "content-type": "application/rss+xml" } },
  });
  h = await openHarness({ start: "2026-08-01T00:00:00.000Z" });
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

describe("undated feed items", () => {
  it("are kept, dated by first sight and marked, and keep that date on later polls", async () => {
    await h.add({ url: `${vendor.url}/feed.rss`, slug: "acme", platform: "feed" });
    const first = await h.incidents("acme");
    expect(first.map((i) => i.title).sort()).toEqual(["Dated outage", "Undated outage"]);
    const undated = first.find((i) => i.title === "Undated outage")!;
    expect(undated.updates).toHaveLength(1);
    expect(undated.updates[0]!.id).toMatch(/^undated:/);
    expect(undated.updates[0]!.at).toBe("2026-08-01T00:00:00.000Z");
    expect(undated.startedAt).toBe("2026-08-01T00:00:00.000Z");
    const dated = first.find((i) => i.title === "Dated outage")!;
    expect(dated.updates[0]!.id).not.toMatch(/^undated:/);

    vendor.serve("/feed.rss", {
      body: rss([LATER, DATED, UNDATED]),
      headers: { "content-type": "application/rss+xml" },
    });
    h.clock.advance(3600);
    const outcome = await h.poll("acme");
    expect(outcome.ok).toBe(true);
    const second = await h.incidents("acme");
    const again = second.find((i) => i.title === "Undated outage")!;
    expect(again.updates.map((u) => [u.id, u.at])).toEqual(undated.updates.map((u) => [u.id, u.at]));
    const later = second.find((i) => i.title === "Another undated one")!;
    expect(later.updates[0]!.at).toBe("2026-08-01T01:00:00.000Z");
    // The API shows the mark in the update id.
    const api = (await h.api(`/api/v1/incidents/${later.id}`)) as { updates: { id: string; at: string }[] };
    expect(api.updates[0]!.id).toMatch(/^undated:/);
    expect(outcome.events.map((e) => e.type)).toEqual(["incident.opened"]);
    const page = await createApp({ store: h.store, now: () => h.clock.now, pollIntervalSeconds: 60 }).request(
      `/incidents/${later.id}`,
    );
    expect(await page.text()).toContain("(first seen; undated by the vendor)");
  });
});
