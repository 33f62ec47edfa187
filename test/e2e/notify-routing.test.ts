// Routing end to end: real GitHub payloads on loopback, the real poller and store. Adding a vendor with
// 50 past incidents notifies nothing; a new incident is one delivery; polling again adds none; the
// page failing and recovering reaches only the subscription that asked for source events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/domain/notification.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

const summary = JSON.parse(sharedFixture("statuspage/github-summary.json"));
const incidents = JSON.parse(sharedFixture("statuspage/github-incidents.json"));
const START = "2026-08-01T00:00:00.000Z";

/** A new open incident on Actions, shaped like the recorded ones. */
function newIncident(at: string) {
  const update = {
    id: "newupdate001",
    status: "investigating",
    body: "We are investigating reports of degraded performance for Actions.",
    incident_id: "newincident1",
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: [
      {
        code: "br0l2tvcx85d",
        name: "Actions",
        old_status: "operational",
        new_status: "degraded_performance",
      },
    ],
  };
  return {
    ...incidents.incidents[0],
    id: "newincident1",
    name: "Disruption with some GitHub services",
    status: "investigating",
    impact: "minor",
    created_at: at,
    updated_at: at,
    started_at: at,
    resolved_at: null,
    monitoring_at: null,
    incident_updates: [update],
  };
}

let vendor: FakeVendor;
let h: Harness;

const deliveries = async (): Promise<Delivery[]> => (await h.store.listDeliveries({ limit: 500 })).items;

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": JSON.stringify(summary),
    "/api/v2/incidents.json": JSON.stringify(incidents),
  });
  h = await openHarness({ start: START });
  await h.store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: "http://127.0.0.1:9/h" },
    disabledReason: null,
  });
  const base = { channel: "hook", vendors: null, components: null, minImpact: null };
  await h.store.upsertSubscription({
    ...base,
    id: "all",
    events: ["incident.opened", "incident.updated", "incident.resolved"],
  });
  await h.store.upsertSubscription({
    ...base,
    id: "sources",
    events: ["source.degraded", "source.recovered"],
  });
  await h.store.upsertSubscription({
    ...base,
    id: "elsewhere",
    vendors: ["clerk"],
    events: ["incident.opened"],
  });
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

describe("notification routing over loopback", () => {
  it("adding a vendor with 50 past incidents notifies nothing", async () => {
    expect(incidents.incidents).toHaveLength(50);
    const added = await h.add({ url: vendor.url, slug: "github" });
    expect(added.baseline).toMatchObject({ ok: true, events: [] });
    expect(await h.incidents("github")).toHaveLength(50);
    expect(await deliveries()).toEqual([]);
  });

  it("a new incident is exactly one delivery, to the subscription that wants it", async () => {
    h.clock.advance(60);
    const at = h.clock.now.toISOString();
    const open = newIncident(at);
    vendor.serve("/api/v2/summary.json", JSON.stringify({ ...summary, incidents: [open] }));
    vendor.serve(
      "/api/v2/incidents.json",
      JSON.stringify({ ...incidents, incidents: [open, ...incidents.incidents] }),
    );
    const outcome = await h.poll("github");
    expect(outcome.events.map((e) => e.type)).toEqual(["incident.opened"]);
    const [delivery, ...rest] = await deliveries();
    expect(rest).toEqual([]);
    expect(delivery).toMatchObject({
      subscription: "all",
      channel: "hook",
      vendor: "github",
      eventIds: outcome.events.map((e) => e.id),
      status: "pending",
      createdAt: at,
      nextAttemptAt: at,
    });
    const [stored] = await h.store.getEvents(delivery!.eventIds);
    expect(stored?.incidentId).toBe(delivery?.incidentId);
    expect((await h.store.getIncident(delivery!.incidentId!))?.vendorIncidentId).toBe("newincident1");
  });

  it("polling the same page again adds no delivery", async () => {
    h.clock.advance(60);
    expect((await h.poll("github")).events).toEqual([]);
    expect(await deliveries()).toHaveLength(1);
  });

  it("the page failing and recovering reaches only the source subscription, once each", async () => {
    vendor.serve("/api/v2/summary.json", { status: 503, body: "unavailable" });
    for (let i = 0; i < 2; i++) {
      h.clock.advance(60);
      expect((await h.poll("github")).ok).toBe(false);
    }
    vendor.serve("/api/v2/summary.json", JSON.stringify(summary));
    h.clock.advance(60);
    expect((await h.poll("github")).ok).toBe(true);
    const sources = (await deliveries()).filter((d) => d.subscription === "sources").reverse();
    const events = await h.store.getEvents(sources.flatMap((d) => d.eventIds));
    expect(events.map((e) => e.type)).toEqual(["source.degraded", "source.recovered"]);
    expect((await deliveries()).map((d) => d.subscription).sort()).toEqual(["all", "sources", "sources"]);
  });
});
