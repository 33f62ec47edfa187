// The EventStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../../src/domain/model.ts";
import type { PingoruError } from "../../src/lib/errors.ts";
import type { EventStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, event, rejection, success, vendorInput, type Closable } from "./fixtures.ts";
import { changed, seedHistory } from "./history-fixtures.ts";

/** The event store, plus the vendors and polls that write events. */
type EventSuiteStore = EventStore & Pick<VendorStore, "addVendor"> & Pick<RecordStore, "savePoll"> & Closable;

export function eventStoreContract(name: string, open: () => Promise<EventSuiteStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    describe("events", () => {
      let store: EventSuiteStore;
      beforeEach(async () => {
        store = await open();
        await store.addVendor(vendorInput("acme"), at(0));
        await store.addVendor(vendorInput("beta"), at(0));
      });
      afterEach(async () => {
        await store.close();
      });

      it("stores each event id once, even when written again or twice in one poll", async () => {
        const e1 = event("e1", "acme");
        await store.savePoll(
          success("acme", at(1), {}, [e1, event("e2", "acme"), { ...e1, data: { dup: true } }]),
        );
        await store.savePoll(
          success("acme", at(2), {}, [
            event("e2", "acme", { type: "incident.resolved" }),
            event("e3", "acme"),
          ]),
        );
        const { items } = await store.listEvents({ limit: 50 });
        expect(items.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
        expect(items[0]).toEqual(e1);
        expect(items[1]?.type).toBe("incident.opened");
      });

      it("pages oldest first through the stream without overlap or gaps", async () => {
        const all = Array.from({ length: 7 }, (_, i) =>
          event(`ev${i}`, i % 2 ? "beta" : "acme", {
            incidentId: `inc-${i}`,
            componentId: i === 3 ? "c3" : null,
          }),
        );
        await store.savePoll(success("acme", at(1), {}, all.slice(0, 4)));
        await store.savePoll(success("beta", at(2), {}, all.slice(4)));
        const seen: ChangeEvent[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const page = await store.listEvents({ limit: 3, after });
          if (page.items.length === 0) {
            // The end of the stream still gives a cursor to poll again later.
            expect(page.next).toBe(after);
            break;
          }
          seen.push(...page.items);
          after = page.next;
          pages++;
        }
        expect(pages).toBe(3);
        expect(seen).toEqual(all);
        const beta = await store.listEvents({ limit: 50, vendor: "beta" });
        expect(beta.items.map((e) => e.id)).toEqual(["ev1", "ev3", "ev5"]);
        const first = await store.listEvents({ limit: 7 });
        expect(first.items).toHaveLength(7);
        const later = event("ev-later", "acme", {});
        await store.savePoll(success("acme", at(3), {}, [later]));
        expect((await store.listEvents({ limit: 50, after: first.next })).items).toEqual([later]);
        expect(await store.listEvents({ limit: 5 })).toMatchObject({ next: expect.any(String) });
      });

      it("lists a vendor's component changes in a window, with each component's last change before it", async () => {
        const change = (id: string, componentId: string, minute: number, vendor = "acme") =>
          event(id, vendor, { type: "component.changed", componentId, at: at(minute), data: { to: id } });
        // c1 changed twice long before the window, c2 once; c3 only inside it; beta is another vendor.
        await store.savePoll(
          success("acme", at(1), {}, [change("c1-a", "c1", 1), change("c2-a", "c2", 1), event("o1", "acme")]),
        );
        await store.savePoll(success("acme", at(2), {}, [change("c1-b", "c1", 2)]));
        await store.savePoll(success("beta", at(3), {}, [change("b-a", "c1", 3, "beta")]));
        await store.savePoll(
          success("acme", at(10), {}, [change("c1-c", "c1", 10), change("c3-a", "c3", 10)]),
        );
        await store.savePoll(success("acme", at(20), {}, [change("c2-b", "c2", 20)]));
        await store.savePoll(success("acme", at(30), {}, [change("c1-d", "c1", 30)]));
        const ids = async (since: number, until: number | null) =>
          (await store.listComponentChanges("acme", at(since), until === null ? null : at(until))).map(
            (e) => e.id,
          );
        expect(await ids(10, 30)).toEqual(["c2-a", "c1-b", "c1-c", "c3-a", "c2-b"]);
        expect(await ids(11, null)).toEqual(["c2-a", "c1-c", "c3-a", "c2-b", "c1-d"]);
        expect(await ids(40, null)).toEqual(["c3-a", "c2-b", "c1-d"]);
        expect(await ids(0, 2)).toEqual(["c1-a", "c2-a"]);
        const [first] = await store.listComponentChanges("acme", at(10), at(11));
        expect(first).toEqual(change("c2-a", "c2", 1));
        expect(await store.listComponentChanges("nobody", at(0), null)).toEqual([]);
      });

      // One vendor's changes are stored in time order (one poll at a time), so the latest before the
      // window is also the last stored; of two at the same time, the later stored is the last.
      it("takes a component's last change before a window, of two at one time the later stored", async () => {
        const change = (id: string, minute: number) =>
          event(id, "acme", {
            type: "component.changed",
            componentId: "c1",
            at: at(minute),
            data: { to: id },
          });
        for (const [id, minute] of [
          ["a", 3],
          ["b", 5],
          ["c", 5],
          ["d", 12],
        ] as const)
          await store.savePoll(success("acme", at(minute), {}, [change(id, minute)]));
        const ids = async (since: number) =>
          (await store.listComponentChanges("acme", at(since), null)).map((e) => e.id);
        expect(await ids(10)).toEqual(["c", "d"]);
        expect(await ids(5)).toEqual(["a", "b", "c", "d"]);
        expect(await ids(4)).toEqual(["a", "b", "c", "d"]);
        expect(await ids(13)).toEqual(["d"]);
      });

      it("rejects a malformed cursor as bad input", async () => {
        const error = await rejection(store.listEvents({ limit: 5, after: "abc" }));
        expect((error as PingoruError).kind).toBe("input");
      });
    });

    describe("the stream's end and its types", () => {
      let store: EventSuiteStore;
      beforeEach(async () => {
        store = await open();
        await seedHistory(store);
      });
      afterEach(async () => {
        await store.close();
      });

      it("says where the event stream ends: reading on from there gives only newer events", async () => {
        const cursor = await store.latestEventCursor();
        expect(cursor).not.toBeNull();
        expect((await store.listEvents({ limit: 10, after: cursor })).items).toEqual([]);
        await store.savePoll({
          vendor: "beta",
          polledAt: at(62),
          nextPollAt: at(63),
          outcome: { ok: true },
          events: [{ ...changed("e3", "incident.opened"), vendor: "beta" }],
        });
        const newer = await store.listEvents({ limit: 10, after: cursor });
        expect(newer.items.map((e) => e.id)).toEqual(["e3"]);
        expect(await store.latestEventCursor()).toBe(newer.next);
      });

      it("filters the event stream by type", async () => {
        const page = await store.listEvents({ limit: 10, types: ["component.changed"] });
        expect(page.items.map((e) => e.id)).toEqual(["e2"]);
        expect(
          (await store.listEvents({ limit: 10, vendor: "beta", types: ["component.changed"] })).items,
        ).toEqual([]);
        const both = await store.listEvents({ limit: 10, types: ["component.changed", "incident.opened"] });
        expect(both.items.map((e) => e.id)).toEqual(["e1", "e2"]);
        expect((await store.listEvents({ limit: 10, types: [] })).items.map((e) => e.id)).toEqual([
          "e1",
          "e2",
        ]);
      });
    });
  });
}
