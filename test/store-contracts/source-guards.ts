// The store's part in issue 15's guards: a vendor marked for unstable feed ids, the circuit breaker's
// hold and reset, the breaker's rate (recent events), and finding an incident by its start time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { at, event, incident, success, vendorInput } from "./fixtures.ts";

export function sourceGuardsContract(name: string, open: () => Promise<Store>): void {
  describe(`source guards contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.addVendor(vendorInput("acme"), at(0));
      await store.addVendor(vendorInput("beta"), at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    it("marks unstable ids once (the first time stays) and holds notifications until a reset", async () => {
      expect(await store.getVendor("acme")).toMatchObject({
        unstableIdsAt: null,
        notificationsHeld: null,
        breakerResetAt: null,
      });
      await store.savePoll(success("acme", at(1), { unstableIds: true, holdNotifications: "30 opened" }));
      await store.savePoll(success("acme", at(2), { unstableIds: true }));
      expect(await store.getVendor("acme")).toMatchObject({
        unstableIdsAt: at(1),
        notificationsHeld: "30 opened",
        breakerResetAt: null,
      });
      expect(await store.getVendor("beta")).toMatchObject({ unstableIdsAt: null, notificationsHeld: null });
      expect(await store.resetBreaker("acme", at(3))).toBe(true);
      expect(await store.getVendor("acme")).toMatchObject({
        unstableIdsAt: at(1),
        notificationsHeld: null,
        breakerResetAt: at(3),
      });
      expect(await store.resetBreaker("nobody", at(3))).toBe(false);
    });

    it("counts a vendor's recent events of one type", async () => {
      const events = [
        event("e1", "acme", { at: at(1) }),
        event("e2", "acme", { at: at(5) }),
        event("e3", "acme", { at: at(6), type: "incident.updated" }),
        event("e4", "acme", { at: at(7) }),
        event("e5", "beta", { at: at(7) }),
      ];
      await store.savePoll(success("acme", at(7), {}, events));
      expect(await store.countRecentEvents("acme", "incident.opened", at(5))).toBe(2);
      expect(await store.countRecentEvents("acme", "incident.opened", at(0))).toBe(3);
      expect(await store.countRecentEvents("acme", "incident.opened", at(8))).toBe(0);
    });

    it("loads incidents by start time as well as by id", async () => {
      const incidents = [
        incident("acme", "a", { startedAt: at(1) }),
        incident("acme", "b", { startedAt: at(2) }),
        incident("acme", "c", { startedAt: at(3) }),
        incident("beta", "a", { startedAt: at(2) }),
      ];
      await store.savePoll(success("acme", at(4), { incidents: incidents.slice(0, 3) }));
      await store.savePoll(success("beta", at(4), { incidents: incidents.slice(3) }));
      const loaded = await store.loadRecord("acme", ["a"], { startedAtIn: [at(2), at(1)] });
      expect(loaded.incidents.map((i) => i.vendorIncidentId).sort()).toEqual(["a", "b"]);
    });
  });
}
