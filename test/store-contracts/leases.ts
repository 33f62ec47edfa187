// The LeaseStore contract: claims record their worker until the poll or the attempt is written, and a
// gone worker's leases are made due at once, held by no one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { at, success } from "./fixtures.ts";
import { delivery, event, hook, poll, seedChannels } from "./notify-fixtures.ts";

export function leaseStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`LeaseStore contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await seedChannels(store); // vendors acme and beta, channels hook and chat
    });
    afterEach(async () => {
      await store.close();
    });

    it("records who holds a claim until the poll or the attempt is written", async () => {
      expect((await store.claimDueVendors(at(0), at(5), 10, "host/1/a")).map((v) => v.slug)).toEqual([
        "acme",
        "beta",
      ]);
      const sent = delivery(hook, ["e1"]);
      const held = delivery(hook, ["e2"], { incidentId: null, componentId: "api", nextAttemptAt: at(3) });
      await store.savePoll(poll(1, [event("e1"), event("e2")], [sent, held]));
      expect((await store.claimDueDeliveries(at(1), at(2), 10, "host/2/b")).map((d) => d.id)).toEqual([
        sent.id,
      ]);
      expect(await store.leaseHolders()).toEqual(["host/1/a", "host/2/b"]);

      await store.savePoll(success("acme", at(1)));
      await store.markPolled([{ vendor: "beta", polledAt: at(1), nextPollAt: at(10) }]);
      await store.finishDelivery(sent.id, {
        status: "delivered",
        attempts: 1,
        nextAttemptAt: at(1),
        deliveredAt: at(1),
        lastError: null,
      });
      expect(await store.leaseHolders()).toEqual([]);
    });

    it("makes a gone worker's leases due now, held by no one, and leaves the rest as they are", async () => {
      const sent = delivery(hook, ["e1"]);
      const held = delivery(hook, ["e2"], { incidentId: null, componentId: "api", nextAttemptAt: at(30) });
      await store.savePoll(poll(0, [event("e1"), event("e2")], [sent, held])); // acme polled, due again at 1
      await store.claimDueVendors(at(1), at(5), 1, "gone"); // beta, due since minute 0
      await store.claimDueVendors(at(1), at(5), 1, "alive"); // acme
      await store.claimDueDeliveries(at(1), at(9), 10, "gone");

      expect(await store.releaseLeases(["gone"], at(2))).toEqual({ vendors: 1, deliveries: 1 });
      expect(await store.leaseHolders()).toEqual(["alive"]);
      const due = await store.claimDueVendors(at(2), at(7), 10, "next");
      expect(due.map((v) => [v.slug, v.dueAt])).toEqual([["beta", at(2)]]); // acme's lease still holds
      expect((await store.claimDueDeliveries(at(2), at(7), 10, "next")).map((d) => d.id)).toEqual([sent.id]);
      expect(
        (await store.listDeliveries({ limit: 10 })).items.find((d) => d.id === held.id)?.nextAttemptAt,
      ).toBe(at(30));
      expect(await store.releaseLeases([], at(3))).toEqual({ vendors: 0, deliveries: 0 });
    });
  });
}
