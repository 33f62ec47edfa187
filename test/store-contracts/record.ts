// The RecordStore contract: every implementation (SQLite file and :memory:, PostgreSQL) passes it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PingoruError } from "../../src/lib/errors.ts";
import type { EventStore, RecordStore, VendorStore } from "../../src/store/store.ts";
import {
  at,
  component,
  event,
  incident,
  realistic,
  rejection,
  success,
  update,
  vendorInput,
  type Closable,
} from "./fixtures.ts";
import { recordAcrossCases } from "./record-across.ts";
import { recordHistoryCases } from "./record-history.ts";
import { recordReadCases } from "./record-reads.ts";

/** The record store, plus the vendors polled and the events a poll writes with the record. */
type RecordSuiteStore = RecordStore &
  Pick<VendorStore, "addVendor" | "getVendor"> &
  Pick<EventStore, "listEvents"> &
  Closable;

export function recordStoreContract(name: string, open: () => Promise<RecordSuiteStore>): void {
  describe(`RecordStore contract: ${name}`, () => {
    describe("savePoll", () => {
      let store: RecordSuiteStore;
      beforeEach(async () => {
        store = await open();
        await store.addVendor(vendorInput("acme"), at(0));
      });
      afterEach(async () => {
        await store.close();
      });

      it("records a successful poll and keeps the first baseline", async () => {
        await store.savePoll(success("acme", at(1)));
        await store.savePoll({ ...success("acme", at(2)), nextPollAt: at(3) });
        expect(await store.getVendor("acme")).toMatchObject({
          baselineAt: at(1),
          lastPolledAt: at(2),
          lastOkAt: at(2),
          stale: false,
          failures: 0,
          lastError: null,
          nextPollAt: at(3),
        });
      });

      it("replaces the component list when given and keeps it when omitted", async () => {
        await store.savePoll(
          success("acme", at(1), { components: [component("a", 2), component("b", 1), component("c", 3)] }),
        );
        await store.savePoll(
          success("acme", at(2), {
            components: [
              component("b", 1, { status: "major_outage", rawStatus: "major_outage", group: "Core" }),
              component("d", 2, { status: "unknown", rawStatus: "weird" }),
            ],
          }),
        );
        await store.savePoll(success("acme", at(3)));
        expect(await store.listComponents("acme")).toEqual([
          {
            id: "b",
            name: "Component b",
            group: "Core",
            position: 1,
            status: "major_outage",
            rawStatus: "major_outage",
          },
          { id: "d", name: "Component d", group: null, position: 2, status: "unknown", rawStatus: "weird" },
        ]);
      });

      it("round-trips a realistic incident exactly", async () => {
        const original = realistic("acme");
        await store.savePoll(success("acme", at(1), { incidents: [original] }));
        expect(await store.getIncident(original.id)).toEqual(original);
        const page = await store.listIncidents("acme", { limit: 10 });
        expect(page.items).toEqual([original]);
      });

      it("keeps an incident's postmortem: its time and link, set and then changed", async () => {
        const resolved = incident("acme", "pm", {
          status: "resolved",
          resolvedAt: at(2),
          updates: [update("u1", 1), update("u2", 2, { status: "resolved" })],
        });
        await store.savePoll(success("acme", at(3), { incidents: [resolved] }));
        expect(await store.getIncident(resolved.id)).toMatchObject({
          postmortemPublishedAt: null,
          postmortemUrl: null,
        });
        const published = {
          ...resolved,
          status: "postmortem" as const,
          postmortemPublishedAt: at(9),
          postmortemUrl: "https://status.acme.example/blog/postmortem",
          updates: [...resolved.updates, update("u3", 9, { status: "postmortem" })],
        };
        await store.savePoll(success("acme", at(10), { incidents: [published] }));
        expect(await store.getIncident(resolved.id)).toEqual(published);
        expect((await store.listIncidents("acme", { limit: 10 })).items).toEqual([published]);
        const summaries = await store.listIncidentSummaries(at(0));
        expect(summaries.find((s) => s.id === resolved.id)).toMatchObject({
          postmortemPublishedAt: at(9),
          postmortemUrl: "https://status.acme.example/blog/postmortem",
        });
        const withoutLink = { ...published, postmortemUrl: null };
        await store.savePoll(success("acme", at(11), { incidents: [withoutLink] }));
        expect(await store.getIncident(resolved.id)).toEqual(withoutLink);
      });

      it("replaces an incident whole and leaves unlisted incidents alone", async () => {
        const first = incident("acme", "i1", {
          updates: [update("u1", 1), update("u2", 2), update("u3", 3)],
        });
        const other = incident("acme", "i2");
        await store.savePoll(success("acme", at(1), { incidents: [first, other] }));
        const changed = incident("acme", "i1", {
          title: "Renamed",
          status: "resolved",
          resolvedAt: at(4),
          seenLive: false,
          detectionLagSeconds: null,
          updates: [
            update("u1", 1),
            update("u3", 3, { message: "edited" }),
            update("u4", 4, { status: "resolved" }),
          ],
        });
        await store.savePoll(success("acme", at(5), { incidents: [changed] }));
        expect(await store.getIncident(first.id)).toEqual(changed);
        expect(await store.getIncident(other.id)).toEqual(other);
      });

      it("orders updates by time then id, whatever order they were given in", async () => {
        const given = [update("b", 5), update("z", 1), update("a", 5), update("m", 3)];
        await store.savePoll(
          success("acme", at(1), { incidents: [incident("acme", "i1", { updates: given })] }),
        );
        expect((await store.getIncident("acme:i1"))?.updates.map((u) => u.id)).toEqual(["z", "m", "a", "b"]);
      });

      it("on failure marks the vendor stale and changes nothing else", async () => {
        const inc = realistic("acme");
        await store.savePoll(success("acme", at(1), { components: [component("a", 1)], incidents: [inc] }));
        const before = await store.getVendor("acme");
        const degraded = event("deg-1", "acme", { type: "source.degraded" });
        await store.savePoll({
          vendor: "acme",
          polledAt: at(7),
          nextPollAt: at(9),
          outcome: { ok: false, error: "http 503 from https://status.acme.example", failures: 3 },
          events: [degraded],
        });
        expect(await store.getVendor("acme")).toEqual({
          ...before,
          lastPolledAt: at(7),
          stale: true,
          lastError: "http 503 from https://status.acme.example",
          failures: 3,
          nextPollAt: at(9),
        });
        expect(await store.listComponents("acme")).toEqual([component("a", 1)]);
        expect(await store.getIncident(inc.id)).toEqual(inc);
        expect((await store.listEvents({ limit: 10 })).items).toEqual([degraded]);
        await store.savePoll(success("acme", at(8)));
        expect(await store.getVendor("acme")).toMatchObject({
          stale: false,
          failures: 0,
          lastError: null,
          lastOkAt: at(8),
        });
      });

      it("writes nothing when the transaction fails midway", async () => {
        await store.savePoll(
          success("acme", at(1), { components: [component("a", 1)], incidents: [incident("acme", "i1")] }, [
            event("e1", "acme"),
          ]),
        );
        const before = await store.getVendor("acme");
        // The vendor row and components are written before the incident of an unknown vendor fails.
        const broken = success(
          "acme",
          at(2),
          {
            components: [component("b", 1)],
            incidents: [incident("acme", "i1", { title: "changed" }), incident("ghost", "x")],
          },
          [event("e2", "acme")],
        );
        await expect(store.savePoll(broken)).rejects.toThrow();
        expect(await store.getVendor("acme")).toEqual(before);
        expect(await store.listComponents("acme")).toEqual([component("a", 1)]);
        expect((await store.getIncident("acme:i1"))?.title).toBe("Incident i1");
        expect((await store.listEvents({ limit: 10 })).items.map((e) => e.id)).toEqual(["e1"]);
      });

      it("rejects a poll of an unknown vendor with not_found", async () => {
        const error = await rejection(store.savePoll(success("ghost", at(1), {}, [event("g1", "ghost")])));
        expect((error as PingoruError).kind).toBe("not_found");
        expect((await store.listEvents({ limit: 10 })).items).toEqual([]);
      });
    });

    recordReadCases(open);
    recordHistoryCases(open);
    recordAcrossCases(open);
  });
}
