// The OutboxStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PingoruError } from "../../src/lib/errors.ts";
import { stableId } from "../../src/lib/hash.ts";
import type {
  ChannelStore,
  EventStore,
  OutboxStore,
  RecordStore,
  VendorStore,
} from "../../src/store/store.ts";
import { at, type Closable } from "./fixtures.ts";
import { chat, delivery, event, hook, poll, seedChannels } from "./notify-fixtures.ts";
import { outboxClaimCases } from "./outbox-claims.ts";
import { outboxCountCases } from "./outbox-counts.ts";

/** The outbox, plus what fills it: vendors, channels and subscriptions, and the polls that write deliveries with their events. */
type OutboxSuiteStore = OutboxStore &
  Pick<VendorStore, "addVendor" | "removeVendor"> &
  Pick<RecordStore, "savePoll"> &
  Pick<EventStore, "getEvents" | "listEvents" | "saveEvents"> &
  Pick<ChannelStore, "upsertChannel" | "upsertSubscription" | "setChannelDisabled"> &
  Closable;

export function outboxStoreContract(name: string, open: () => Promise<OutboxSuiteStore>): void {
  describe(`OutboxStore contract: ${name}`, () => {
    describe("the outbox", () => {
      let store: OutboxSuiteStore;
      beforeEach(async () => {
        store = await open();
        await seedChannels(store);
      });
      afterEach(async () => {
        await store.close();
      });

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

      it("saveEvents writes events that come with time, and their deliveries, once each", async () => {
        const timed = { ...event("t1"), incidentId: null, type: "sla.breached" as const };
        const d = delivery(hook, ["t1"], { incidentId: null });
        expect(await store.saveEvents([timed], [d])).toBe(1);
        // Again (another check, worker or restart): nothing new is stored, nothing sent twice.
        expect(await store.saveEvents([timed, { ...timed, data: { again: true } }], [d])).toBe(0);
        expect((await store.listEvents({ limit: 10 })).items).toEqual([timed]);
        expect((await store.listDeliveries({ limit: 10 })).items).toEqual([d]);
        // All or nothing: a delivery of an unknown event fails the write, and its event with it.
        await expect(
          store.saveEvents([{ ...timed, id: "t2" }], [delivery(hook, ["missing-event"])]),
        ).rejects.toThrow();
        expect((await store.getEvents(["t2"])).map((e) => e.id)).toEqual([]);
        expect(await store.saveEvents([], [])).toBe(0);
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

    outboxClaimCases(open);

    describe("listDeliveries", () => {
      let store: OutboxSuiteStore;
      beforeEach(async () => {
        store = await open();
        await seedChannels(store);
      });
      afterEach(async () => {
        await store.close();
      });

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

    outboxCountCases(open);
  });
}
