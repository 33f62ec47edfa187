// The CalendarStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "../../src/domain/model.ts";
import type { CalendarStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, incident, update, type Closable } from "./fixtures.ts";

/** The calendar store, plus the vendors and polls that write the maintenances it lists. */
type CalendarSuiteStore = CalendarStore &
  Pick<VendorStore, "addVendor"> &
  Pick<RecordStore, "savePoll"> &
  Closable;

/** A maintenance whose window is [from, until) in minutes after the fixtures' epoch. */
const maintenance = (vendor: string, id: string, from: number | null, until: number | null): Incident =>
  incident(vendor, id, {
    kind: "maintenance",
    title: `Maintenance ${id}`,
    status: "scheduled",
    impact: "maintenance",
    startedAt: at(from ?? 0),
    scheduledFor: from === null ? null : at(from),
    scheduledUntil: until === null ? null : at(until),
    updates: [update(`${id}-u1`, 0, { status: "scheduled", message: `about ${id}` })],
  });

export function calendarStoreContract(name: string, open: () => Promise<CalendarSuiteStore>): void {
  describe(`CalendarStore contract: ${name}`, () => {
    let store: CalendarSuiteStore;
    const save = (vendor: string, incidents: Incident[]) =>
      store.savePoll({
        vendor,
        polledAt: at(0),
        nextPollAt: at(1),
        outcome: { ok: true, incidents },
        events: [],
      });
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta"])
        await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    it("lists the maintenances whose window ends (or, without an end, starts) at or after since, latest first", async () => {
      await save("acme", [
        maintenance("acme", "ended", 10, 20),
        maintenance("acme", "ends-at-since", 20, 30),
        maintenance("acme", "open-ended", 40, null),
        maintenance("acme", "started-before", 5, null),
        maintenance("acme", "unscheduled", null, null),
        { ...maintenance("acme", "incident", 50, 60), kind: "incident" },
      ]);
      await save("beta", [maintenance("beta", "later", 100, 110)]);
      const listed = await store.listMaintenances({ since: at(30), limit: 50 });
      expect(listed.map((m) => m.id)).toEqual(["beta:later", "acme:open-ended", "acme:ends-at-since"]);
      expect(listed[2]!.updates.map((u) => u.message)).toEqual(["about ends-at-since"]);
      const acme = await store.listMaintenances({ since: at(30), limit: 50, vendor: "acme" });
      expect(acme.map((m) => m.id)).toEqual(["acme:open-ended", "acme:ends-at-since"]);
      expect((await store.listMaintenances({ since: at(0), limit: 1 })).map((m) => m.id)).toEqual([
        "beta:later",
      ]);
    });

    it("starts a revision at 0, keeps it while the fingerprint stays, and raises it by one per change", async () => {
      const first = await store.reviseCalendarEvents(
        [
          { incidentId: "a", fingerprint: "f1" },
          { incidentId: "b", fingerprint: "g1" },
        ],
        at(1),
      );
      expect(first).toEqual(
        new Map([
          ["a", { sequence: 0, revisedAt: at(1) }],
          ["b", { sequence: 0, revisedAt: at(1) }],
        ]),
      );
      const same = await store.reviseCalendarEvents([{ incidentId: "a", fingerprint: "f1" }], at(2));
      expect(same.get("a")).toEqual({ sequence: 0, revisedAt: at(1) });
      await store.reviseCalendarEvents([{ incidentId: "a", fingerprint: "f2" }], at(3));
      // Back to an earlier fingerprint is a change too: the sequence never falls.
      const back = await store.reviseCalendarEvents([{ incidentId: "a", fingerprint: "f1" }], at(4));
      expect(back.get("a")).toEqual({ sequence: 2, revisedAt: at(4) });
    });

    it("counts a change once when several readers record it at the same time", async () => {
      await store.reviseCalendarEvents([{ incidentId: "a", fingerprint: "f1" }], at(1));
      const readers = await Promise.all(
        [1, 2, 3, 4].map(() => store.reviseCalendarEvents([{ incidentId: "a", fingerprint: "f2" }], at(2))),
      );
      for (const seen of readers) expect(seen.get("a")).toEqual({ sequence: 1, revisedAt: at(2) });
    });
  });
}
