// The Statuspage-compatible API, read over loopback by a real Statuspage client (statuspage.io),
// checked against a schema of Statuspage's documented v2 shapes, and read back by Pingoru's own
// Statuspage adapter, which must see the same components and incidents as the record.
import { Statuspage } from "statuspage.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createHttpClient, type ClosableHttpClient } from "../lib/guarded-http.ts";
import { statuspage } from "../platforms/statuspage.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { startHttpServer, type HttpServer } from "./server.ts";
import {
  ACME_COMPONENTS,
  HISTORY,
  MAINTENANCE,
  NOW,
  OUTAGE,
  SLOW_WEB,
  seedRecord,
} from "../../test/helpers/seed-record.ts";

// Statuspage's public API v2, as documented (page, status, components, incidents and their updates).
const time = z.iso.datetime({ offset: true });
const page = z.object({
  id: z.string(),
  name: z.string(),
  url: z.url(),
  time_zone: z.string(),
  updated_at: time,
});
const status = z.object({
  indicator: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  description: z.string(),
});
const componentStatus = z.enum([
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
]);
const component = z.object({
  id: z.string(),
  name: z.string(),
  status: componentStatus,
  created_at: time,
  updated_at: time,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.string().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional(),
});
const update = z.object({
  id: z.string(),
  status: z.string(),
  body: z.string(),
  incident_id: z.string(),
  created_at: time,
  updated_at: time,
  display_at: time,
  affected_components: z
    .array(z.object({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() }))
    .nullable(),
});
const incident = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum([
    "investigating",
    "identified",
    "monitoring",
    "resolved",
    "postmortem",
    "scheduled",
    "in_progress",
    "verifying",
    "completed",
  ]),
  created_at: time,
  updated_at: time,
  monitoring_at: time.nullable(),
  resolved_at: time.nullable(),
  impact: z.enum(["none", "minor", "major", "critical", "maintenance"]),
  shortlink: z.string().nullable(),
  started_at: time,
  page_id: z.string(),
  incident_updates: z.array(update),
  components: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
  scheduled_for: time.nullable(),
  scheduled_until: time.nullable(),
});
const SCHEMAS = {
  "summary.json": z.object({
    page,
    status,
    components: z.array(component),
    incidents: z.array(incident),
    scheduled_maintenances: z.array(incident),
  }),
  "status.json": z.object({ page, status }),
  "components.json": z.object({ page, components: z.array(component) }),
  "incidents.json": z.object({ page, incidents: z.array(incident) }),
  "incidents/unresolved.json": z.object({ page, incidents: z.array(incident) }),
  "scheduled-maintenances.json": z.object({ page, scheduled_maintenances: z.array(incident) }),
  "scheduled-maintenances/upcoming.json": z.object({ page, scheduled_maintenances: z.array(incident) }),
  "scheduled-maintenances/active.json": z.object({ page, scheduled_maintenances: z.array(incident) }),
};

let store: Store;
let server: HttpServer;
let http: ClosableHttpClient;
const UPCOMING = {
  ...MAINTENANCE,
  id: "acme-next",
  vendorIncidentId: "next",
  status: "scheduled" as const,
  resolvedAt: null,
  scheduledFor: "2024-05-10T02:00:00.000Z",
  scheduledUntil: "2024-05-10T04:00:00.000Z",
  startedAt: "2024-05-10T02:00:00.000Z",
};

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await store.savePoll({
    vendor: "acme",
    polledAt: NOW.toISOString(),
    nextPollAt: NOW.toISOString(),
    outcome: { ok: true, incidents: [UPCOMING] },
    events: [],
  });
  server = await startHttpServer(createApp({ store, now: () => NOW, pollIntervalSeconds: 60 }), {
    port: 0,
    host: "127.0.0.1",
  });
  http = createHttpClient({ allowPrivateTargets: true });
});
afterAll(async () => {
  await http.close();
  await server.close();
  await store.close();
});

const client = (slug: string) => {
  const sp = new Statuspage("unused");
  sp.setApiUrl(`${server.url}/vendors/${slug}`);
  return sp;
};

