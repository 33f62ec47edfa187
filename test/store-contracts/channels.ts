// The ChannelStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PingoruError } from "../../src/lib/errors.ts";
import type { ChannelStore, OutboxStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, type Closable } from "./fixtures.ts";
import { channel, chat, delivery, event, hook, poll, seedChannels, subscription } from "./notify-fixtures.ts";

/** The channel store, plus the vendors, polls and outbox that show what removing a channel does to deliveries. */
type ChannelSuiteStore = ChannelStore &
  Pick<VendorStore, "addVendor"> &
  Pick<RecordStore, "savePoll"> &
  Pick<OutboxStore, "claimDueDeliveries" | "finishDelivery" | "listDeliveries"> &
  Closable;

export function channelStoreContract(name: string, open: () => Promise<ChannelSuiteStore>): void {
  describe(`ChannelStore contract: ${name}`, () => {
    describe("channels and subscriptions", () => {
      let store: ChannelSuiteStore;
      beforeEach(async () => {
        store = await open();
        await seedChannels(store);
      });
      afterEach(async () => {
        await store.close();
      });

      const claimIds = async (minute: number, lease = minute + 5, limit = 50) =>
        (await store.claimDueDeliveries(at(minute), at(lease), limit)).map((d) => d.id);

      it("round-trips channels and subscriptions, listed by id", async () => {
        const full = subscription("a-full", "hook", {
          vendors: ["acme", "beta"],
          components: { acme: ["API", "Web"] },
          minImpact: "major",
          events: ["component.changed", "maintenance.scheduled"],
          remindBeforeMinutes: 90,
          notifyDuringMaintenance: true,
        });
        await store.upsertSubscription(full);
        expect(await store.listChannels()).toEqual([
          channel("chat", { type: "slack", config: { url: "https://hooks.example/x" } }),
          channel("hook"),
        ]);
        expect(await store.listSubscriptions()).toEqual([full, chat, hook]);
        // The maintenance options, unset, read back absent (as a subscription that never had them).
        const { remindBeforeMinutes: _r, notifyDuringMaintenance: _n, ...rest } = full;
        const changed = { ...rest, vendors: null, components: null, minImpact: null, channel: "chat" };
        await store.upsertSubscription(changed);
        expect((await store.listSubscriptions())[0]).toEqual(changed);
      });

      it("refuses a subscription to an unknown channel with not_found", async () => {
        const error = await store.upsertSubscription(subscription("x", "ghost")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PingoruError);
        expect((error as PingoruError).kind).toBe("not_found");
        expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(["s-chat", "s-hook"]);
      });

      it("disables and re-enables a channel; an unchanged upsert keeps it disabled, a changed one clears it", async () => {
        await store.setChannelDisabled("hook", "receiver answered 410 Gone");
        expect((await store.listChannels())[1]?.disabledReason).toBe("receiver answered 410 Gone");
        await store.upsertChannel(channel("hook"));
        expect((await store.listChannels())[1]?.disabledReason).toBe("receiver answered 410 Gone");
        await store.upsertChannel(channel("hook", { config: { url: "https://new.example/hook" } }));
        expect((await store.listChannels())[1]).toEqual(
          channel("hook", { config: { url: "https://new.example/hook" } }),
        );
        await store.setChannelDisabled("hook", "x");
        await store.setChannelDisabled("hook", null);
        expect((await store.listChannels())[1]?.disabledReason).toBeNull();
        const error = await store.setChannelDisabled("ghost", "x").catch((e: unknown) => e);
        expect((error as PingoruError).kind).toBe("not_found");
      });

      it("removing a channel removes its subscriptions and suppresses its pending deliveries", async () => {
        const d = delivery(hook, ["e1"]);
        const sent = delivery(hook, ["e2"]);
        await store.savePoll(poll(1, [event("e1"), event("e2")], [d, sent]));
        await store.finishDelivery(sent.id, {
          status: "delivered",
          attempts: 1,
          nextAttemptAt: at(2),
          deliveredAt: at(2),
          lastError: null,
        });
        expect(await store.removeChannel("hook")).toBe(true);
        expect(await store.removeChannel("hook")).toBe(false);
        expect((await store.listChannels()).map((c) => c.id)).toEqual(["chat"]);
        expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(["s-chat"]);
        const log = (await store.listDeliveries({ limit: 10 })).items;
        expect(log.map((x) => [x.id, x.status, x.lastError])).toEqual([
          [sent.id, "delivered", null],
          [d.id, "suppressed", "channel removed"],
        ]);
      });

      it("removing a subscription suppresses its pending deliveries only", async () => {
        await store.savePoll(poll(1, [event("e1")], [delivery(hook, ["e1"]), delivery(chat, ["e1"])]));
        expect(await store.removeSubscription("s-hook")).toBe(true);
        expect(await store.removeSubscription("s-hook")).toBe(false);
        const log = (await store.listDeliveries({ limit: 10 })).items;
        expect(log.map((x) => [x.subscription, x.status])).toEqual([
          ["s-chat", "pending"],
          ["s-hook", "suppressed"],
        ]);
        expect(await claimIds(1)).toEqual([delivery(chat, ["e1"]).id]);
      });
    });
  });
}
