// The vendor page says what Pingoru noticed about the source: a held breaker, ids that change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { NOW, seedRecord } from "../../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

const vendorPage = async () => (await app.request("/vendors/acme")).text();

describe("source notes on the vendor page", () => {
  it("shows none for a vendor with a well-behaved source", async () => {
    const body = await vendorPage();
    expect(body).not.toContain("Notifications are held");
    expect(body).not.toContain("Unstable ids");
  });

  it("shows a held breaker with its reason and how to reset it, and unstable ids with since when", async () => {
    const polledAt = "2024-05-03T12:00:00.000Z";
    await store.savePoll({
      vendor: "acme",
      polledAt,
      nextPollAt: polledAt,
      outcome: {
        ok: true,
        unstableIds: true,
        holdNotifications: "circuit breaker: one poll opened 30 <b>incidents</b>",
      },
      events: [],
    });
    const body = await vendorPage();
    expect(body).toContain(
      "Notifications are held: circuit breaker: one poll opened 30 &lt;b&gt;incidents&lt;/b&gt;",
    );
    expect(body).toContain("pingoru vendors reset-breaker acme");
    expect(body).toMatch(/Unstable ids:[^<]*<time datetime="2024-05-03T12:00:00.000Z"/);
    await store.resetBreaker("acme", polledAt);
    expect(await vendorPage()).not.toContain("Notifications are held");
  });
});
