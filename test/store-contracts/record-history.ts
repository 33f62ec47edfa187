// The RecordStore contract, continued: what the web pages read of a history, filtered (status,
// component, date range) with keyset paging.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IncidentQuery, RecordStore, VendorStore } from "../../src/store/store.ts";
import { at, type Closable } from "./fixtures.ts";
import { seedHistory } from "./history-fixtures.ts";

type RecordHistoryStore = RecordStore & Pick<VendorStore, "addVendor"> & Closable;

export function recordHistoryCases(open: () => Promise<RecordHistoryStore>): void {
  describe("history filters", () => {
    let store: RecordHistoryStore;
    beforeEach(async () => {
      store = await open();
      await seedHistory(store);
    });
    afterEach(async () => {
      await store.close();
    });

    const keys = async (query: Omit<IncidentQuery, "limit">): Promise<string[]> =>
      (await store.listIncidents("acme", { limit: 50, ...query })).items.map((i) => i.vendorIncidentId);

    it.each<[string, Omit<IncidentQuery, "limit">, string[]]>([
      ["no filter", {}, ["d", "p", "b", "m", "a"]],
      ["open", { status: "open" }, ["b"]],
      ["resolved (incl. post-mortem and completed)", { status: "resolved" }, ["d", "p", "m", "a"]],
      ["resolved incidents", { status: "resolved", kind: "incident" }, ["d", "p", "a"]],
      ["component c1 (not C1, c10 or a look-alike name)", { component: "c1" }, ["m", "a"]],
      ["component with no incidents", { component: "c9" }, []],
      ["still going on at 25 min", { since: at(25) }, ["d", "p", "b", "a"]],
      ["started before 40 min", { until: at(40) }, ["m", "a"]],
      ["overlapping 25–45 min", { since: at(25), until: at(45) }, ["b", "a"]],
      [
        "open c2 overlapping 25–45 min",
        { status: "open", component: "c2", since: at(25), until: at(45) },
        ["b"],
      ],
    ])("filters history: %s", async (_label, query, expected) => {
      expect(await keys(query)).toEqual(expected);
    });

    it("pages a filtered history without overlap or gaps", async () => {
      const seen: string[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const page = await store.listIncidents("acme", { limit: 1, before, status: "resolved" });
        seen.push(...page.items.map((i) => i.vendorIncidentId));
        before = page.next;
        pages++;
      } while (before !== null && pages < 10);
      expect(seen).toEqual(["d", "p", "m", "a"]);
      expect(pages).toBe(4);
    });
  });
}
