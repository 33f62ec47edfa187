import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { HISTORY, MAINTENANCE, NOW, OUTAGE, SLOW_WEB, seedRecord } from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// Bodies are checked by value below, so a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function getJson(path: string, status = 200): Promise<Json> {
  const res = await app.request(path);
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return res.json();
}

async function incidentIds(query: string): Promise<{ ids: string[]; next: string | null }> {
  const body = await getJson(`/api/v1/vendors/acme/incidents${query}`);
  return { ids: body.incidents.map((i: { id: string }) => i.id), next: body.next };
}

describe("GET /healthz", () => {
  it("says ok", async () => {
    expect(await getJson("/healthz")).toEqual({ status: "ok" });
  });
});

describe("GET /api/v1/vendors", () => {
  it("lists every vendor with its roll-up status, snake_case", async () => {
    expect(await getJson("/api/v1/vendors")).toEqual([
      {
        slug: "acme",
        name: "Acme",
        url: "https://status.acme.example",
        platform: "statuspage",
        category: null,
        status: "degraded_performance",
        last_polled_at: "2024-05-03T11:59:00.000Z",
        last_ok_at: "2024-05-03T11:59:00.000Z",
        stale: false,
        open_incidents: 1,
        last_hint_at: null,
      },
      {
        slug: "quiet",
        name: "Quiet Co",
        url: "https://quiet.example",
        platform: "feed",
        category: null,
        // No components: the open critical incident decides, and a failed poll does not change it.
        status: "major_outage",
        last_polled_at: "2024-05-03T11:58:00.000Z",
        last_ok_at: "2024-05-03T11:00:00.000Z",
        stale: true,
        open_incidents: 1,
        last_hint_at: null,
      },
    ]);
  });
});

describe("GET /api/v1/vendors/:slug", () => {
  it("adds the components in the vendor's order", async () => {
    const body = await getJson("/api/v1/vendors/acme");
    expect(body.slug).toBe("acme");
    expect(body.status).toBe("degraded_performance");
    expect(body.components).toEqual([
      { id: "c-api", name: "API", group: "Core", status: "operational" },
      { id: "c-web", name: "Web app", group: "Core", status: "degraded_performance" },
      { id: "c-docs", name: "Docs", group: null, status: "operational" },
    ]);
  });

  it("404s an unknown vendor with a JSON error", async () => {
    const body = await getJson("/api/v1/vendors/nope", 404);
    expect(body.error).toMatch(/nope/);
  });
});

describe("GET /api/v1/vendors/:slug/incidents", () => {
  const newestFirst = [SLOW_WEB, OUTAGE, MAINTENANCE, ...[...HISTORY].reverse()].map((i) => i.id);

  it("returns the whole Incident shape", async () => {
    const body = await getJson("/api/v1/vendors/acme/incidents?limit=2");
    expect(body.incidents[1]).toEqual({
      id: "acme-outage",
      vendor: "acme",
      title: "API errors <b>& timeouts",
      kind: "incident",
      status: "resolved",
      impact: "major",
      started_at: "2024-05-01T10:00:00.000Z",
      resolved_at: "2024-05-01T11:30:00.000Z",
      duration_seconds: 5400,
      detected_at: "2024-05-01T10:06:00.000Z",
      seen_live: true,
      detection_lag_seconds: 360,
      postmortem_published_at: null,
      postmortem_url: null,
      url: "https://status.example.com/incidents/acme-outage",
      edited_by_vendor: false,
      deleted_by_vendor: false,
      affected_components: [{ id: "c-api", name: "API", worst_status: "major_outage" }],
      updates: OUTAGE.updates.map((u) => ({
        id: u.id,
        status: u.status,
        at: u.at,
        message: u.message,
        components: u.components,
        edited_by_vendor: false,
        deleted_by_vendor: false,
      })),
    });
    expect(body.incidents[0]).toMatchObject({ id: "acme-slow", resolved_at: null, duration_seconds: null });
  });

  it("lists newest first and pages with the cursor, without overlap or gaps", async () => {
    const seen: string[] = [];
    let query = "?limit=3";
    for (let pages = 0; pages < 20; pages++) {
      const { ids, next } = await incidentIds(query);
      expect(ids.length).toBeLessThanOrEqual(3);
      seen.push(...ids);
      if (next === null) break;
      query = `?limit=3&before=${encodeURIComponent(next)}`;
    }
    expect(seen).toEqual(newestFirst);
  });

  it.each([
    ["0", 1],
    ["1", 1],
    ["9999", newestFirst.length],
    ["abc", newestFirst.length],
    ["", newestFirst.length],
    ["-5", 1],
  ])("clamps limit=%s instead of failing", async (limit, count) => {
    const { ids } = await incidentIds(`?limit=${limit}`);
    expect(ids).toHaveLength(count);
  });

  it("filters by kind", async () => {
    expect((await incidentIds("?kind=maintenance")).ids).toEqual([MAINTENANCE.id]);
    const incidents = await incidentIds("?kind=incident");
    expect(incidents.ids).not.toContain(MAINTENANCE.id);
    expect(incidents.ids).toHaveLength(newestFirst.length - 1);
  });

  it("rejects an unknown kind with 400 JSON", async () => {
    const body = await getJson("/api/v1/vendors/acme/incidents?kind=outage", 400);
    expect(body.error).toMatch(/kind/);
  });

  it("rejects a mangled cursor with 400 JSON", async () => {
    expect((await getJson("/api/v1/vendors/acme/incidents?before=%%%garbage", 400)).error).toMatch(/cursor/);
  });

  it("404s an unknown vendor", async () => {
    expect((await getJson("/api/v1/vendors/nope/incidents", 404)).error).toMatch(/nope/);
  });
});

