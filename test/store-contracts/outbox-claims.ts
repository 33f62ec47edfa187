// The OutboxStore contract, continued: claims, in order per channel (held component changes step aside), leased once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../src/domain/notification.ts";
import type { ChannelStore, OutboxStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, type Closable } from "./fixtures.ts";
import { channel, chat, delivery, event, hook, poll, seedChannels, subscription } from "./notify-fixtures.ts";

type OutboxClaimStore = OutboxStore &
  Pick<VendorStore, "addVendor"> &
  Pick<RecordStore, "savePoll"> &
  Pick<ChannelStore, "upsertChannel" | "upsertSubscription" | "setChannelDisabled"> &
  Closable;

export function outboxClaimCases(open: () => Promise<OutboxClaimStore>): void {
  describe("claimDueDeliveries", () => {
    let store: OutboxClaimStore;
    beforeEach(async () => {
      store = await open();
      await seedChannels(store);
    });
    afterEach(async () => {
      await store.close();
    });

    const claimIds = async (minute: number, lease = minute + 5, limit = 50) =>
      (await store.claimDueDeliveries(at(minute), at(lease), limit)).map((d) => d.id);

    it("gives each channel only its oldest pending delivery, when due, and leases it", async () => {
      const h1 = delivery(hook, ["e1"], { nextAttemptAt: at(3) });
      const h2 = delivery(hook, ["e2"]);
      const c1 = delivery(chat, ["e1"], { nextAttemptAt: at(1) });
      await store.savePoll(poll(1, [event("e1"), event("e2")], [h1, h2, c1]));
      // h2 is due but waits behind h1, which is not yet due.
      expect(await claimIds(1)).toEqual([c1.id]);
      expect(await claimIds(1)).toEqual([]);
      const leased = await store.claimDueDeliveries(at(3), at(8), 10);
      expect(leased).toEqual([{ ...h1, nextAttemptAt: at(8) }]);
      expect(await claimIds(5)).toEqual([]);
      // The lease ran out: both heads are due again.
      expect(await claimIds(8)).toEqual([h1.id, c1.id]);
    });

    it("lets a component change held for its flap window hold back only that component", async () => {
      const api = { incidentId: null, componentId: "api" };
      const held = delivery(hook, ["e1"], { ...api, nextAttemptAt: at(3) }); // its flap window
      const otherVendor = delivery(hook, ["e2"], { vendor: "beta", incidentId: "beta:i1" });
      const sameComponent = delivery(hook, ["e3"], { ...api, nextAttemptAt: at(4) }); // written later, held later
      const sameNameOtherVendor = delivery(hook, ["e4"], { ...api, vendor: "beta" });
      const events = ["e1", "e2", "e3", "e4"].map((e) => event(e));
      await store.savePoll(poll(1, events, [held, otherVendor, sameComponent, sameNameOtherVendor]));
      expect(await claimIds(1)).toEqual([otherVendor.id]); // one at a time per channel, in order
      const done = { status: "delivered", attempts: 1, lastError: null } as const;
      await store.finishDelivery(otherVendor.id, { ...done, nextAttemptAt: at(1), deliveredAt: at(1) });
      expect(await claimIds(1)).toEqual([sameNameOtherVendor.id]);
      await store.finishDelivery(sameNameOtherVendor.id, {
        ...done,
        nextAttemptAt: at(1),
        deliveredAt: at(1),
      });
      expect(await claimIds(2)).toEqual([]); // the component's next waits behind it
      expect(await claimIds(3)).toEqual([held.id]);
      await store.finishDelivery(held.id, { ...done, nextAttemptAt: at(3), deliveredAt: at(3) });
      expect(await claimIds(4)).toEqual([sameComponent.id]);
    });

    it("keeps a held component change's place once it is tried: a retry holds up the channel", async () => {
      const held = delivery(hook, ["e1"], { incidentId: null, componentId: "api", nextAttemptAt: at(2) });
      const later = delivery(hook, ["e2"], { incidentId: "acme:i2", nextAttemptAt: at(2) });
      await store.savePoll(poll(1, [event("e1"), event("e2")], [held, later]));
      expect(await claimIds(2)).toEqual([held.id]);
      const retry = { status: "pending", attempts: 1, deliveredAt: null, lastError: "HTTP 503" } as const;
      await store.finishDelivery(held.id, { ...retry, nextAttemptAt: at(4) });
      expect(await claimIds(3)).toEqual([]);
      expect(await claimIds(4)).toEqual([held.id]);
    });

    it("moves to the next delivery once the head is finished, whatever its outcome", async () => {
      const ds = ["e1", "e2", "e3", "e4"].map((e) => delivery(hook, [e]));
      await store.savePoll(
        poll(
          1,
          ["e1", "e2", "e3", "e4"].map((e) => event(e)),
          ds,
        ),
      );
      const outcomes = ["delivered", "failed", "suppressed", "dead"] as const;
      for (const [i, status] of outcomes.entries()) {
        expect(await claimIds(10 + i)).toEqual([ds[i]?.id]);
        await store.finishDelivery(ds[i]!.id, {
          status,
          attempts: 2,
          nextAttemptAt: at(10 + i),
          deliveredAt: status === "delivered" ? at(10 + i) : null,
          lastError: status === "delivered" ? null : `${status}!`,
        });
      }
      expect(await claimIds(20)).toEqual([]);
      const log = (await store.listDeliveries({ limit: 10 })).items.reverse();
      expect(log.map((d) => [d.status, d.attempts, d.deliveredAt, d.lastError])).toEqual([
        ["delivered", 2, at(10), null],
        ["failed", 2, null, "failed!"],
        ["suppressed", 2, null, "suppressed!"],
        ["dead", 2, null, "dead!"],
      ]);
    });

    it("keeps a retrying head in front: a later delivery waits for it", async () => {
      const [d1, d2] = [delivery(hook, ["e1"]), delivery(hook, ["e2"])];
      await store.savePoll(poll(1, [event("e1"), event("e2")], [d1, d2]));
      expect(await claimIds(1)).toEqual([d1.id]);
      const retry = { status: "pending", attempts: 1, deliveredAt: null, lastError: "HTTP 503" } as const;
      await store.finishDelivery(d1.id, { ...retry, nextAttemptAt: at(4) });
      expect(await claimIds(3)).toEqual([]);
      expect(await store.claimDueDeliveries(at(4), at(9), 10)).toEqual([
        { ...d1, ...retry, nextAttemptAt: at(9) },
      ]);
    });

    it("keeps the first message a delivery was sent with, whatever a later attempt offers", async () => {
      const d = delivery(hook, ["e1"]);
      await store.savePoll(poll(1, [event("e1")], [d]));
      expect(await store.keptMessage(d.id)).toBeNull();
      expect(await store.keepMessage(d.id, '{"first":true}')).toBe('{"first":true}');
      expect(await store.keepMessage(d.id, '{"second":true}')).toBe('{"first":true}');
      expect(await store.keptMessage(d.id)).toBe('{"first":true}');
      expect(await store.keepMessage("no-such-delivery", "{}")).toBeNull();
      // Claims and listings carry the delivery, not its message.
      expect(await store.claimDueDeliveries(at(1), at(5), 10)).toEqual([{ ...d, nextAttemptAt: at(5) }]);
      expect((await store.listDeliveries({ limit: 10 })).items).toEqual([{ ...d, nextAttemptAt: at(5) }]);
      // A retry keeps it; once finished, nothing will send it again and it goes.
      const outcome = { attempts: 1, nextAttemptAt: at(6), deliveredAt: null, lastError: "HTTP 503" };
      await store.finishDelivery(d.id, { ...outcome, status: "pending" });
      expect(await store.keptMessage(d.id)).toBe('{"first":true}');
      await store.finishDelivery(d.id, {
        ...outcome,
        status: "delivered",
        deliveredAt: at(7),
        lastError: null,
      });
      expect(await store.keptMessage(d.id)).toBeNull();
    });

    it("never claims a disabled channel's deliveries, and respects the limit", async () => {
      await store.savePoll(poll(1, [event("e1")], [delivery(hook, ["e1"]), delivery(chat, ["e1"])]));
      await store.setChannelDisabled("hook", "410");
      expect(await claimIds(1, 2, 0)).toEqual([]);
      expect(await claimIds(1)).toEqual([delivery(chat, ["e1"]).id]);
      expect(await claimIds(9)).toEqual([delivery(chat, ["e1"]).id]);
      await store.setChannelDisabled("hook", null);
      expect(await claimIds(20, 25, 1)).toEqual([delivery(hook, ["e1"]).id]);
    });

    it("never gives a delivery to two concurrent claims", async () => {
      const channels = Array.from({ length: 12 }, (_, i) => `ch${String(i).padStart(2, "0")}`);
      const events = ["e1", "e2"].map((e) => event(e));
      const all: Delivery[] = [];
      for (const id of channels) {
        await store.upsertChannel(channel(id));
        const sub = subscription(`s-${id}`, id);
        await store.upsertSubscription(sub);
        all.push(delivery(sub, ["e1"]), delivery(sub, ["e2"]));
      }
      await store.savePoll(poll(1, events, all));
      const batches = await Promise.all(
        Array.from({ length: 6 }, () => store.claimDueDeliveries(at(2), at(30), 3)),
      );
      const claimed = batches.flat().map((d) => d.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      // Only heads were claimed: one per channel at most.
      expect(new Set(batches.flat().map((d) => d.channel)).size).toBe(claimed.length);
      const rest = await claimIds(2, 30, 100);
      expect([...claimed, ...rest].sort()).toEqual(
        all
          .filter((_, i) => i % 2 === 0)
          .map((d) => d.id)
          .sort(),
      );
    });
  });
}
