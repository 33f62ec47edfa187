// The RecordStore contract, continued: the outage history across vendors (listAllIncidents), with
// the vendor history's filters plus vendors, category, component name, impact and text, keyset-paged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AffectedComponent } from "../../src/domain/model.ts";
import type { AllIncidentQuery, RecordStore, VendorStore } from "../../src/store/store.ts";
import { MANY_MATCHES } from "../../src/store/sql-search-index.ts";
import { at, incident, update, vendorInput, type Closable } from "./fixtures.ts";

type RecordAcrossStore = RecordStore & Pick<VendorStore, "addVendor"> & Closable;

const hit = (id: string, name: string): AffectedComponent => ({ id, name, worstStatus: "major_outage" });

// Newest first: beta:c 50→55, beta:b 40→open, acme:m 10→20 (maintenance), gamma:g 5→6, acme:a 0→30.
const RECORD = [
  incident("acme", "a", {
    title: "API errors",
    impact: "major",
    status: "resolved",
    startedAt: at(0),
    resolvedAt: at(30),
    affectedComponents: [hit("c1", "API")],
    updates: [update("a-1", 0, { message: "Requests failed for some users." })],
  }),
  incident("acme", "m", {
    kind: "maintenance",
    title: "Database upgrade",
    impact: "maintenance",
    status: "completed",
    startedAt: at(10),
    resolvedAt: at(20),
    affectedComponents: [hit("c2", "Database")],
  }),
  incident("beta", "b", {
    title: "Checkout slow",
    status: "identified",
    startedAt: at(40),
    affectedComponents: [hit("x9", "API")],
    updates: [update("b-1", 40, { message: "Latency on the EU cluster." })],
  }),
  incident("beta", "c", {
    title: "Dashboard down",
    impact: "critical",
    status: "resolved",
    startedAt: at(50),
    resolvedAt: at(55),
    affectedComponents: [hit("x1", "Dashboard")],
  }),
  // "api" is not "API": component names match exactly.
  incident("gamma", "g", {
    title: "Blip",
    impact: "none",
    status: "resolved",
    startedAt: at(5),
    resolvedAt: at(6),
    affectedComponents: [hit("api", "api")],
  }),
];

/** The store query for "what was going on at that minute": from = to = the instant, both inclusive. */
const instant = (minute: number) => ({
  since: at(minute),
  until: new Date(Date.parse(at(minute)) + 1).toISOString(),
});

