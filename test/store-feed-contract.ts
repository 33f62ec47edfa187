// The Store contract for the machine interfaces (feeds, metrics), run on every database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident, UpdateSnapshot } from "../src/domain/model.ts";
import { stableId } from "../src/lib/hash.ts";
import type { Delivery } from "../src/notify/model.ts";
import type { Store } from "../src/store/store.ts";

const at = (m: number): string => new Date(Date.UTC(2026, 7, 1, 10, m)).toISOString();

const update = (id: string, minute: number, extra: Partial<UpdateSnapshot> = {}): UpdateSnapshot => ({
  id,
  status: "investigating",
  at: at(minute),
  message: `message ${id}`,
  components: [],
  ...extra,
});

const incident = (vendor: string, id: string, updates: UpdateSnapshot[], extra: Partial<Incident> = {}) => ({
  id: `${vendor}:${id}`,
  vendor,
  vendorIncidentId: id,
  kind: "incident" as const,
  title: `Title ${id}`,
  status: "investigating" as const,
  impact: "minor" as const,
  url: `https://status.${vendor}.example/incidents/${id}`,
  startedAt: updates[0]?.at ?? at(0),
  resolvedAt: null,
  scheduledFor: null,
  scheduledUntil: null,
  detectedAt: at(0),
  seenLive: true,
  detectionLagSeconds: null,
  affectedComponents: [],
  updates,
  ...extra,
});

const delivery = (id: string, eventId: string): Delivery => ({
  id,
  subscription: "s",
  channel: "hook",
  vendor: "acme",
  incidentId: null,
  componentId: null,
  eventIds: [eventId],
  status: "pending",
  attempts: 0,
  createdAt: at(1),
  nextAttemptAt: at(1),
  deliveredAt: null,
  lastError: null,
});

export function storeFeedContract(name: string, open: () => Promise<Store>): void {
  describe(`Store feed and metrics contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta"])
        await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    const save = (vendor: string, incidents: Incident[]) =>
      store.savePoll({
        vendor,
        polledAt: at(30),
        nextPollAt: at(31),
        outcome: { ok: true, incidents },
        events: [],
      });

    it("lists the latest updates across incidents and vendors, newest first, with their incident", async () => {
      const state = { id: "c1", name: "API", status: "major_outage" as const };
      await save("acme", [
        incident("acme", "i1", [
          update("a", 1),
          update("b", 5, { status: "identified", components: [state] }),
        ]),
        incident("acme", "m1", [update("m", 3)], { kind: "maintenance", title: "Upgrade", url: null }),
      ]);
      await save("beta", [incident("beta", "i2", [update("c", 4), update("d", 7)])]);

      const all = await store.listRecentUpdates({ limit: 50 });
      expect(all.map((r) => r.update.id)).toEqual(["d", "b", "c", "m", "a"]);
      expect(all[1]).toEqual({
        incidentId: "acme:i1",
        vendor: "acme",
        title: "Title i1",
        kind: "incident",
        incidentUrl: "https://status.acme.example/incidents/i1",
        update: update("b", 5, { status: "identified", components: [state] }),
      });
      expect(all[3]).toMatchObject({ kind: "maintenance", title: "Upgrade", incidentUrl: null });
    });

    it("filters by vendor and honours the limit (clamped to at least one)", async () => {
      await save("acme", [incident("acme", "i1", [update("a", 1), update("b", 2), update("c", 3)])]);
      await save("beta", [incident("beta", "i2", [update("d", 9)])]);
      const acme = await store.listRecentUpdates({ limit: 50, vendor: "acme" });
      expect(acme.map((r) => r.update.id)).toEqual(["c", "b", "a"]);
      expect((await store.listRecentUpdates({ limit: 2 })).map((r) => r.update.id)).toEqual(["d", "c"]);
      expect(await store.listRecentUpdates({ limit: 0 })).toHaveLength(1);
      expect(await store.listRecentUpdates({ limit: 50, vendor: "nobody" })).toEqual([]);
    });

    it("orders updates at the same time deterministically (incident id, then update id, descending)", async () => {
      await save("acme", [
        incident("acme", "i1", [update("x", 2), update("y", 2)]),
        incident("acme", "i2", [update("z", 2)]),
      ]);
      const first = await store.listRecentUpdates({ limit: 50 });
      expect(first.map((r) => `${r.incidentId}/${r.update.id}`)).toEqual([
        "acme:i2/z",
        "acme:i1/y",
        "acme:i1/x",
      ]);
    });

    it("counts deliveries by status, every status present", async () => {
      expect(await store.countDeliveries()).toEqual({
        pending: 0,
        delivered: 0,
        failed: 0,
        dead: 0,
        suppressed: 0,
      });
      await store.upsertChannel({
        id: "hook",
        type: "webhook",
        config: { url: "https://h.example" },
        disabledReason: null,
      });
      await store.upsertSubscription({
        id: "s",
        channel: "hook",
        vendors: null,
        components: null,
        minImpact: null,
        events: ["incident.opened"],
      });
      const events = ["e1", "e2", "e3"].map((id) => ({
        id,
        type: "incident.opened" as const,
        vendor: "acme",
        incidentId: null,
        componentId: null,
        at: at(1),
        data: {},
      }));
      const deliveries = events.map((e) => delivery(stableId("s", e.id), e.id));
      await store.savePoll({
        vendor: "acme",
        polledAt: at(1),
        nextPollAt: at(2),
        outcome: { ok: true },
        events,
        deliveries,
      });
      const [first] = deliveries;
      await store.finishDelivery(first!.id, {
        status: "delivered",
        attempts: 1,
        nextAttemptAt: at(2),
        deliveredAt: at(2),
        lastError: null,
      });
      expect(await store.countDeliveries()).toEqual({
        pending: 2,
        delivered: 1,
        failed: 0,
        dead: 0,
        suppressed: 0,
      });
    });
  });
}
