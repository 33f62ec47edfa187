// The SearchStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordStore, SearchStore, VendorStore } from "../../src/store/store.ts";
import { at, incident, realistic, success, update, vendorInput, type Closable } from "./fixtures.ts";

/** The search store, plus the vendors and polls that write what it finds. */
type SearchSuiteStore = SearchStore &
  Pick<VendorStore, "addVendor"> &
  Pick<RecordStore, "savePoll"> &
  Closable;

export function searchStoreContract(name: string, open: () => Promise<SearchSuiteStore>): void {
  describe(`SearchStore contract: ${name}`, () => {
    let store: SearchSuiteStore;
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta"]) await store.addVendor(vendorInput(slug), at(0));
      await store.savePoll(
        success("acme", at(1), {
          incidents: [
            incident("acme", "db", {
              title: "Database latency",
              startedAt: at(10),
              resolvedAt: at(20),
              status: "resolved",
              updates: [update("db-1", 10, { message: "Queries are slow on the EU cluster." })],
            }),
            incident("acme", "pct", {
              title: "Errors for 100% of logins",
              startedAt: at(30),
              updates: [update("pct-1", 30, { message: "Some_users cannot sign in." })],
            }),
            realistic("acme"),
          ],
        }),
      );
      await store.savePoll(
        success("beta", at(1), {
          incidents: [
            incident("beta", "eu", {
              title: "Webhooks delayed",
              startedAt: at(40),
              updates: [update("eu-1", 40, { message: "Deliveries to eu customers are late." })],
            }),
          ],
        }),
      );
    });
    afterEach(async () => {
      await store.close();
    });

    const ids = async (text: string, extra: { limit?: number; since?: string; until?: string } = {}) =>
      (await store.searchIncidents({ text, limit: 50, ...extra })).map((i) => i.id);

    it("finds words in titles and in update text, ignoring ASCII case, newest first, with updates", async () => {
      expect(await ids("EU")).toEqual(["beta:eu", "acme:db"]);
      expect(await ids("database")).toEqual(["acme:db"]);
      expect(await ids("RUNNERS")).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("日本語")).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("nothing like this")).toEqual([]);
      const [found] = await store.searchIncidents({ text: "latency", limit: 50 });
      expect(found).toEqual(
        expect.objectContaining({ vendor: "acme", title: "Database latency", updates: [expect.anything()] }),
      );
    });

    it("matches % and _ as plain characters", async () => {
      expect(await ids("100%")).toEqual(["acme:pct"]);
      expect(await ids("%")).toEqual(["acme:pct"]);
      expect(await ids("some_users")).toEqual(["acme:pct"]);
      expect(await ids("the_eu")).toEqual([]); // "the EU" would match the wildcard
    });

    it("keeps to the window: incidents overlapping [since, until)", async () => {
      expect(await ids("e", { since: at(25) })).toEqual(["beta:eu", "acme:pct"]);
      expect(await ids("e", { since: at(20), until: at(30) })).toEqual(["acme:db"]);
      expect(await ids("e", { until: at(10) })).toEqual(["acme:8vfyvq16hzh9"]);
    });

    it("honours the limit, clamped to at least one", async () => {
      expect(await ids("e", { limit: 2 })).toEqual(["beta:eu", "acme:pct"]);
      expect(await ids("e", { limit: 0 })).toEqual(["beta:eu"]);
    });
  });
}