describe("GET /api/v1/vendors/:slug/incidents with the vendor page's history filters", () => {
  const old = (...days: number[]) => days.map((day) => HISTORY[day - 1]!.id);
  const olderHistory = [...HISTORY].reverse().map((i) => i.id);
  const all = [SLOW_WEB.id, OUTAGE.id, MAINTENANCE.id, ...olderHistory];

  /** The ids in the vendor page's history for the same query string (its first page of 25). */
  async function pageIds(query: string): Promise<string[]> {
    const body = await (await app.request(`/vendors/acme?${query}`)).text();
    const section = body.slice(body.indexOf('<h2 id="history">'));
    return [...section.matchAll(/<h3>\s*<a href="\/incidents\/([^"]+)">/g)].map((m) => m[1]!);
  }

  // Seed: acme-slow open on c-web (May 3), acme-outage resolved on c-api (May 1), a maintenance
  // (Apr 20, 02:00–03:00), and acme-old-N resolved on March N (08:00–09:00) without components.
  it.each([
    ["status=open", [SLOW_WEB.id]],
    ["status=resolved", all.filter((id) => id !== SLOW_WEB.id)],
    ["component=c-api", [OUTAGE.id]],
    ["component=c-web&status=open", [SLOW_WEB.id]],
    ["component=c-web&status=resolved", []],
    ["component=nothing-here", []],
    ["component=", all],
    ["from=2024-04-20", [SLOW_WEB.id, OUTAGE.id, MAINTENANCE.id]],
    ["from=2024-04-21", [SLOW_WEB.id, OUTAGE.id]],
    ["to=2024-03-03", old(3, 2, 1)],
    ["from=2024-03-05&to=2024-03-07", old(7, 6, 5)],
    ["from=2024-03-08&to=2024-03-08", old(8)],
    ["from=2024-05-04", [SLOW_WEB.id]],
    ["kind=incident&from=2024-04-01", [SLOW_WEB.id, OUTAGE.id]],
    ["kind=maintenance&status=resolved", [MAINTENANCE.id]],
  ])("?%s lists what the vendor page lists", async (query, want) => {
    const { ids, next } = await incidentIds(`?limit=500&${query}`);
    expect(ids).toEqual(want);
    expect(next).toBeNull();
    expect(await pageIds(query)).toEqual(want.slice(0, 25));
  });

  it.each([
    ["status=resolved", 9, all.filter((id) => id !== SLOW_WEB.id)],
    ["kind=incident&to=2024-03-20", 7, olderHistory.slice(-20)],
  ])("pages ?%s with limit=%i in three pages, each within the filter", async (query, limit, want) => {
    const pages: string[][] = [];
    let before = "";
    for (let n = 0; n < 10; n++) {
      const { ids, next } = await incidentIds(
        `?${query}&limit=${limit}&before=${encodeURIComponent(before)}`,
      );
      pages.push(ids);
      if (next === null) break;
      before = next;
    }
    expect(pages).toHaveLength(3);
    expect(pages.slice(0, 2).map((p) => p.length)).toEqual([limit, limit]);
    expect(pages.flat()).toEqual(want);
  });

  it.each([
    ["kind", "outage"],
    ["status", "closed"],
    ["status", "OPEN"],
    ["from", "2024-02-30"],
    ["from", "2024-5-1"],
    ["to", "yesterday"],
    ["to", "2024-05-01T24:00"],
    ["before", "%%%garbage"],
  ])("answers %s=%s with a one-line 400 JSON error naming it", async (name, value) => {
    const body = await getJson(`/api/v1/vendors/acme/incidents?${name}=${encodeURIComponent(value)}`, 400);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error).toMatch(name === "before" ? /cursor/ : new RegExp(`^${name} `));
    expect(body.error).not.toContain("\n");
  });
});

