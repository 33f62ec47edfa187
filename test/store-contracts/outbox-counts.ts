// The OutboxStore contract, continued: the outbox's size by status (for metrics).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stableId } from "../../src/lib/hash.ts";
import type { Delivery } from "../../src/domain/notification.ts";
import type { ChannelStore, OutboxStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, type Closable } from "./fixtures.ts";

type OutboxCountStore = OutboxStore &
  Pick<VendorStore, "addVendor"> &
  Pick<RecordStore, "savePoll"> &
  Pick<ChannelStore, "upsertChannel" | "upsertSubscription"> &
  Closable;

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

export function outboxCountCases(open: () => Promise<OutboxCountStore>): void {
  describe("countDeliveries", () => {
    let store: OutboxCountStore;
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta"])
        await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
    });
    afterEach(async () => {
      await store.close();
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

    it("says when the earliest pending delivery falls due, and null when none is pending", async () => {
      expect(await store.nextDeliveryDueAt()).toBeNull();
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
      const events = ["e1", "e2"].map((id) => ({
        id,
        type: "incident.opened" as const,
        vendor: "acme",
        incidentId: null,
        componentId: null,
        at: at(1),
        data: {},
      }));
      const [early, late] = events.map((e) => delivery(stableId("s", e.id), e.id));
      await store.savePoll({
        vendor: "acme",
        polledAt: at(1),
        nextPollAt: at(2),
        outcome: { ok: true },
        events,
        deliveries: [
          { ...early!, nextAttemptAt: at(5) },
          { ...late!, nextAttemptAt: at(9) },
        ],
      });
      expect(await store.nextDeliveryDueAt()).toBe(at(5));
      await store.finishDelivery(early!.id, {
        status: "delivered",
        attempts: 1,
        nextAttemptAt: at(6),
        deliveredAt: at(6),
        lastError: null,
      });
      expect(await store.nextDeliveryDueAt()).toBe(at(9));
      await store.finishDelivery(late!.id, {
        status: "failed",
        attempts: 1,
        nextAttemptAt: at(9),
        deliveredAt: null,
        lastError: "410",
      });
      expect(await store.nextDeliveryDueAt()).toBeNull();
    });
  });
}
