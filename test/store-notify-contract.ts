// The Store contract for notifications (channels, subscriptions, the outbox), run on every database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../src/domain/model.ts";
import { PingoruError } from "../src/lib/errors.ts";
import { stableId } from "../src/lib/hash.ts";
import type { ChannelConfig, Delivery, Subscription } from "../src/notify/model.ts";
import type { PollWrite, Store } from "../src/store/store.ts";

const at = (m: number): string => new Date(Date.UTC(2026, 7, 1, 10, m)).toISOString();

const channel = (id: string, extra: Partial<ChannelConfig> = {}): ChannelConfig => ({
  id,
  type: "webhook",
  config: { url: `https://${id}.example/hook`, secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=" },
  disabledReason: null,
  ...extra,
});

const subscription = (id: string, channelId: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  channel: channelId,
  vendors: null,
  components: null,
  minImpact: null,
  events: ["incident.opened", "incident.updated", "incident.resolved"],
  ...extra,
});

const event = (id: string, vendor = "acme"): ChangeEvent => ({
  id,
  type: "incident.opened",
  vendor,
  incidentId: `${vendor}:i1`,
  componentId: null,
  at: at(1),
  data: { title: id },
});

function delivery(sub: Subscription, eventIds: string[], extra: Partial<Delivery> = {}): Delivery {
  return {
    id: stableId(sub.id, ...[...eventIds].sort()),
    subscription: sub.id,
    channel: sub.channel,
    vendor: "acme",
    incidentId: "acme:i1",
    componentId: null,
    eventIds,
    status: "pending",
    attempts: 0,
    createdAt: at(1),
    nextAttemptAt: at(1),
    deliveredAt: null,
    lastError: null,
    ...extra,
  };
}

const poll = (minute: number, events: ChangeEvent[], deliveries: Delivery[], vendor = "acme"): PollWrite => ({
  vendor,
  polledAt: at(minute),
  nextPollAt: at(minute + 1),
  outcome: { ok: true },
  events,
  deliveries,
});

