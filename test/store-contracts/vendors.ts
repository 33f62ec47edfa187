// The VendorStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PingoruError } from "../../src/lib/errors.ts";
import type { EventStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import {
  at,
  component,
  event,
  incident,
  rejection,
  success,
  vendorInput,
  type Closable,
} from "./fixtures.ts";
import { vendorStateCases } from "./vendor-state.ts";

/** The vendor store, plus the poll that fills a vendor's record and the reads that show it went with the vendor. */
type VendorSuiteStore = VendorStore &
  Pick<RecordStore, "savePoll" | "listComponents" | "getIncident" | "listIncidents"> &
  Pick<EventStore, "listEvents"> &
  Closable;

export function vendorStoreContract(name: string, open: () => Promise<VendorSuiteStore>): void {
  describe(`VendorStore contract: ${name}`, () => {
    describe("vendors", () => {
      let store: VendorSuiteStore;
      beforeEach(async () => {
        store = await open();
      });
      afterEach(async () => {
        await store.close();
      });

      it("adds a vendor due at once with a clean state", async () => {
        const added = await store.addVendor(
          vendorInput("acme", {
            feedUrl: "https://f.example/feed",
            intervalSeconds: 30,
            watchedComponents: ["API", "Web"],
          }),
          at(0),
        );
        expect(added).toEqual({
          slug: "acme",
          name: "Vendor acme",
          url: "https://status.acme.example",
          platform: "statuspage",
          feedUrl: "https://f.example/feed",
          intervalSeconds: 30,
          watchedComponents: ["API", "Web"],
          platformOptions: null,
          createdAt: at(0),
          baselineAt: null,
          lastPolledAt: null,
          lastOkAt: null,
          stale: false,
          lastError: null,
          failures: 0,
          nextPollAt: at(0),
          openIncidents: 0,
          paused: false,
          category: null,
          unstableIdsAt: null,
          notificationsHeld: null,
          breakerResetAt: null,
          lastHintAt: null,
        });
        expect(await store.getVendor("acme")).toEqual(added);
        const plain = await store.addVendor(vendorInput("plain"), at(0));
        expect([plain.feedUrl, plain.intervalSeconds, plain.watchedComponents]).toEqual([null, null, null]);
      });

      it("refuses a taken slug with a one-line conflict error", async () => {
        await store.addVendor(vendorInput("acme"), at(0));
        const error = await rejection(store.addVendor(vendorInput("acme", { name: "Other" }), at(1)));
        expect(error).toBeInstanceOf(PingoruError);
        expect((error as PingoruError).kind).toBe("conflict");
        expect((error as PingoruError).message).toMatch(/^[^\n]*acme[^\n]*$/);
        expect((await store.getVendor("acme"))?.name).toBe("Vendor acme");
      });

      it("upserts only the user's fields", async () => {
        const created = await store.upsertVendor(vendorInput("acme"), at(0));
        expect(created.createdAt).toBe(at(0));
        await store.savePoll(success("acme", at(2)));
        const updated = await store.upsertVendor(
          vendorInput("acme", {
            name: "Acme",
            url: "https://new.example",
            platform: "feed",
            feedUrl: "https://new.example/rss",
            intervalSeconds: 5,
            watchedComponents: ["X"],
            platformOptions: { component: "li", statuses: { "All good": "operational" } },
          }),
          at(9),
        );
        expect(updated).toMatchObject({
          name: "Acme",
          url: "https://new.example",
          platform: "feed",
          feedUrl: "https://new.example/rss",
          intervalSeconds: 5,
          watchedComponents: ["X"],
          platformOptions: { component: "li", statuses: { "All good": "operational" } },
          createdAt: at(0),
          lastPolledAt: at(2),
          baselineAt: at(2),
          nextPollAt: at(60),
        });
        const cleared = await store.upsertVendor(vendorInput("acme", { name: "Acme" }), at(10));
        expect([
          cleared.feedUrl,
          cleared.intervalSeconds,
          cleared.watchedComponents,
          cleared.platformOptions,
        ]).toEqual([null, null, null, null]);
      });

      it("lists vendors by slug and returns null for an unknown one", async () => {
        for (const slug of ["zeta", "alpha", "mid"]) await store.addVendor(vendorInput(slug), at(0));
        expect((await store.listVendors()).map((v) => v.slug)).toEqual(["alpha", "mid", "zeta"]);
        expect(await store.getVendor("nope")).toBeNull();
      });

      it("takes the page's name only when the user gave none", async () => {
        const auto = await store.addVendor(vendorInput("auto", { name: "" }), at(0));
        expect(auto.name).toBe("auto");
        await store.addVendor(vendorInput("named", { name: "My Name" }), at(0));
        await store.savePoll(success("auto", at(1), { pageName: "Auto Status" }));
        await store.savePoll(success("named", at(1), { pageName: "Page Name" }));
        expect((await store.getVendor("auto"))?.name).toBe("Auto Status");
        expect((await store.getVendor("named"))?.name).toBe("My Name");
        await store.upsertVendor(vendorInput("auto", { name: "" }), at(2));
        expect((await store.getVendor("auto"))?.name).toBe("Auto Status");
      });

      it("keeps the name as it is on an upsert that gives none: the page's stays the page's", async () => {
        await store.addVendor(vendorInput("auto", { name: "" }), at(0));
        await store.savePoll(success("auto", at(1), { pageName: "Auto Status" }));
        await store.upsertVendor(
          { ...vendorInput("auto"), name: undefined, watchedComponents: ["X"] },
          at(2),
        );
        expect(await store.getVendor("auto")).toMatchObject({
          name: "Auto Status",
          watchedComponents: ["X"],
        });
        await store.savePoll(success("auto", at(3), { pageName: "Renamed Status" }));
        expect((await store.getVendor("auto"))?.name).toBe("Renamed Status");
        await store.addVendor(vendorInput("mine", { name: "Mine" }), at(0));
        await store.upsertVendor({ ...vendorInput("mine"), name: undefined }, at(2));
        await store.savePoll(success("mine", at(3), { pageName: "Page Name" }));
        expect((await store.getVendor("mine"))?.name).toBe("Mine");
      });

      it("counts open incidents only: not resolved, not postmortem, not maintenance", async () => {
        await store.addVendor(vendorInput("acme"), at(0));
        await store.savePoll(
          success("acme", at(1), {
            incidents: [
              incident("acme", "open1"),
              incident("acme", "open2", { status: "monitoring" }),
              incident("acme", "done", { status: "resolved", resolvedAt: at(3) }),
              incident("acme", "pm", { status: "postmortem" }),
              // Closed without a resolved time (posted already closed): never open.
              incident("acme", "undated", { status: "resolved", updates: [] }),
              incident("acme", "completed", { status: "completed", updates: [] }),
              incident("acme", "reopened-but-stamped", { status: "identified", resolvedAt: at(2) }),
              incident("acme", "maint", {
                kind: "maintenance",
                status: "in_progress",
                impact: "maintenance",
              }),
            ],
          }),
        );
        expect((await store.getVendor("acme"))?.openIncidents).toBe(2);
        expect((await store.listVendors())[0]?.openIncidents).toBe(2);
      });

      it("removes a vendor with its whole record, leaving others alone", async () => {
        for (const slug of ["acme", "other"]) {
          await store.addVendor(vendorInput(slug), at(0));
          await store.savePoll(
            success(slug, at(1), { components: [component("c1", 1)], incidents: [incident(slug, "i1")] }, [
              event(`${slug}-e1`, slug),
            ]),
          );
        }
        expect(await store.removeVendor("acme")).toBe(true);
        expect(await store.removeVendor("acme")).toBe(false);
        expect(await store.getVendor("acme")).toBeNull();
        expect(await store.listComponents("acme")).toEqual([]);
        expect(await store.getIncident("acme:i1")).toBeNull();
        expect((await store.listIncidents("acme", { limit: 50 })).items).toEqual([]);
        expect((await store.listEvents({ limit: 50 })).items.map((e) => e.id)).toEqual(["other-e1"]);
        expect(await store.getIncident("other:i1")).not.toBeNull();
        expect(await store.listComponents("other")).toHaveLength(1);
        // The slug is free again, with an empty record.
        const again = await store.addVendor(vendorInput("acme"), at(5));
        expect([again.baselineAt, again.openIncidents]).toEqual([null, 0]);
      });

      it("refuses, as not_found, a poll that lands after its vendor was removed, and writes none of it", async () => {
        await store.addVendor(vendorInput("gone"), at(0));
        expect(await store.removeVendor("gone")).toBe(true);
        const late = store.savePoll(
          success("gone", at(1), { components: [component("c1", 1)], incidents: [incident("gone", "i1")] }, [
            event("gone-e1", "gone"),
          ]),
        );
        await expect(late).rejects.toMatchObject({ kind: "not_found" });
        expect(await store.getVendor("gone")).toBeNull();
        expect(await store.getIncident("gone:i1")).toBeNull();
        expect((await store.listEvents({ limit: 50 })).items).toEqual([]);
      });
    });

    vendorStateCases(open);
  });
}