describe("GET /api/v1/incidents/:id", () => {
  it("returns one incident with its updates oldest first", async () => {
    const body = await getJson("/api/v1/incidents/acme-outage");
    expect(body.title).toBe(OUTAGE.title);
    expect(body.updates.map((u: { id: string }) => u.id)).toEqual(["u1", "u2", "u3"]);
    expect(body.updates[0].message).toBe(OUTAGE.updates[0]?.message);
  });

  it("says from history without a lag", async () => {
    expect(await getJson("/api/v1/incidents/acme-maint")).toMatchObject({
      kind: "maintenance",
      seen_live: false,
      detection_lag_seconds: null,
      duration_seconds: 3600,
    });
  });

  it("404s an unknown incident", async () => {
    expect((await getJson("/api/v1/incidents/nope", 404)).error).toMatch(/nope/);
  });
});

describe("GET /api/v1/events", () => {
  it("returns the stream oldest first, snake_case", async () => {
    const body = await getJson("/api/v1/events");
    expect(body.next).toEqual(expect.any(String));
    expect(body.events).toEqual([
      {
        id: "e1",
        type: "incident.opened",
        vendor: "acme",
        incident_id: "acme-outage",
        component_id: null,
        at: "2024-05-01T10:00:00.000Z",
        data: { n: 0 },
      },
      {
        id: "e2",
        type: "component.changed",
        vendor: "acme",
        incident_id: null,
        component_id: "c-api",
        at: "2024-05-01T10:01:00.000Z",
        data: { n: 1 },
      },
      expect.objectContaining({ id: "e3", type: "incident.resolved" }),
    ]);
  });

  it("pages with after=", async () => {
    const first = await getJson("/api/v1/events?limit=2");
    expect(first.events.map((e: { id: string }) => e.id)).toEqual(["e1", "e2"]);
    expect(first.next).not.toBeNull();
    const second = await getJson(`/api/v1/events?limit=2&after=${encodeURIComponent(first.next)}`);
    expect(second.events.map((e: { id: string }) => e.id)).toEqual(["e3"]);
    // At the end of the stream, `next` is where to resume later: it returns nothing now.
    const end = await getJson(`/api/v1/events?limit=2&after=${encodeURIComponent(second.next)}`);
    expect(end).toEqual({ events: [], next: second.next });
  });

  it("clamps limit=0 to one event", async () => {
    expect((await getJson("/api/v1/events?limit=0")).events).toHaveLength(1);
  });

  it("rejects a mangled cursor with 400", async () => {
    await getJson("/api/v1/events?after=abc", 400);
  });

  const ids = async (query: string) =>
    (await getJson(`/api/v1/events${query}`)).events.map((e: { id: string }) => e.id);

  it("filters by type: one, several (repeated or comma-separated) or a family such as incident.*", async () => {
    expect(await ids("?type=component.changed")).toEqual(["e2"]);
    expect(await ids("?type=incident.resolved&type=component.changed")).toEqual(["e2", "e3"]);
    expect(await ids("?type=incident.resolved,%20incident.opened")).toEqual(["e1", "e3"]);
    expect(await ids("?type=incident.*")).toEqual(["e1", "e3"]);
    expect(await ids("?type=sla.*,component.changed")).toEqual(["e2"]);
    expect(await ids("?type=sla.*")).toEqual([]);
    expect(await ids("?type=")).toEqual(["e1", "e2", "e3"]);
  });

  it("pages within a type filter, and filters by vendor", async () => {
    const first = await getJson("/api/v1/events?type=incident.*&limit=1");
    expect(first.events.map((e: { id: string }) => e.id)).toEqual(["e1"]);
    expect(await ids(`?type=incident.*&limit=1&after=${encodeURIComponent(first.next)}`)).toEqual(["e3"]);
    expect(await ids("?vendor=acme&type=component.changed")).toEqual(["e2"]);
    expect(await ids("?vendor=quiet")).toEqual([]);
  });

  it("rejects an unknown type or family with a one-line 400", async () => {
    for (const type of ["incident.nope", "bogus.*", "incident", "*", "incident.opened,x".repeat(50)]) {
      const { error } = await getJson(`/api/v1/events?type=${encodeURIComponent(type)}`, 400);
      expect(error).toMatch(
        /^type must be an event type \(incident\.opened, .*\) or a family such as incident\.\*, got "/,
      );
      expect(error).not.toContain("\n");
      expect(error.length).toBeLessThan(500);
    }
  });
});

describe("unknown API paths", () => {
  it("answer 404 JSON", async () => {
    expect(await getJson("/api/v1/nothing", 404)).toEqual({ error: "not found" });
  });
});

describe("a failing store", () => {
  it("answers 500 JSON without details and reports the error", async () => {
    const broken = await openStore(":memory:");
    await broken.close();
    const logged: unknown[] = [];
    const app = createApp({
      store: broken,
      now: () => NOW,
      pollIntervalSeconds: 60,
      logError: (e) => logged.push(e),
    });
    const res = await app.request("/api/v1/vendors");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "internal error" });
    expect(logged).toHaveLength(1);
    const page = await app.request("/");
    expect(page.status).toBe(500);
    expect(await page.text()).toContain("Something went wrong");
  });
});
