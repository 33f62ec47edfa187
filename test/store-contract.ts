// The Store contract: every implementation (SQLite, PostgreSQL) must pass this same suite.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEvent, ComponentSnapshot, Incident, UpdateSnapshot } from "../src/domain/model.ts";
import { PingoruError } from "../src/lib/errors.ts";
import type { NewVendor, PollWrite, Store } from "../src/store/store.ts";

/** Minute `m` after 2026-08-01T10:00Z, as the store must return it. */
const at = (m: number): string => new Date(Date.UTC(2026, 7, 1, 10, m)).toISOString();

const vendorInput = (slug: string, extra: Partial<NewVendor> = {}): NewVendor => ({
  slug,
  name: `Vendor ${slug}`,
  url: `https://status.${slug}.example`,
  platform: "statuspage",
  ...extra,
});

const component = (
  id: string,
  position: number,
  extra: Partial<ComponentSnapshot> = {},
): ComponentSnapshot => ({
  id,
  name: `Component ${id}`,
  group: null,
  position,
  status: "operational",
  rawStatus: "operational",
  ...extra,
});

const update = (id: string, minute: number, extra: Partial<UpdateSnapshot> = {}): UpdateSnapshot => ({
  id,
  status: "investigating",
  at: at(minute),
  message: `update ${id}`,
  components: [],
  ...extra,
});

function incident(vendor: string, vendorIncidentId: string, extra: Partial<Incident> = {}): Incident {
  return {
    id: `${vendor}:${vendorIncidentId}`,
    vendor,
    vendorIncidentId,
    kind: "incident",
    title: `Incident ${vendorIncidentId}`,
    status: "investigating",
    impact: "minor",
    url: `https://status.${vendor}.example/incidents/${vendorIncidentId}`,
    startedAt: at(0),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: at(1),
    seenLive: true,
    detectionLagSeconds: 60,
    affectedComponents: [],
    updates: [update(`${vendorIncidentId}-u1`, 0)],
    ...extra,
  };
}

/** A resolved critical incident shaped like GitHub's real 2026-07-19 Actions outage. */
const realistic = (vendor: string): Incident =>
  incident(vendor, "8vfyvq16hzh9", {
    title: "Incident with GitHub Actions — runners «unreachable» 🚨",
    status: "resolved",
    impact: "critical",
    startedAt: "2026-07-19T23:34:03.450Z",
    resolvedAt: "2026-07-20T04:44:03.085Z",
    detectedAt: "2026-07-19T23:35:00.000Z",
    detectionLagSeconds: 57,
    affectedComponents: [
      { id: "br0l2tvcx85d", name: "Actions", worstStatus: "partial_outage" },
      { id: null, name: "Self-hosted runners", worstStatus: "major_outage" },
    ],
    updates: [
      update("83ls308hx2hb", 0, {
        at: "2026-07-20T03:27:10.160Z",
        message: "We’re seeing recovery across all impacted Actions runners.",
        components: [{ id: "br0l2tvcx85d", name: "Actions", status: "partial_outage" }],
      }),
      update("5zvgnr96zst6", 0, {
        status: "monitoring",
        at: "2026-07-20T03:34:48.538Z",
        message: 'Mitigated. <a href="https://x.example/?a=1&amp;b=2">Details</a> <script>alert(1)</script>',
        components: [
          { id: "br0l2tvcx85d", name: "Actions", status: "operational" },
          { id: null, name: "Self-hosted runners", status: "major_outage" },
        ],
      }),
      update("nkwym3dbqyqv", 0, {
        status: "resolved",
        at: "2026-07-20T04:44:03.085Z",
        message: "Between 23:05 UTC and 03:55 UTC…\n\nÜnïcödé ✓ 日本語 — \"quoted\" 'single' \\ backslash",
        components: [],
      }),
    ],
  });

const event = (id: string, vendor: string, extra: Partial<ChangeEvent> = {}): ChangeEvent => ({
  id,
  type: "incident.opened",
  vendor,
  incidentId: null,
  componentId: null,
  at: at(5),
  data: { id, nested: { list: [1, "two", null] } },
  ...extra,
});

const success = (
  vendor: string,
  polledAt: string,
  outcome: Partial<PollWrite["outcome"]> = {},
  events: ChangeEvent[] = [],
): PollWrite => ({
  vendor,
  polledAt,
  nextPollAt: at(60),
  outcome: { ok: true, ...outcome } as PollWrite["outcome"],
  events,
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe("vendors", () => {
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
    });

    describe("claimDueVendors", () => {
      it("leases due vendors, most overdue first, and only once", async () => {
        await store.addVendor(vendorInput("late"), at(0));
        await store.addVendor(vendorInput("later"), at(1));
        await store.addVendor(vendorInput("exact"), at(2));
        await store.addVendor(vendorInput("future"), at(3));
        expect(await store.claimDueVendors(at(2), at(10), 0)).toEqual([]);
        const first = await store.claimDueVendors(at(2), at(10), 2);
        expect(first.map((v) => v.slug).sort()).toEqual(["late", "later"]);
        expect(first.every((v) => v.nextPollAt === at(10))).toBe(true);
        const second = await store.claimDueVendors(at(2), at(10), 10);
        expect(second.map((v) => v.slug)).toEqual(["exact"]);
        expect(await store.claimDueVendors(at(2), at(10), 10)).toEqual([]);
        expect((await store.getVendor("late"))?.nextPollAt).toBe(at(10));
        expect((await store.getVendor("future"))?.nextPollAt).toBe(at(3));
        // Once the lease runs out they are due again.
        expect((await store.claimDueVendors(at(10), at(20), 10)).map((v) => v.slug).sort()).toEqual([
          "exact",
          "future",
          "late",
          "later",
        ]);
      });

      it("never gives the same vendor to two concurrent claims", async () => {
        const slugs = Array.from({ length: 24 }, (_, i) => `v${String(i).padStart(2, "0")}`);
        for (const slug of slugs) await store.addVendor(vendorInput(slug), at(0));
        const claimed: string[] = [];
        for (let round = 0; round < 4 && claimed.length < slugs.length; round++) {
          const batches = await Promise.all(
            Array.from({ length: 6 }, () => store.claimDueVendors(at(1), at(30), 3)),
          );
          claimed.push(...batches.flat().map((v) => v.slug));
        }
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed.sort()).toEqual(slugs);
      });
    });

    describe("savePoll", () => {
      beforeEach(async () => {
        await store.addVendor(vendorInput("acme"), at(0));
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

    describe("events", () => {
      beforeEach(async () => {
        await store.addVendor(vendorInput("acme"), at(0));
        await store.addVendor(vendorInput("beta"), at(0));
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

      it("rejects a malformed cursor as bad input", async () => {
        const error = await rejection(store.listEvents({ limit: 5, after: "abc" }));
        expect((error as PingoruError).kind).toBe("input");
      });
    });

    describe("reading the record", () => {
      beforeEach(async () => {
        await store.addVendor(vendorInput("acme"), at(0));
        await store.addVendor(vendorInput("beta"), at(0));
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

      it("returns null for an unknown incident", async () => {
        expect(await store.getIncident("nope")).toBeNull();
      });
    });
  });
}
