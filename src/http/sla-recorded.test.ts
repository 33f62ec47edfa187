// Uptime and SLA over GitHub's recorded Statuspage incidents (test/fixtures/recorded/statuspage:
// github-incidents.json, 2026-05-28 to 07-30), polled through the real poller into a real store, read
// through the real app, and checked against figures walked straight from the raw JSON's update times:
// at any instant, each incident open then holds, per component, the new_status of its latest update
// that names it (display_at); partial and major outage are down, the heaviest one counting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentId } from "../domain/record.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { getPlatform } from "../platforms/registry.ts";
import { createMemoryCache } from "../poller/memory-cache.ts";
import { pollVendor } from "../poller/poll-vendor.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { createApp } from "./app.ts";

interface RawUpdate {
  display_at: string | null;
  created_at: string;
  affected_components: { name: string; new_status: string }[] | null;
}
interface RawIncident {
  id: string;
  started_at: string;
  resolved_at: string | null;
  incident_updates: RawUpdate[];
}
const RAW: RawIncident[] = JSON.parse(sharedFixture("statuspage/github-incidents.json")).incidents;
const JUNE = { from: Date.parse("2026-06-01T00:00:00Z"), to: Date.parse("2026-07-01T00:00:00Z") };
const NOW = new Date("2026-08-01T00:00:00Z");

const weightOf = (status: string | undefined, partial: number) =>
  status === "major_outage" ? 1 : status === "partial_outage" ? partial : 0;

/** Seconds down in June for the named components taken together, and the incidents that made them. */
function rawDowntime(names: readonly string[], partial = 1) {
  const at = (u: RawUpdate) => Date.parse(u.display_at ?? u.created_at);
  const statusAt = (i: RawIncident, name: string, t: number) =>
    i.incident_updates
      .filter((u) => at(u) <= t && u.affected_components?.some((c) => c.name === name))
      .sort((a, b) => at(a) - at(b))
      .at(-1)
      ?.affected_components!.find((c) => c.name === name)!.new_status;
  const open = (i: RawIncident, t: number) =>
    Date.parse(i.started_at) <= t && (i.resolved_at === null || t < Date.parse(i.resolved_at));
  // Between two consecutive update, start or end times nothing changes: look at each piece's middle.
  const cuts = [
    ...new Set([
      JUNE.from,
      JUNE.to,
      ...RAW.flatMap((i) => [
        i.started_at,
        i.resolved_at,
        ...i.incident_updates.map((u) => u.display_at ?? u.created_at),
      ])
        .filter((t): t is string => t !== null)
        .map(Date.parse)
        .filter((t) => t > JUNE.from && t < JUNE.to),
    ]),
  ].sort((a, b) => a - b);
  let down = 0;
  const ids = new Set<string>();
  for (let k = 0; k + 1 < cuts.length; k++) {
    const mid = (cuts[k]! + cuts[k + 1]!) / 2;
    let worst = 0;
    for (const i of RAW.filter((i) => open(i, mid)))
      for (const name of names) {
        const w = weightOf(statusAt(i, name, mid), partial);
        if (w > 0) ids.add(i.id);
        worst = Math.max(worst, w);
      }
    down += (worst * (cuts[k + 1]! - cuts[k]!)) / 1000;
  }
  return { down, ids };
}

let store: Store;
let vendor: FakeVendor;
const app = () => createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const getJson = async (path: string): Promise<any> => (await app().request(path)).json();

beforeAll(async () => {
  store = await openStore(":memory:");
  vendor = await startFakeVendor({
    "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
    "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
  });
  await store.addVendor(
    { slug: "github", name: "GitHub", url: vendor.url, platform: "statuspage" },
    NOW.toISOString(),
  );
  const cache = createMemoryCache();
  const outcome = await pollVendor((await store.getVendor("github"))!, {
    store,
    http: createHttpClient({ allowPrivateTargets: true }),
    platform: getPlatform,
    now: () => NOW,
    defaultIntervalSeconds: 60,
    cacheFor: () => cache,
    random: () => 0.5,
  });
  expect(outcome.ok).toBe(true);
});
afterAll(async () => {
  await vendor.close();
  await store.close();
});

describe("GitHub's recorded incidents, June 2026", () => {
  it("gives each component the downtime the raw updates add up to", async () => {
    const body = await getJson("/api/v1/vendors/github/uptime?from=2026-06-01&to=2026-06-30");
    const month = (JUNE.to - JUNE.from) / 1000;
    let downed = 0;
    for (const component of body.components) {
      const { down } = rawDowntime([component.name]);
      if (down > 0) downed++;
      expect(component.downtime_seconds, component.name).toBe(Math.round(down));
      expect(component.no_data_seconds).toBe(0);
      expect(component.uptime_percent).toBeCloseTo((100 * (month - down)) / month, 9);
    }
    // The recording has real outages: the comparison is not all zeros.
    expect(downed).toBeGreaterThan(3);
  });

  it("weighs partial outage at 0.3 when the vendor says so", async () => {
    await store.setPartialOutageWeight("github", 0.3);
    try {
      const body = await getJson("/api/v1/vendors/github/uptime?from=2026-06-01&to=2026-06-30");
      for (const component of body.components)
        expect(component.downtime_seconds, component.name).toBe(
          Math.round(rawDowntime([component.name], 0.3).down),
        );
    } finally {
      await store.setPartialOutageWeight("github", null);
    }
  });

  it("judges a vendor-wide SLA: down whenever any component is", async () => {
    await store.setSla({
      vendor: "github",
      component: null,
      targetPercent: 99.9,
      credits: [{ below: 99.9, creditPercent: 10 }],
      claimDays: 30,
    });
    const components = (await getJson("/api/v1/vendors/github")).components.map(
      (c: { name: string }) => c.name,
    );
    const { down, ids } = rawDowntime(components);
    const [item] = (await getJson("/api/v1/sla?month=2026-06")).items;
    const uptime = (100 * (2_592_000 - down)) / 2_592_000;
    expect(item).toMatchObject({
      vendor: "github",
      component: null,
      downtime_seconds: Math.round(down),
      allowed_downtime_seconds: 2592,
    });
    expect(item.uptime_percent).toBeCloseTo(uptime, 9);
    expect(item.met).toBe(uptime >= 99.9);
    expect(item.credit_percent).toBe(uptime < 99.9 ? 10 : 0);
    expect(new Set(item.incident_ids)).toEqual(new Set([...ids].map((id) => incidentId("github", id))));
  });
});
