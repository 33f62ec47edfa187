// The RetentionStore contract: old finished deliveries and the events only they needed are pruned in
// batches; pending deliveries, each component's state at the cutoff and the incident record stay.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../../src/domain/model.ts";
import type { Delivery } from "../../src/domain/notification.ts";
import type {
  ChannelStore,
  EventStore,
  OutboxStore,
  PruneCounts,
  RecordStore,
  RetentionStore,
  VendorStore,
} from "../../src/store/store.ts";
import { at, component, incident, update, type Closable } from "./fixtures.ts";
import { delivery, hook, seedChannels } from "./notify-fixtures.ts";

type RetentionSuiteStore = RetentionStore &
  Pick<VendorStore, "addVendor"> &
  Pick<RecordStore, "savePoll" | "listComponents" | "listIncidents"> &
  Pick<EventStore, "listEvents"> &
  Pick<OutboxStore, "listDeliveries"> &
  Pick<ChannelStore, "upsertChannel" | "upsertSubscription"> &
  Closable;

// Everything recorded before minute 30 is past the retention.
const CUTOFF = at(30);

const ev = (id: string, minute: number, extra: Partial<ChangeEvent> = {}): ChangeEvent => ({
  id,
  type: "incident.opened",
  vendor: "acme",
  incidentId: "acme:i1",
  componentId: null,
  at: at(minute),
  data: {},
  ...extra,
});
const change = (id: string, minute: number, componentId: string): ChangeEvent =>
  ev(id, minute, { type: "component.changed", incidentId: null, componentId, data: { to: "major_outage" } });

/** One poll at `minute` storing `events` and, for each delivery given, that delivery. */
async function record(
  store: RetentionSuiteStore,
  minute: number,
  events: ChangeEvent[],
  deliveries: Delivery[] = [],
): Promise<void> {
  await store.savePoll({
    vendor: "acme",
    polledAt: at(minute),
    nextPollAt: at(minute + 1),
    outcome: { ok: true },
    events,
    deliveries,
  });
}

const sent = (eventIds: string[], minute: number, status: Delivery["status"] = "delivered"): Delivery =>
  delivery(hook, eventIds, {
    status,
    createdAt: at(minute),
    nextAttemptAt: at(minute),
    deliveredAt: status === "delivered" ? at(minute) : null,
    attempts: status === "pending" ? 0 : 1,
  });

async function eventIds(store: RetentionSuiteStore): Promise<string[]> {
  return (await store.listEvents({ limit: 500 })).items.map((e) => e.id);
}
async function deliveryEvents(store: RetentionSuiteStore): Promise<string[][]> {
  return (await store.listDeliveries({ limit: 500 })).items.map((d) => d.eventIds).reverse();
}

/** Prunes batch after batch, as the pruner does, until a batch comes back short. */
async function pruneAll(store: RetentionSuiteStore, limit: number): Promise<PruneCounts[]> {
  const batches: PruneCounts[] = [];
  for (;;) {
    const counts = await store.pruneBefore(CUTOFF, limit);
    batches.push(counts);
    if (counts.deliveries < limit && counts.events < limit) return batches;
  }
}

