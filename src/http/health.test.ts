import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import type { PollerPace } from "./health.ts";

let store: Store;
beforeAll(async () => {
  store = await openStore(":memory:");
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://acme.example", platform: "feed" },
    new Date().toISOString(),
  );
});
afterAll(() => store.close());

const appWith = (poller: PollerPace) =>
  createApp({ store, now: () => new Date(), pollIntervalSeconds: 60, health: () => ({ poller }) });

describe("a database outage on /healthz", () => {
  it("is a warning with when it began, beside the poller's own", async () => {
    const since = new Date("2026-03-01T10:00:00.000Z");
    const app = createApp({
      store,
      now: () => new Date(),
      pollIntervalSeconds: 60,
      health: () => ({
        poller: { behind: false, started: 10, lateShare: 0, maxDelaySeconds: 0 },
        databaseUnavailableSince: since,
      }),
    });
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      warnings: ["database unavailable"],
      database: { available: false, since: since.toISOString() },
    });
  });
});

describe("the poller's pace on /healthz and the dashboard", () => {
  it("keeps /healthz at {status: ok} while the poller keeps pace, and says nothing on the dashboard", async () => {
    const app = appWith({ behind: false, started: 500, lateShare: 0.002, maxDelaySeconds: 2.5 });
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" });
    expect(await (await app.request("/")).text()).not.toContain("behind schedule");
  });

  it("says the poller is behind schedule, with its figures, on /healthz and the dashboard", async () => {
    const app = appWith({ behind: true, started: 900, lateShare: 0.4234, maxDelaySeconds: 27.46 });
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      warnings: ["poller behind schedule"],
      poller: {
        behind: true,
        polls_started_last_minute: 900,
        late_share: 0.4234,
        max_start_delay_seconds: 27.5,
      },
    });
    const page = await (await app.request("/")).text();
    expect(page).toContain(
      "The poller is behind schedule: 42% of polls in the last minute started more than 2 s late",
    );
  });
});
