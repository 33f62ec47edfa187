// The RecordStore contract, continued: reading a vendor's components and incidents back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "../../src/domain/model.ts";
import type { PingoruError } from "../../src/lib/errors.ts";
import type { RecordStore, VendorStore } from "../../src/store/store.ts";
import {
  at,
  component,
  incident,
  rejection,
  success,
  update,
  vendorInput,
  type Closable,
} from "./fixtures.ts";

type RecordReadStore = RecordStore & Pick<VendorStore, "addVendor"> & Closable;

export function recordReadCases(open: () => Promise<RecordReadStore>): void {
  describe("reading the record", () => {
    let store: RecordReadStore;
    beforeEach(async () => {
      store = await open();
      await store.addVendor(vendorInput("acme"), at(0));
      await store.addVendor(vendorInput("beta"), at(0));
    });
    afterEach(async () => {
      await store.close();
    });

    it("lists components by position, then name", async () => {
      const given = [
        component("x", 2, { name: "Bravo" }),
        component("y", 1, { name: "Zulu" }),
        component("z", 2, { name: "Alpha" }),
      ];
      await store.savePoll(success("acme", at(1), { components: given }));
      expect((await store.listComponents("acme")).map((c) => c.id)).toEqual(["y", "z", "x"]);
      expect(await store.listComponents("beta")).toEqual([]);
    });

    it("lists every vendor's components in one read, each vendor's in its order", async () => {
      await store.savePoll(
        success("acme", at(1), { components: [component("x", 2), component("y", 1, { name: "Zulu" })] }),
      );
      await store.savePoll(success("beta", at(1), { components: [component("b", 1)] }));
      const all = await store.listAllComponents();
      expect([...all.keys()].sort()).toEqual(["acme", "beta"]);
      expect(all.get("acme")).toEqual(await store.listComponents("acme"));
      expect(all.get("acme")!.map((c) => c.id)).toEqual(["y", "x"]);
      expect(all.get("beta")).toEqual(await store.listComponents("beta"));
    });

    it("loads components and only the asked-for incidents of that vendor, however many ids", async () => {
      const mine = [incident("acme", "a1"), incident("acme", "a2"), incident("acme", "a3")];
      await store.savePoll(
        success("acme", at(1), { components: [component("c2", 2), component("c1", 1)], incidents: mine }),
      );
      await store.savePoll(success("beta", at(1), { incidents: [incident("beta", "a1")] }));
      const ids = [...Array.from({ length: 1500 }, (_, i) => `missing-${i}`), "a1", "a3"];
      const record = await store.loadRecord("acme", ids);
      expect(record.components.map((c) => c.id)).toEqual(["c1", "c2"]);
      expect(record.incidents.sort((a, b) => a.id.localeCompare(b.id))).toEqual([mine[0], mine[2]]);
      expect(await store.loadRecord("acme", [])).toEqual({ components: record.components, incidents: [] });
      expect(await store.loadRecord("acme", ["a1"], { components: false })).toEqual({
        components: [],
        incidents: [mine[0]],
      });
    });

    it("loads, when asked, the still-open incidents and maintenances outside a given set besides the named ones", async () => {
      const closed = (id: string, status: Incident["status"]) =>
        incident("acme", id, { status, resolvedAt: at(2), updates: [update(`${id}-u1`, 2, { status })] });
      const given = [
        incident("acme", "open-1"),
        incident("acme", "maint-1", { kind: "maintenance", status: "scheduled", impact: "maintenance" }),
        closed("gone-1", "resolved"),
        closed("pm-1", "postmortem"),
        closed("done-1", "completed"),
        incident("acme", "named-1"),
      ];
      await store.savePoll(success("acme", at(1), { incidents: given }));
      await store.savePoll(success("beta", at(1), { incidents: [incident("beta", "open-b")] }));
      const ids = (record: { incidents: Incident[] }) =>
        record.incidents.map((i) => i.vendorIncidentId).sort();
      const listed = new Set(["named-1", "gone-1", "open-listed"]);
      expect(ids(await store.loadRecord("acme", ["named-1", "gone-1"], { openNotIn: listed }))).toEqual([
        "gone-1",
        "maint-1",
        "named-1",
        "open-1",
      ]);
      const all = new Set(["open-1", "maint-1", "named-1"]);
      expect(ids(await store.loadRecord("acme", ["gone-1"], { openNotIn: all }))).toEqual(["gone-1"]);
      expect(ids(await store.loadRecord("acme", ["gone-1"]))).toEqual(["gone-1"]);
      // With no names, and with more names than one query takes: each incident once.
      expect(ids(await store.loadRecord("acme", [], { openNotIn: listed }))).toEqual(["maint-1", "open-1"]);
      const many = [...Array.from({ length: 1200 }, (_, i) => `missing-${i}`), "named-1", "open-1"];
      expect(ids(await store.loadRecord("acme", many, { openNotIn: listed }))).toEqual([
        "maint-1",
        "named-1",
        "open-1",
      ]);
    });

    it("pages incidents newest first over 3 pages without overlap or gaps", async () => {
      // Ties on started_at must still page cleanly (ordered by id within the same time).
      const incidents = Array.from({ length: 11 }, (_, i) =>
        incident("acme", `i${String(i).padStart(2, "0")}`, {
          startedAt: at(Math.floor(i / 3)),
          updates: [update(`u${i}`, i)],
        }),
      );
      await store.savePoll(success("acme", at(30), { incidents }));
      await store.savePoll(success("beta", at(30), { incidents: [incident("beta", "b1")] }));
      const expected = [...incidents].sort(
        (a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id),
      );
      const seen: Incident[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const page = await store.listIncidents("acme", { limit: 4, before });
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items);
        before = page.next;
        pages++;
      } while (before !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual(expected);
    });

    it("filters by kind and clamps the limit to 1..500", async () => {
      const list = [
        incident("acme", "i1", { startedAt: at(1) }),
        incident("acme", "m1", {
          kind: "maintenance",
          impact: "maintenance",
          status: "scheduled",
          startedAt: at(2),
          scheduledFor: at(40),
          scheduledUntil: at(50),
        }),
        incident("acme", "i2", { startedAt: at(3) }),
      ];
      await store.savePoll(success("acme", at(5), { incidents: list }));
      const maint = await store.listIncidents("acme", { limit: 10, kind: "maintenance" });
      expect(maint).toEqual({ items: [list[1]], next: null });
      const inc = await store.listIncidents("acme", { limit: 10, kind: "incident" });
      expect(inc.items.map((i) => i.vendorIncidentId)).toEqual(["i2", "i1"]);
      const one = await store.listIncidents("acme", { limit: 0 });
      expect(one.items).toHaveLength(1);
      expect(one.next).not.toBeNull();
      expect((await store.listIncidents("acme", { limit: 100_000 })).items).toHaveLength(3);
      expect((await store.listIncidents("acme", { limit: Number.NaN })).items).toHaveLength(3);
      const error = await rejection(store.listIncidents("acme", { limit: 5, before: "not a cursor" }));
      expect((error as PingoruError).kind).toBe("input");
    });

    it("never returns more than 500 incidents in a page", async () => {
      const many = Array.from({ length: 505 }, (_, i) =>
        incident("acme", `n${i}`, { updates: [update(`n${i}a`, 1), update(`n${i}b`, 2)] }),
      );
      await store.savePoll(success("acme", at(1), { incidents: many }));
      const page = await store.listIncidents("acme", { limit: 100_000 });
      expect(page.items).toHaveLength(500);
      expect(page.items.every((i) => i.updates.length === 2)).toBe(true);
      const rest = await store.listIncidents("acme", { limit: 500, before: page.next });
      expect(rest).toMatchObject({ next: null });
      expect(rest.items).toHaveLength(5);
    });

    it("lists every vendor's incidents going on since a time, without updates, and where each record begins", async () => {
      const resolved = (vendor: string, id: string, start: number, end: number) =>
        incident(vendor, id, { status: "resolved", startedAt: at(start), resolvedAt: at(end) });
      const acme = [
        resolved("acme", "old", 0, 5),
        resolved("acme", "ended-late", 2, 20),
        incident("acme", "open", { startedAt: at(3) }),
      ];
      const beta = [resolved("beta", "new", 15, 16), resolved("beta", "older", 1, 2)];
      await store.savePoll(success("acme", at(30), { incidents: acme }));
      await store.savePoll(success("beta", at(30), { incidents: beta }));
      const summaries = await store.listIncidentSummaries(at(10));
      expect(summaries.map((i) => i.id)).toEqual(["beta:new", "acme:open", "acme:ended-late"]);
      const { updates: _dropped, ...summary } = acme[1]!;
      expect(summaries[2]).toEqual(summary);
      expect(summaries[2]).not.toHaveProperty("updates");
      expect(await store.listFirstIncidentStarts()).toEqual(
        new Map([
          ["acme", at(0)],
          ["beta", at(1)],
        ]),
      );
    });

    it("returns null for an unknown incident", async () => {
      expect(await store.getIncident("nope")).toBeNull();
    });
  });
}