export function recordAcrossCases(open: () => Promise<RecordAcrossStore>): void {
  describe("outage history across vendors", () => {
    let store: RecordAcrossStore;
    beforeEach(async () => {
      store = await open();
      const categories: Record<string, string | null> = { acme: "cloud", beta: "payments", gamma: null };
      for (const [slug, category] of Object.entries(categories)) {
        await store.addVendor(vendorInput(slug, { category }), at(0));
        await store.savePoll({
          vendor: slug,
          polledAt: at(60),
          nextPollAt: at(61),
          outcome: { ok: true, incidents: RECORD.filter((i) => i.vendor === slug) },
          events: [],
        });
      }
    });
    afterEach(async () => {
      await store.close();
    });

    const ids = async (query: Omit<AllIncidentQuery, "limit">): Promise<string[]> =>
      (await store.listAllIncidents({ limit: 50, ...query })).items.map((i) => i.id);

    it.each<[string, Omit<AllIncidentQuery, "limit">, string[]]>([
      ["no filter", {}, ["beta:c", "beta:b", "acme:m", "gamma:g", "acme:a"]],
      ["one vendor", { vendors: ["acme"] }, ["acme:m", "acme:a"]],
      ["two vendors", { vendors: ["acme", "gamma"] }, ["acme:m", "gamma:g", "acme:a"]],
      ["no vendors", { vendors: [] }, []],
      ["category", { category: "payments" }, ["beta:c", "beta:b"]],
      ["a category nobody is in", { category: "ai" }, []],
      ["component name (exact, across vendors)", { componentName: "API" }, ["beta:b", "acme:a"]],
      ["impacts", { impacts: ["major", "critical"] }, ["beta:c", "acme:a"]],
      ["maintenance", { kind: "maintenance" }, ["acme:m"]],
      ["open", { status: "open" }, ["beta:b"]],
      ["text in an update, any case", { text: "eu" }, ["beta:b"]],
      ["text in a title or an update", { text: "DATA" }, ["acme:m"]],
      [
        "words as word starts, any order, with a vendor filter",
        { text: "d", vendors: ["acme", "beta"] },
        ["beta:c", "acme:m"],
      ],
      ["text with no words: no text filter", { text: "%*", kind: "maintenance" }, ["acme:m"]],
      ["what was going on at minute 15", instant(15), ["acme:m", "acme:a"]],
      ["what was going on at minute 40 (started then)", instant(40), ["beta:b"]],
      ["what was going on at minute 30 (resolved then)", instant(30), ["acme:a"]],
      [
        "vendors, component name and status together",
        { vendors: ["acme", "beta"], componentName: "API", status: "resolved" },
        ["acme:a"],
      ],
    ])("filters: %s", async (_label, query, expected) => {
      expect(await ids(query)).toEqual(expected);
    });

    it("returns each incident whole, with its updates", async () => {
      const [found] = (await store.listAllIncidents({ limit: 1, text: "requests failed" })).items;
      expect(found).toEqual(RECORD[0]);
    });

    it("lists the same pages without the updates when only the incidents' own fields are wanted", async () => {
      for (const query of [
        { limit: 2 },
        { limit: 50, text: "requests failed" },
        { limit: 1, before: null },
      ]) {
        let before: string | null = null;
        let pages = 0;
        do {
          const whole = await store.listAllIncidents({ ...query, before });
          const summaries = await store.listAllIncidentSummaries({ ...query, before });
          expect(summaries).toEqual({
            items: whole.items.map(({ updates: _updates, ...summary }) => summary),
            next: whole.next,
          });
          expect(summaries.items.every((i) => !("updates" in i))).toBe(true);
          before = whole.next;
        } while (before !== null && ++pages < 10);
      }
    });

    it("pages through a text search without overlap or gaps", async () => {
      const pages: string[][] = [];
      let before: string | null = null;
      do {
        const page = await store.listAllIncidents({ limit: 1, before, text: "d", since: at(15) });
        pages.push(page.items.map((i) => i.id));
        before = page.next;
      } while (before !== null && pages.length < 10);
      expect(pages).toEqual([["beta:c"], ["acme:m"]]);
    });

    it("pages alike through a text search matching many incidents and one matching few", async () => {
      // Searching "common" walks the incidents in order, checking each (MANY_MATCHES or more match); "seldom"
      // (a tenth of them) collects its matches first (sql-search-index.ts). Three incidents share each start.
      const bulk = Array.from({ length: MANY_MATCHES + 10 }, (_, n) =>
        incident("gamma", `bulk${String(n).padStart(5, "0")}`, {
          title: n % 10 === 0 ? "Common seldom" : "Common",
          startedAt: at(100 + Math.floor(n / 3)),
        }),
      );
      await store.savePoll({
        vendor: "gamma",
        polledAt: at(61),
        nextPollAt: at(62),
        outcome: { ok: true, incidents: [...RECORD.filter((i) => i.vendor === "gamma"), ...bulk] },
        events: [],
      });
      const newestFirst = bulk
        .toSorted((a, b) => b.startedAt.localeCompare(a.startedAt) || (a.id < b.id ? 1 : -1))
        .map((i) => i.id);
      const pages = async (query: Omit<AllIncidentQuery, "limit" | "before">, limit: number) => {
        const found: string[][] = [];
        let before: string | null = null;
        do {
          const page = await store.listAllIncidentSummaries({ ...query, limit, before });
          found.push(page.items.map((i) => i.id));
          before = page.next;
        } while (before !== null && found.length < 20);
        return found;
      };
      const common = await pages({ text: "common" }, 500);
      expect(common.map((page) => page.length)).toEqual([500, 500, 500, 500, 10]);
      expect(common.flat()).toEqual(newestFirst);
      const seldom = newestFirst.filter((id) => Number(id.slice(-5)) % 10 === 0);
      expect((await pages({ text: "seldom com" }, 50)).flat()).toEqual(seldom);
      const earlier = new Set(bulk.filter((i) => i.startedAt < at(400)).map((i) => i.id));
      expect((await pages({ text: "common", until: at(400) }, 50)).flat()).toEqual(
        newestFirst.filter((id) => earlier.has(id)),
      );
    });

    it("pages across vendors without overlap or gaps, keeping the filters", async () => {
      const pages: string[][] = [];
      let before: string | null = null;
      do {
        const page = await store.listAllIncidents({
          limit: 2,
          before,
          impacts: ["none", "minor", "major", "critical"],
        });
        pages.push(page.items.map((i) => i.id));
        before = page.next;
      } while (before !== null && pages.length < 10);
      expect(pages).toEqual([
        ["beta:c", "beta:b"],
        ["gamma:g", "acme:a"],
      ]);
    });
  });
}