export function retentionStoreContract(name: string, open: () => Promise<RetentionSuiteStore>): void {
  describe(`RetentionStore contract: ${name}`, () => {
    let store: RetentionSuiteStore;
    beforeEach(async () => {
      store = await open();
      await seedChannels(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it("prunes finished deliveries older than the cutoff and the events only they carried", async () => {
      await record(store, 1, [ev("old-sent", 1)], [sent(["old-sent"], 1)]);
      await record(store, 2, [ev("old-failed", 2)], [sent(["old-failed"], 2, "failed")]);
      await record(store, 3, [ev("old-dead", 3)], [sent(["old-dead"], 3, "dead")]);
      await record(store, 4, [ev("old-quiet", 4)], [sent(["old-quiet"], 4, "suppressed")]);
      await record(store, 5, [ev("old-unsent", 5)]);
      // Still waiting to be sent: kept, with its event, however old.
      await record(store, 6, [ev("old-waiting", 6)], [sent(["old-waiting"], 6, "pending")]);
      await record(store, 40, [ev("new-sent", 40)], [sent(["new-sent"], 40)]);
      await record(store, 41, [ev("new-unsent", 41)]);

      expect(await pruneAll(store, 500)).toEqual([{ deliveries: 4, events: 5 }]);
      expect(await eventIds(store)).toEqual(["old-waiting", "new-sent", "new-unsent"]);
      expect(await deliveryEvents(store)).toEqual([["old-waiting"], ["new-sent"]]);
      // Nothing more to do.
      expect(await store.pruneBefore(CUTOFF, 500)).toEqual({ deliveries: 0, events: 0 });
    });

    it("works in batches of at most the limit", async () => {
      for (let m = 1; m <= 5; m++) await record(store, m, [ev(`e${m}`, m)], [sent([`e${m}`], m)]);
      const batches = await pruneAll(store, 2);
      expect(batches).toEqual([
        { deliveries: 2, events: 2 },
        { deliveries: 2, events: 2 },
        { deliveries: 1, events: 1 },
      ]);
      expect(await eventIds(store)).toEqual([]);
    });

    it("keeps each component's last change before the cutoff: its state where the kept history starts", async () => {
      await record(store, 1, [change("c1-down", 1, "c1"), change("c2-down", 1, "c2")]);
      await record(store, 2, [change("c1-up", 2, "c1")]);
      await record(store, 3, [change("c1-down-again", 3, "c1")]);
      await record(store, 40, [change("c2-up", 40, "c2")]);
      await pruneAll(store, 500);
      expect(await eventIds(store)).toEqual(["c2-down", "c1-down-again", "c2-up"]);
    });

    it("keeps SLA events however old: each keeps its month from being sent again", async () => {
      const sla = (id: string, type: ChangeEvent["type"]) =>
        ev(id, 1, { type, incidentId: null, data: { month: "2026-07" } });
      await record(store, 1, [sla("breach", "sla.breached"), sla("claim", "sla.claim_due")]);
      await record(store, 1, [ev("old", 1)], [sent(["breach"], 1), sent(["old"], 1)]);
      await pruneAll(store, 500);
      expect(await eventIds(store)).toEqual(["breach", "claim"]);
    });

    it("never prunes the incident record", async () => {
      const old = incident("acme", "i1", {
        startedAt: at(1),
        detectedAt: at(1),
        updates: [update("u1", 1), update("u2", 2, { status: "resolved" })],
        resolvedAt: at(2),
        status: "resolved",
      });
      await store.savePoll({
        vendor: "acme",
        polledAt: at(2),
        nextPollAt: at(3),
        outcome: { ok: true, components: [component("c1", 0)], incidents: [old] },
        events: [ev("opened", 1), ev("resolved", 2, { type: "incident.resolved" })],
        deliveries: [sent(["opened", "resolved"], 2)],
      });
      await pruneAll(store, 500);
      expect(await eventIds(store)).toEqual([]);
      expect(await store.listComponents("acme")).toEqual([component("c1", 0)]);
      expect((await store.listIncidents("acme", { limit: 10 })).items).toEqual([old]);
    });

    it("a pruned delivery is not sent again when its kept event comes round once more", async () => {
      // The component's last change before the cutoff stays, and with it the mark that it was sent.
      const down = change("c1-down", 1, "c1");
      const notice = delivery(hook, ["c1-down"], {
        incidentId: null,
        componentId: "c1",
        status: "delivered",
        attempts: 1,
        deliveredAt: at(1),
      });
      await record(store, 1, [down], [notice]);
      await pruneAll(store, 500);
      expect(await eventIds(store)).toEqual(["c1-down"]);
      expect(await deliveryEvents(store)).toEqual([]);
      await record(store, 41, [down], [{ ...notice, status: "pending", attempts: 0, deliveredAt: null }]);
      expect(await deliveryEvents(store)).toEqual([]);
    });
  });
}