describe("every endpoint has Statuspage's documented shape", () => {
  it.each(Object.keys(SCHEMAS))("%s", async (path) => {
    const res = await fetch(`${server.url}/vendors/acme/api/v2/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    SCHEMAS[path as keyof typeof SCHEMAS].parse(await res.json());
  });

  it("supports conditional requests (ETag, 304)", async () => {
    const first = await fetch(`${server.url}/vendors/acme/api/v2/status.json`);
    const again = await fetch(`${server.url}/vendors/acme/api/v2/status.json`, {
      headers: { "if-none-match": first.headers.get("etag") ?? "none" },
    });
    expect(again.status).toBe(304);
  });

  it("answers 404 for an unknown vendor", async () => {
    expect((await fetch(`${server.url}/vendors/nobody/api/v2/summary.json`)).status).toBe(404);
  });
});

describe("the statuspage.io client reads it", () => {
  it("summary: page, roll-up indicator, components in groups, unresolved incidents, upcoming maintenance", async () => {
    const summary = await client("acme").api.getSummary();
    expect(summary.page).toEqual({
      id: "acme",
      name: "Acme",
      url: `${server.url}/vendors/acme`,
      time_zone: "Etc/UTC",
      updated_at: NOW.toISOString(), // the last good poll
    });
    expect(summary.status).toEqual({ indicator: "minor", description: "Partially Degraded Service" });
    const rows = summary.components.map((c) => [c.name, c.status, c.position, c.group, c.group_id !== null]);
    expect(rows).toEqual([
      ["Core", "degraded_performance", 1, true, false],
      ["API", "operational", 1, false, true],
      ["Web app", "degraded_performance", 2, false, true],
      ["Docs", "operational", 2, false, false],
    ]);
    const [core] = summary.components as ((typeof summary.components)[number] & { components?: string[] })[];
    expect(core?.components).toEqual(["c-api", "c-web"]);
    expect(summary.components[1]?.group_id).toBe(core?.id);
    expect(summary.incidents.map((i) => i.id)).toEqual([SLOW_WEB.id]);
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([["acme-next", "scheduled"]]);
  });

  it("status, components, incidents, unresolved and upcoming", async () => {
    const sp = client("acme");
    expect((await sp.api.getStatus()).status.indicator).toBe("minor");
    expect((await sp.api.getComponents()).components).toHaveLength(4);
    const all = await sp.api.incidents.getAll();
    expect(all.incidents.map((i) => i.id)).toEqual([
      SLOW_WEB.id,
      OUTAGE.id,
      ...HISTORY.map((h) => h.id).reverse(),
    ]);
    const outage = all.incidents[1]!;
    expect(outage).toMatchObject({
      name: OUTAGE.title,
      status: "resolved",
      impact: "major",
      resolved_at: OUTAGE.resolvedAt,
      shortlink: null,
    });
    // Newest first, with where each component came from and went to.
    expect(outage.incident_updates.map((u) => [u.id, u.status, u.display_at])).toEqual(
      [...OUTAGE.updates].reverse().map((u) => [u.id, u.status, u.at]),
    );
    const states = (outage.incident_updates as unknown as z.infer<typeof update>[]).map(
      (u) => u.affected_components,
    );
    expect(states.at(-1)).toEqual([
      { code: "c-api", name: "API", old_status: "operational", new_status: "partial_outage" },
    ]);
    expect(states[0]).toEqual([
      { code: "c-api", name: "API", old_status: "major_outage", new_status: "operational" },
    ]);
    expect((await sp.api.incidents.getUnresolved()).incidents.map((i) => i.id)).toEqual([SLOW_WEB.id]);
    // (the client sends every maintenance call to upcoming.json)
    expect(
      (await sp.api.scheduledMaintenances.getUpcoming()).scheduled_maintenances.map((m) => m.id),
    ).toEqual(["acme-next"]);
  });
});

describe("Pingoru's own Statuspage adapter reads the compat API back", () => {
  it("sees the same components and incidents as the record", async () => {
    const base = `${server.url}/vendors/acme`;
    const result = await statuspage.read({ url: base }, { http });
    if (result.unchanged) throw new Error("a first read cannot be unchanged");
    const { snapshot } = result;
    expect(snapshot.pageName).toBe("Acme");
    const strip = (
      cs: readonly { id: string; name: string; group: string | null; position: number; status: string }[],
    ) => cs.map(({ id, name, group, position, status }) => ({ id, name, group, position, status }));
    expect(strip(snapshot.components)).toEqual(strip(ACME_COMPONENTS));

    const stored = [SLOW_WEB, OUTAGE, MAINTENANCE, UPCOMING, ...HISTORY];
    expect(snapshot.incidents.map((i) => i.id).sort()).toEqual(stored.map((i) => i.id).sort());
    for (const expected of stored) {
      const seen = snapshot.incidents.find((i) => i.id === expected.id)!;
      expect(seen).toMatchObject({
        kind: expected.kind,
        title: expected.title,
        status: expected.status,
        impact: expected.impact,
        startedAt: expected.startedAt,
        url: `${base}/incidents/${expected.id}`,
        updates: expected.updates,
      });
      if (expected.kind === "maintenance") expect(seen.scheduledFor).toBe(expected.scheduledFor);
    }
  });

  it("an incident's Statuspage-style link leads to Pingoru's incident page", async () => {
    const res = await fetch(`${server.url}/vendors/acme/incidents/${OUTAGE.id}`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/incidents/${OUTAGE.id}`);
    expect(
      (await fetch(`${server.url}/vendors/quiet/incidents/${OUTAGE.id}`, { redirect: "manual" })).status,
    ).toBe(404);
  });
});
