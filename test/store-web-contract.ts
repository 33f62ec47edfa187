// Store contract for what the web pages read: history filters (status, component, date range) with
// keyset paging, and the event stream filtered by type. Run on every implementation.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AffectedComponent, ChangeEvent, Incident } from "../src/domain/model.ts";
import type { IncidentQuery, Store } from "../src/store/store.ts";

/** Minute `m` after 2026-08-01T10:00Z. */
const at = (m: number): string => new Date(Date.UTC(2026, 7, 1, 10, m)).toISOString();

const hit = (id: string | null, name = `Component ${id}`): AffectedComponent => ({
  id,
  name,
  worstStatus: "major_outage",
});

function incident(vendor: string, key: string, extra: Partial<Incident>): Incident {
  return {
    id: `${vendor}:${key}`,
    vendor,
    vendorIncidentId: key,
    kind: "incident",
    title: `Incident ${key}`,
    status: "resolved",
    impact: "minor",
    url: null,
    startedAt: at(0),
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: at(1),
    seenLive: true,
    detectionLagSeconds: 60,
    affectedComponents: [],
    updates: [],
    ...extra,
  };
}

// started → resolved: a 0→30 (c1), m 10→20 (maintenance, c1), b 40→open (c2), d 50→55 post-mortem
// (C1 and c10: neither is c1), p 45, "postmortem" with no resolved time (still counts as resolved).
const RECORD = [
  incident("acme", "a", { startedAt: at(0), resolvedAt: at(30), affectedComponents: [hit("c1")] }),
  incident("acme", "m", {
    kind: "maintenance",
    status: "completed",
    impact: "maintenance",
    startedAt: at(10),
    resolvedAt: at(20),
    affectedComponents: [hit("c1")],
  }),
  incident("acme", "b", { status: "identified", startedAt: at(40), affectedComponents: [hit("c2")] }),
  incident("acme", "p", { status: "postmortem", startedAt: at(45), resolvedAt: null }),
  incident("acme", "d", {
    status: "postmortem",
    startedAt: at(50),
    resolvedAt: at(55),
    affectedComponents: [hit("C1"), hit("c10"), hit(null, 'id":"c1')],
  }),
  incident("beta", "z", { startedAt: at(5), resolvedAt: at(6), affectedComponents: [hit("c1")] }),
];

const changed = (id: string, type: ChangeEvent["type"]): ChangeEvent => ({
  id,
  type,
  vendor: "acme",
  incidentId: null,
  componentId: type === "component.changed" ? "c1" : null,
  at: at(3),
  data: {},
});

export function storeWebContract(name: string, open: () => Promise<Store>): void {
  describe(`Store web contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const slug of ["acme", "beta"])
        await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
      for (const vendor of ["acme", "beta"])
        await store.savePoll({
          vendor,
          polledAt: at(60),
          nextPollAt: at(61),
          outcome: { ok: true, incidents: RECORD.filter((i) => i.vendor === vendor) },
          events:
            vendor === "acme" ? [changed("e1", "incident.opened"), changed("e2", "component.changed")] : [],
        });
    });
    afterEach(() => store.close());

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

    it("says where the event stream ends: reading on from there gives only newer events", async () => {
      const cursor = await store.latestEventCursor();
      expect(cursor).not.toBeNull();
      expect((await store.listEvents({ limit: 10, after: cursor })).items).toEqual([]);
      await store.savePoll({
        vendor: "beta",
        polledAt: at(62),
        nextPollAt: at(63),
        outcome: { ok: true },
        events: [{ ...changed("e3", "incident.opened"), vendor: "beta" }],
      });
      const newer = await store.listEvents({ limit: 10, after: cursor });
      expect(newer.items.map((e) => e.id)).toEqual(["e3"]);
      expect(await store.latestEventCursor()).toBe(newer.next);
    });

    it("versions a vendor's row: every poll, failure or edit changes it", async () => {
      expect(await store.getVendorVersion("nope")).toBeNull();
      const versions = [await store.getVendorVersion("acme")];
      await store.savePoll({
        vendor: "acme",
        polledAt: at(70),
        nextPollAt: at(71),
        outcome: { ok: true },
        events: [],
      });
      versions.push(await store.getVendorVersion("acme"));
      await store.savePoll({
        vendor: "acme",
        polledAt: at(72),
        nextPollAt: at(73),
        outcome: { ok: false, error: "HTTP 503", failures: 1 },
        events: [],
      });
      versions.push(await store.getVendorVersion("acme"));
      await store.upsertVendor(
        { slug: "acme", name: "Acme Inc", url: "https://acme.example", platform: "feed" },
        at(74),
      );
      versions.push(await store.getVendorVersion("acme"));
      expect(versions.every((v) => typeof v === "string")).toBe(true);
      expect(new Set(versions).size).toBe(4);
      expect(await store.getVendorVersion("acme")).toBe(versions[3]);
    });

    it("filters the event stream by type", async () => {
      const page = await store.listEvents({ limit: 10, type: "component.changed" });
      expect(page.items.map((e) => e.id)).toEqual(["e2"]);
      expect(
        (await store.listEvents({ limit: 10, vendor: "beta", type: "component.changed" })).items,
      ).toEqual([]);
    });
  });
}
