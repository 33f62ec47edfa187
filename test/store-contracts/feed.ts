// The FeedStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident, UpdateSnapshot } from "../../src/domain/model.ts";
import type { FeedStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, type Closable } from "./fixtures.ts";

/** The feed store, plus the vendors and polls that write the updates it lists. */
type FeedSuiteStore = FeedStore & Pick<VendorStore, "addVendor"> & Pick<RecordStore, "savePoll"> & Closable;

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
  postmortemPublishedAt: null,
  postmortemUrl: null,
  listedOperational: [],
  affectedComponents: [],
  updates,
  ...extra,
});

export function feedStoreContract(name: string, open: () => Promise<FeedSuiteStore>): void {
  describe(`FeedStore contract: ${name}`, () => {
    let store: FeedSuiteStore;
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
  });
}
