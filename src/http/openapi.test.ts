import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "../admin/web-app.ts";
import { EVENT_TYPES } from "../domain/model.ts";
import { INCIDENT_FILTER_PARAMS, parseEventTypes } from "./query.ts";
import { INCIDENT_EXPORT_COLUMNS, SLA_EXPORT_COLUMNS, UPTIME_EXPORT_COLUMNS } from "../domain/export-rows.ts";
import { OUTAGE_FILTER_PARAMS } from "./outage-query.ts";
import { NOW, seedRecord } from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createWebApp>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is checked by value
let doc: any;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createWebApp({
    store,
    now: () => NOW,
    pollIntervalSeconds: 60,
    publicUrl: "https://status.example.org",
  });
  const res = await app.request("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  doc = JSON.parse(await res.text());
});
afterAll(() => store.close());

/** Every concrete route the app registers under /api/v1, as "get /vendors/{slug}". */
function apiRoutes(): string[] {
  const routes = app.routes
    .filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL")
    .map((r) => `${r.method.toLowerCase()} ${r.path.slice("/api/v1".length).replace(/:(\w+)/g, "{$1}")}`);
  return [...new Set(routes)].sort();
}

function documented(): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
    .sort();
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(Object.keys(doc)).toEqual(["openapi", "info", "servers", "paths", "components"]);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://status.example.org/api/v1" }]);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route registered under /api/v1, and no other", () => {
    expect(apiRoutes().length).toBeGreaterThan(10);
    expect(documented()).toEqual(apiRoutes());
  });

  it("documents every query parameter of the vendor incidents route, the page's filters included", () => {
    const params = doc.paths["/vendors/{slug}/incidents"].get.parameters as { name: string; in: string }[];
    const names = params.filter((p) => p.in === "query").map((p) => p.name);
    expect(names.sort()).toEqual(["limit", "before", ...INCIDENT_FILTER_PARAMS].sort());
  });

  it("documents every query parameter of the outage history", () => {
    const params = doc.paths["/incidents"].get.parameters as { name: string; in: string }[];
    const names = params.filter((p) => p.in === "query").map((p) => p.name);
    expect(names.sort()).toEqual(["limit", "before", "format", ...OUTAGE_FILTER_PARAMS].sort());
  });

  it("documents the event stream's filters, every event type and family among the type values", () => {
    const params = doc.paths["/events"].get.parameters as { name: string; in: string; schema: object }[];
    expect(params.map((p) => p.name).sort()).toEqual(["after", "limit", "type", "vendor"]);
    const type = params.find((p) => p.name === "type")!;
    expect(type.schema).toEqual({ type: "array", items: { type: "string", enum: expect.any(Array) } });
    const names = (type.schema as { items: { enum: string[] } }).items.enum;
    expect(names).toEqual(expect.arrayContaining([...EVENT_TYPES, "incident.*", "sla.*"]));
    expect(names.every((name) => parseEventTypes([name])!.length > 0)).toBe(true);
  });

  it("documents ?format= on the outage history, uptime and SLAs, naming each export's columns", () => {
    const columns: [string, readonly string[]][] = [
      ["/incidents", INCIDENT_EXPORT_COLUMNS],
      ["/vendors/{slug}/uptime", UPTIME_EXPORT_COLUMNS],
      ["/sla", SLA_EXPORT_COLUMNS],
    ];
    for (const [path, names] of columns) {
      const get = doc.paths[path].get;
      const format = get.parameters.find((p: { name: string }) => p.name === "format");
      expect(format.schema.enum).toEqual(["csv", "jsonl"]);
      expect(format.description).toContain(names.join(", "));
      expect(Object.keys(get.responses["200"].content).sort()).toEqual(
        ["application/json", "application/x-ndjson", "text/csv; charset=utf-8"].sort(),
      );
    }
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    for (const ref of refs)
      expect(doc.components.schemas).toHaveProperty(ref.slice('"#/components/schemas/'.length, -1));
  });

  it("describes the API's real answers: a vendor and an incident page validate against their schemas", async () => {
    const vendor: typeof doc = await (await app.request("/api/v1/vendors/acme")).json();
    const page: typeof doc = await (await app.request("/api/v1/vendors/acme/incidents?limit=3")).json();
    const schemas = doc.components.schemas;
    for (const key of schemas.Vendor.required) expect(vendor).toHaveProperty(key);
    expect(Object.keys(vendor).sort()).toEqual(
      [...Object.keys(schemas.Vendor.properties), "components"].sort(),
    );
    expect(Object.keys(page.incidents[0]).sort()).toEqual(Object.keys(schemas.Incident.properties).sort());
    const outages: typeof doc = await (await app.request("/api/v1/incidents?limit=3")).json();
    expect(Object.keys(outages.incidents[0]).sort()).toEqual(
      Object.keys(schemas.OutageIncident.properties).sort(),
    );
    expect(Object.keys(outages.incidents[0].vendor).sort()).toEqual(
      schemas.OutageIncident.properties.vendor.required.sort(),
    );
    expect(Object.keys(page.incidents[0].updates[0] ?? {}).sort()).toEqual(
      page.incidents[0].updates.length
        ? Object.keys(schemas.Incident.properties.updates.items.properties).sort()
        : [],
    );
  });

  it("describes the figures' real answer: GET /stats validates against its schema", async () => {
    const stats: typeof doc = await (await app.request("/api/v1/stats")).json();
    const schema = doc.components.schemas.Stats;
    expect(Object.keys(stats).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(Object.keys(stats.all).sort()).toEqual(Object.keys(schema.properties.all.properties).sort());
    expect(stats.vendors.length).toBeGreaterThan(0);
    for (const vendor of stats.vendors)
      expect(Object.keys(vendor).sort()).toEqual(
        Object.keys(schema.properties.vendors.items.properties).sort(),
      );
    const params = doc.paths["/stats"].get.parameters as { name: string }[];
    expect(params.map((p) => p.name).sort()).toEqual(["from", "to", "vendor"]);
  });
});
