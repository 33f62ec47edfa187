// The SearchStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordStore, SearchStore, VendorStore } from "../../src/store/store.ts";
import { at, incident, realistic, success, update, vendorInput, type Closable } from "./fixtures.ts";

/** The search store, plus the vendors and polls that write what it finds. */
type SearchSuiteStore = SearchStore &
  Pick<VendorStore, "addVendor" | "removeVendor"> &
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

    it("finds words in titles and in update text, ignoring case and accents, newest first, with updates", async () => {
      expect(await ids("EU")).toEqual(["beta:eu", "acme:db"]);
      expect(await ids("database")).toEqual(["acme:db"]);
      expect(await ids("RUNNERS")).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("日本語")).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("unicode")).toEqual(["acme:8vfyvq16hzh9"]); // "Ünïcödé"
      expect(await ids("ÛNICÔDÉ")).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("nothing like this")).toEqual([]);
      const [found] = await store.searchIncidents({ text: "latency", limit: 50 });
      expect(found).toEqual(
        expect.objectContaining({ vendor: "acme", title: "Database latency", updates: [expect.anything()] }),
      );
    });

    it("needs every word, each the start of a word, in any order, title and updates together", async () => {
      expect(await ids("data")).toEqual(["acme:db"]);
      expect(await ids("slow queries")).toEqual(["acme:db"]);
      expect(await ids("latency cluster")).toEqual(["acme:db"]); // title, then update
      expect(await ids("webhooks eu late")).toEqual(["beta:eu"]);
      expect(await ids("database webhooks")).toEqual([]);
      expect(await ids("tabase")).toEqual([]); // inside a word
      expect(await ids("100%")).toEqual(["acme:pct"]);
      expect(await ids("some_users")).toEqual(["acme:pct"]); // "some" and "users"
    });

    it("indexes what a reader sees of HTML, not its tags and entities", async () => {
      expect(await ids("details mitigated")).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("href")).toEqual([]);
      expect(await ids("amp")).toEqual([]);
    });

    it("takes any text as words, never as search syntax: hostile strings neither fail nor widen", async () => {
      for (const text of ['"', "*", ":*", "&|!", "'", "()", "\\", "^", "-", "%", "_", "«»"])
        expect(await ids(text), text).toHaveLength(4); // no words: no text filter
      for (const [text, found] of [
        ['"database', ["acme:db"]],
        ["database*", ["acme:db"]],
        ["-database", ["acme:db"]],
        ["eu -database", ["acme:db"]],
        ["eu NOT database", []], // "not" is a word like any other
        ["eu OR webhooks", []],
        ["NEAR(eu webhooks)", []],
        ["NEAR(", []],
        ["words:eu", []],
        ["'eu':* & !webhooks", ["beta:eu"]],
        ["eu | database", ["acme:db"]],
        ["{eu} ^ ; --", ["beta:eu", "acme:db"]],
        ["database\u0000", ["acme:db"]],
        ["x".repeat(500), []],
        [Array.from({ length: 60 }, (_, i) => `w${i}`).join(" "), []],
      ] as const)
        expect(await ids(text), text).toEqual(found);
    });

    it("follows every write: a changed title, an edited or later update, a removed vendor", async () => {
      const write = (title: string, messages: string[]) =>
        store.savePoll(
          success("beta", at(2), {
            incidents: [
              incident("beta", "eu", {
                title,
                startedAt: at(40),
                updates: messages.map((message, n) => update(`eu-${n + 1}`, 40 + n, { message })),
              }),
            ],
          }),
        );
      await write("Webhooks slowed", ["Deliveries to eu customers are late."]);
      expect(await ids("delayed")).toEqual([]);
      expect(await ids("slowed")).toEqual(["beta:eu"]);
      await write("Webhooks slowed", ["Deliveries to APAC customers are late.", "Backlog drained."]);
      expect(await ids("eu")).toEqual(["acme:db"]);
      expect(await ids("apac drained")).toEqual(["beta:eu"]);
      expect(await store.removeVendor("beta")).toBe(true);
      expect(await ids("webhooks")).toEqual([]);
      expect(await ids("%")).toHaveLength(3);
      await store.addVendor(vendorInput("beta"), at(3));
      await write("Webhooks again", []);
      expect(await ids("webhooks")).toEqual(["beta:eu"]);
      expect(await ids("apac")).toEqual([]);
    });

    it("keeps to the window: incidents overlapping [since, until)", async () => {
      expect(await ids("%", { since: at(25) })).toEqual(["beta:eu", "acme:pct"]);
      expect(await ids("%", { since: at(20), until: at(30) })).toEqual(["acme:db"]);
      expect(await ids("%", { until: at(10) })).toEqual(["acme:8vfyvq16hzh9"]);
      expect(await ids("eu", { since: at(25) })).toEqual(["beta:eu"]);
      expect(await ids("eu", { until: at(40) })).toEqual(["acme:db"]);
    });

    it("takes an incident closed without a resolved time as spanning no time: in a window only by its start", async () => {
      await store.savePoll(
        success("beta", at(2), {
          incidents: [
            incident("beta", "undated", {
              title: "Outage closed undated",
              startedAt: at(15),
              status: "resolved",
              resolvedAt: null,
              updates: [],
            }),
          ],
        }),
      );
      expect(await ids("undated", { since: at(10) })).toEqual(["beta:undated"]);
      expect(await ids("undated", { since: at(15), until: at(16) })).toEqual(["beta:undated"]);
      expect(await ids("undated", { since: at(16) })).toEqual([]);
    });

    it("honours the limit, clamped to at least one", async () => {
      expect(await ids("%", { limit: 2 })).toEqual(["beta:eu", "acme:pct"]);
      expect(await ids("eu", { limit: 0 })).toEqual(["beta:eu"]);
    });
  });
}
