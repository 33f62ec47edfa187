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

    it("keeps each worker's vendors for it: another takes them ahead of time only once overdue or handed off", async () => {
      const slugs = (claimed: { slug: string }[]) => claimed.map((v) => v.slug);
      await store.addVendor({ slug: "gamma", name: "", url: "https://g.example", platform: "feed" }, at(10));
      await store.addVendor({ slug: "delta", name: "", url: "https://d.example", platform: "feed" }, at(10));
      expect(slugs(await store.claimDueVendors(at(0), at(30), 1, "a"))).toEqual(["acme"]);
      expect(slugs(await store.claimDueVendors(at(0), at(30), 1, "b"))).toEqual(["beta"]);
      expect(slugs(await store.claimDueVendors(at(10), at(15), 1, "b"))).toEqual(["delta"]);
      // Written each way a poll is written: a change, a quiet poll, a failure.
      await store.savePoll({ ...success("acme", at(1)), nextPollAt: at(10) });
      await store.markPolled([{ vendor: "beta", polledAt: at(1), nextPollAt: at(10) }]);
      await store.savePoll({
        vendor: "delta",
        polledAt: at(10),
        nextPollAt: at(10),
        outcome: { ok: false, error: "HTTP 503", failures: 1 },
        events: [],
      });
      // Due at 10: a's acme, b's beta and delta, and gamma, which nobody has polled.
      expect(slugs(await store.claimDueVendors(at(11), at(20), 10, "a", at(9)))).toEqual(["acme", "gamma"]);
      expect(slugs(await store.claimDueVendors(at(11), at(20), 10, "c", at(10)))).toEqual(["beta", "delta"]);
      // c polled beta: beta is c's now, and b gets it only once it is overdue.
      await store.markPolled(
        ["acme", "beta", "gamma", "delta"].map((vendor) => ({
          vendor,
          polledAt: at(11),
          nextPollAt: vendor === "beta" ? at(30) : at(60),
        })),
      );
      expect(await store.claimDueVendors(at(31), at(40), 10, "b", at(29))).toEqual([]);
      expect(slugs(await store.claimDueVendors(at(31), at(40), 10, "b", at(30)))).toEqual(["beta"]);
      // A gone worker's vendors are anyone's at once; without a bound, every vendor due is.
      await store.savePoll({ ...success("beta", at(31)), nextPollAt: at(50) });
      expect(await store.claimDueVendors(at(51), at(60), 10, "a", at(49))).toEqual([]);
      await store.releaseLeases(["b"], at(51));
      expect(slugs(await store.claimDueVendors(at(51), at(60), 10, "a", at(49)))).toEqual(["beta"]);
      // A vendor handed off is anyone's (the others stay their pollers'), whichever way it was written.
      await store.markPolled([
        { vendor: "acme", polledAt: at(52), nextPollAt: at(70), handOff: true },
        { vendor: "beta", polledAt: at(52), nextPollAt: at(70) },
        { vendor: "gamma", polledAt: at(52), nextPollAt: at(70) },
      ]);
      await store.savePoll({ ...success("delta", at(52)), nextPollAt: at(70), handOff: true });
      expect(slugs(await store.claimDueVendors(at(71), at(80), 10, "b", at(69)))).toEqual(["acme", "delta"]);
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
