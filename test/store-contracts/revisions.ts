// What the vendor changed afterwards (issue 16): revisions written with the poll, each once, capped per
// incident (the first kept), read back in the order seen; what the next poll needs to judge deletions.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_REVISIONS_PER_SUBJECT, type Revision } from "../../src/domain/revisions.ts";
import type { Store } from "../../src/store/store.ts";
import { at, incident, success, vendorInput } from "./fixtures.ts";

const revision = (id: string, extra: Partial<Revision> = {}): Revision => ({
  id,
  vendor: "acme",
  incidentId: "acme:i1",
  updateId: null,
  componentId: null,
  field: "message",
  oldValue: `old ${id}`,
  newValue: `new ${id}`,
  seenAt: at(1),
  ...extra,
});

export function revisionStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`revision store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.addVendor(vendorInput("acme"), at(0));
      await store.addVendor(vendorInput("beta"), at(0));
      await store.savePoll(
        success("acme", at(0), { incidents: [incident("acme", "i1"), incident("acme", "i2")] }),
      );
    });
    afterEach(async () => {
      await store.close();
    });

    it("writes a poll's revisions once each and reads them back in the order seen", async () => {
      const first = [revision("r1", { updateId: "i1-u1" }), revision("r2", { field: "started_at" })];
      await store.savePoll(success("acme", at(1), { revisions: first }));
      await store.savePoll(
        success("acme", at(2), { revisions: [first[0]!, revision("r3", { seenAt: at(2) })] }),
      );
      expect(await store.listRevisions(["acme:i1"])).toEqual([...first, revision("r3", { seenAt: at(2) })]);
      expect(await store.listRevisions(["acme:i2", "nothing"])).toEqual([]);
      expect(await store.listRevisions([])).toEqual([]);
    });

    it("keeps the first revisions of an incident up to the cap, across polls", async () => {
      const many = (from: number, n: number) =>
        Array.from({ length: n }, (_, i) => revision(`r${from + i}`, { seenAt: at(from + i) }));
      await store.savePoll(success("acme", at(1), { revisions: many(0, MAX_REVISIONS_PER_SUBJECT - 2) }));
      await store.savePoll(
        success("acme", at(2), {
          revisions: [...many(100, 5), revision("other", { incidentId: "acme:i2" })],
        }),
      );
      const kept = await store.listRevisions(["acme:i1"]);
      expect(kept).toHaveLength(MAX_REVISIONS_PER_SUBJECT);
      expect(kept.slice(-2).map((r) => r.id)).toEqual(["r100", "r101"]);
      expect(await store.listRevisions(["acme:i2"])).toHaveLength(1);
    });

    it("reads a vendor's renames of given components, and its deletion marks alone", async () => {
      const rename = (id: string, componentId: string, vendor = "acme") =>
        revision(id, { vendor, incidentId: null, componentId, field: "component_name" });
      const gone = revision("d1", { field: "deleted_by_vendor", oldValue: "false", newValue: "true" });
      await store.savePoll(
        success("acme", at(1), { revisions: [rename("n1", "c1"), rename("n2", "c2"), gone] }),
      );
      await store.savePoll(success("beta", at(1), { revisions: [rename("n3", "c1", "beta")] }));
      expect((await store.listComponentRevisions("acme", ["c1"])).map((r) => r.id)).toEqual(["n1"]);
      expect(await store.listComponentRevisions("acme", [])).toEqual([]);
      expect(await store.listDeletionRevisions("acme")).toEqual([gone]);
      expect(await store.listDeletionRevisions("beta")).toEqual([]);
    });

    it("lists a vendor's incidents (not maintenances) that started since a time", async () => {
      await store.savePoll(
        success("acme", at(1), {
          incidents: [
            incident("acme", "late", { startedAt: at(5), title: "Late", impact: "major" }),
            incident("acme", "work", { startedAt: at(6), kind: "maintenance" }),
          ],
        }),
      );
      expect(await store.listIncidentsStartedSince("acme", at(5))).toEqual([
        { id: "acme:late", vendorIncidentId: "late", title: "Late", impact: "major" },
      ]);
      expect(await store.listIncidentsStartedSince("beta", at(0))).toEqual([]);
    });

    it("goes with its vendor", async () => {
      await store.savePoll(success("acme", at(1), { revisions: [revision("r1")] }));
      expect(await store.removeVendor("acme")).toBe(true);
      expect(await store.listRevisions(["acme:i1"])).toEqual([]);
    });
  });
}