export function storeNotifyContract(name: string, open: () => Promise<Store>): void {
  describe(`Store notifications contract: ${name}`, () => {
    let store: Store;
    const hook = subscription("s-hook", "hook");
    const chat = subscription("s-chat", "chat");
    beforeEach(async () => {
      store = await open();
      await store.addVendor(
        { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
        at(0),
      );
      await store.addVendor(
        { slug: "beta", name: "Beta", url: "https://b.example", platform: "feed" },
        at(0),
      );
      await store.upsertChannel(channel("hook"));
      await store.upsertChannel(
        channel("chat", { type: "slack", config: { url: "https://hooks.example/x" } }),
      );
      await store.upsertSubscription(hook);
      await store.upsertSubscription(chat);
    });
    afterEach(async () => {
      await store.close();
    });

    const claimIds = async (minute: number, lease = minute + 5, limit = 50) =>
      (await store.claimDueDeliveries(at(minute), at(lease), limit)).map((d) => d.id);

    describe("channels and subscriptions", () => {
      it("round-trips channels and subscriptions, listed by id", async () => {
        const full = subscription("a-full", "hook", {
          vendors: ["acme", "beta"],
          components: { acme: ["API", "Web"] },
          minImpact: "major",
          events: ["component.changed", "maintenance.scheduled"],
        });
        await store.upsertSubscription(full);
        expect(await store.listChannels()).toEqual([
          channel("chat", { type: "slack", config: { url: "https://hooks.example/x" } }),
          channel("hook"),
        ]);
        expect(await store.listSubscriptions()).toEqual([full, chat, hook]);
        const changed = { ...full, vendors: null, components: null, minImpact: null, channel: "chat" };
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

    describe("the outbox", () => {
      it("stores deliveries with the poll and reads them back exactly", async () => {
        const d = delivery(hook, ["e2", "e1"], { componentId: null });
        await store.savePoll(poll(1, [event("e1"), event("e2")], [d]));
        expect((await store.listDeliveries({ limit: 10 })).items).toEqual([d]);
        expect((await store.getEvents(["e2", "ghost", "e1", "e2"])).map((e) => e.id)).toEqual(["e1", "e2"]);
        expect(await store.getEvents([])).toEqual([]);
      });

      it("writes each (event, subscription) pair once, ever", async () => {
        const first = delivery(hook, ["e1", "e2"]);
        await store.savePoll(poll(1, [event("e1"), event("e2")], [first, first]));
        // The same delivery again, and another id covering already-delivered pairs (+ one new event).
        await store.savePoll(poll(2, [event("e1"), event("e3")], [first, delivery(hook, ["e1", "e3"])]));
        await store.savePoll(poll(3, [], [delivery(hook, ["e2"], { id: "other-id" })]));
        const log = (await store.listDeliveries({ limit: 10 })).items;
        expect(log.map((d) => [d.id, d.eventIds])).toEqual([
          [stableId("s-hook", "e3"), ["e3"]],
          [first.id, ["e1", "e2"]],
        ]);
        // Another subscription still gets its own delivery of the same event.
        await store.savePoll(poll(4, [], [delivery(chat, ["e1"])]));
        expect((await store.listDeliveries({ limit: 10, subscription: "s-chat" })).items).toHaveLength(1);
      });

      it("writes one delivery when concurrent polls carry the same pairs", async () => {
        const writes = Array.from({ length: 5 }, (_, i) =>
          poll(i, [event("e1"), event("e2")], [delivery(hook, i % 2 ? ["e1", "e2"] : ["e2", "e1"])]),
        );
        await Promise.all(writes.map((w) => store.savePoll(w)));
        const log = (await store.listDeliveries({ limit: 10 })).items;
        expect(log.map((d) => d.id)).toEqual([delivery(hook, ["e1", "e2"]).id]);
      });

      it("writes no delivery when the poll's transaction fails", async () => {
        const write = poll(1, [event("e1")], [delivery(hook, ["e1"])]);
        await expect(store.savePoll({ ...write, vendor: "ghost" })).rejects.toThrow();
        await expect(
          store.savePoll(poll(1, [event("e1")], [delivery(hook, ["missing-event"])])),
        ).rejects.toThrow();
        expect((await store.listDeliveries({ limit: 10 })).items).toEqual([]);
        expect((await store.listEvents({ limit: 10 })).items).toEqual([]);
        await store.savePoll(write);
        expect((await store.listDeliveries({ limit: 10 })).items).toHaveLength(1);
      });

      it("removing a vendor removes its deliveries", async () => {
        await store.savePoll(poll(1, [event("e1")], [delivery(hook, ["e1"])]));
        await store.savePoll(
          poll(1, [event("b1", "beta")], [delivery(hook, ["b1"], { vendor: "beta" })], "beta"),
        );
        await store.removeVendor("acme");
        expect((await store.listDeliveries({ limit: 10 })).items.map((d) => d.vendor)).toEqual(["beta"]);
        // The pair is free again for a new vendor of the same slug (its events are gone too).
        await store.addVendor(
          { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
          at(2),
        );
        await store.savePoll(poll(3, [event("e1")], [delivery(hook, ["e1"])]));
        expect((await store.listDeliveries({ limit: 10 })).items).toHaveLength(2);
      });
    });

    describe("claimDueDeliveries", () => {
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

    describe("listDeliveries", () => {
      it("pages newest first with filters, without overlap or gaps", async () => {
        const events = Array.from({ length: 7 }, (_, i) => event(`e${i}`));
        const ds = events.map((e, i) => delivery(i % 3 === 0 ? chat : hook, [e.id], { createdAt: at(i) }));
        for (const [i, d] of ds.entries()) await store.savePoll(poll(i, [events[i]!], [d]));
        await store.finishDelivery(ds[1]!.id, {
          status: "failed",
          attempts: 1,
          nextAttemptAt: at(9),
          deliveredAt: null,
          lastError: "HTTP 400",
        });
        const seen: string[] = [];
        let before: string | null = null;
        let pages = 0;
        do {
          const page = await store.listDeliveries({ limit: 3, before });
          seen.push(...page.items.map((d) => d.id));
          before = page.next;
          pages++;
        } while (before !== null);
        expect(pages).toBe(3);
        expect(seen).toEqual(ds.map((d) => d.id).reverse());
        const chats = await store.listDeliveries({ limit: 50, subscription: "s-chat" });
        expect(chats).toEqual({ items: [ds[6], ds[3], ds[0]], next: null });
        const failed = await store.listDeliveries({ limit: 50, status: "failed" });
        expect(failed.items.map((d) => d.id)).toEqual([ds[1]?.id]);
        expect(
          (await store.listDeliveries({ limit: 50, subscription: "s-hook", status: "pending" })).items,
        ).toHaveLength(3);
        expect((await store.listDeliveries({ limit: 0 })).items).toHaveLength(1);
        const error = await store.listDeliveries({ limit: 5, before: "nope" }).catch((e: unknown) => e);
        expect((error as PingoruError).kind).toBe("input");
      });
    });
  });
}
