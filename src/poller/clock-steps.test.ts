// The machine's clock stepping backwards and forwards between polls (an NTP correction, a VM resumed):
// the record gets every change once — no duplicate events, none missing — and no time span in it is
// negative. Through the real poller and HTTP client, a recorded page served on loopback.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../domain/model.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { getPlatform } from "../platforms/registry.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { createMemoryCache } from "./memory-cache.ts";
import { pollVendor, type PollDeps } from "./poll-vendor.ts";

const healthy = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
// Two incidents opened at 17:49 and 17:52 on 2026-09-29, with components degraded.
const incident = sharedFixture("incidentio/openai-api-v2-summary.json");
const http = createHttpClient({ allowPrivateTargets: true });
afterAll(() => http.close());

let page: FakeVendor;
let store: Store;
let clock: Date;
const polled: ChangeEvent[] = []; // every event the polls returned
let cache: ReturnType<typeof createMemoryCache>;
const deps = (): PollDeps => ({
  store,
  http,
  platform: getPlatform,
  now: () => clock,
  defaultIntervalSeconds: 60,
  cacheFor: () => cache,
  random: () => 0.5,
});

beforeEach(async () => {
  polled.length = 0;
  cache = createMemoryCache();
  page = await startFakeVendor({ "/api/v2/summary.json": healthy });
  store = await openStore(":memory:");
  await store.addVendor(
    { slug: "openai", name: "", url: page.url, platform: "incidentio" },
    "2026-09-29T18:00:00.000Z",
  );
});
afterEach(async () => {
  await store.close();
  await page.close();
});

async function pollAt(at: string, body: string): Promise<ChangeEvent[]> {
  clock = new Date(at);
  page.serve("/api/v2/summary.json", body);
  const outcome = await pollVendor((await store.getVendor("openai"))!, deps());
  expect(outcome.ok).toBe(true);
  polled.push(...outcome.events);
  const vendor = await store.getVendor("openai");
  expect(Date.parse(vendor!.nextPollAt)).toBeGreaterThan(clock.getTime()); // never due in the past
  return outcome.events;
}

const count = (events: readonly ChangeEvent[], type: string) => events.filter((e) => e.type === type).length;

describe("the clock stepping", () => {
  it("backwards past the incidents' start, then a day forwards: each change once, no negative span", async () => {
    await pollAt("2026-09-29T18:30:00.000Z", healthy); // the baseline
    const opened = await pollAt("2026-09-29T18:31:00.000Z", incident);
    expect(count(opened, "incident.opened")).toBe(2);
    const degraded = count(opened, "component.changed");
    expect(degraded).toBeGreaterThan(0);

    // An hour back, before the incidents even started: the same page again is no news, with or
    // without the poller's memory (a restart forgets it).
    expect(await pollAt("2026-09-29T17:31:00.000Z", incident)).toEqual([]);
    cache = createMemoryCache();
    expect(await pollAt("2026-09-29T17:32:00.000Z", incident)).toEqual([]);
    // Still back in time, the incidents leave the page: resolved, and the components recover.
    const ended = await pollAt("2026-09-29T17:33:00.000Z", healthy);
    expect(count(ended, "incident.resolved")).toBe(2);
    expect(count(ended, "component.changed")).toBe(degraded);

    // A day forwards: nothing new happened, so nothing is recorded.
    expect(await pollAt("2026-09-30T17:34:00.000Z", healthy)).toEqual([]);

    const stored = (await store.listEvents({ limit: 100 })).items;
    expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
    expect(stored.map((e) => e.id).sort()).toEqual(polled.map((e) => e.id).sort());
    const incidents = (await store.listIncidents("openai", { limit: 10, before: null })).items;
    expect(incidents).toHaveLength(2);
    for (const recorded of incidents) {
      expect(recorded.resolvedAt).not.toBeNull();
      expect(recorded.resolvedAt! >= recorded.startedAt).toBe(true);
      const times = recorded.updates.map((u) => u.at);
      expect(times).toEqual([...times].sort()); // the timeline runs forwards
      expect(recorded.detectionLagSeconds ?? 0).toBeGreaterThanOrEqual(0);
    }
  });
});
