import { describe, expect, it } from "vitest";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { gcp, gcpImpactStatus, gcpIncidentsSchema, gcpProductsSchema, mapGcp } from "./gcp.ts";

const PAGE = "https://status.cloud.google.com";
const INCIDENTS = localFixture("gcp/incidents.documented-format.json");
const PRODUCTS = localFixture("gcp/products.documented-format.json");
const incidents = (body = INCIDENTS) => gcpIncidentsSchema.parse(JSON.parse(body));
const products = () => gcpProductsSchema.parse(JSON.parse(PRODUCTS)).products;
const eachIncident = (body: string, edit: (i: Record<string, unknown>) => void) =>
  JSON.stringify(
    (JSON.parse(body) as Record<string, unknown>[]).map((i) => {
      edit(i);
      return i;
    }),
  );

describe("gcp mapping", () => {
  it.each([
    ["SERVICE_INFORMATION", "degraded_performance"],
    ["SERVICE_DISRUPTION", "partial_outage"],
    ["SERVICE_OUTAGE", "major_outage"],
    ["SERVICE_WOBBLE", "unknown"],
    ["", "unknown"],
  ])("status_impact %s → %s", (raw, status) => {
    expect(gcpImpactStatus(raw)).toBe(status);
  });

  it("products are components; an open incident's impact sets its products' state", () => {
    const { components } = mapGcp(PAGE, products(), incidents());
    expect(components.map((c) => [c.name, c.status, c.rawStatus])).toEqual([
      ["Google Compute Engine", "operational", "AVAILABLE"],
      ["Cloud Storage", "partial_outage", "SERVICE_DISRUPTION"],
      ["BigQuery", "operational", "AVAILABLE"],
      ["Cloud Run", "operational", "AVAILABLE"],
    ]);
  });

  it("the worst open incident wins for a product", () => {
    const body = eachIncident(INCIDENTS, (i) => {
      i.end = null;
      i.affected_products = [{ title: "Cloud Storage", id: "UwaYoXQ5bHYHG6EdiPB8" }];
    });
    const storage = mapGcp(PAGE, products(), incidents(body)).components[1]!;
    expect([storage.status, storage.rawStatus]).toEqual(["major_outage", "SERVICE_OUTAGE"]);
  });

  it("an open incident: updates oldest first, investigating, impact from status_impact, absolute url", () => {
    const [open] = mapGcp(PAGE, products(), incidents()).incidents;
    expect(open).toMatchObject({
      id: "kXcbD3AaSaMpHQy7gT9r",
      kind: "incident",
      title: "Elevated error rates for Cloud Storage requests in europe-west1",
      status: "investigating",
      impact: "major",
      url: "https://status.cloud.google.com/incidents/kXcbD3AaSaMpHQy7gT9r",
      startedAt: "2024-05-14T09:12:00.000Z",
      components: [{ id: "UwaYoXQ5bHYHG6EdiPB8", name: "Cloud Storage", status: "partial_outage" }],
    });
    expect(open!.updates.map((u) => [u.status, u.at])).toEqual([
      ["investigating", "2024-05-14T09:20:41.000Z"],
      ["investigating", "2024-05-14T10:05:12.000Z"],
    ]);
  });

  it("an ended incident is resolved, its last update too; a Workspace page is named so", () => {
    const snapshot = mapGcp("https://www.google.com/appsstatus/dashboard", products(), incidents());
    expect(snapshot.pageName).toBe("Google Workspace");
    const ended = snapshot.incidents[1]!;
    expect([ended.status, ended.impact]).toEqual(["resolved", "critical"]);
    expect(ended.updates.map((u) => u.status)).toEqual(["investigating", "investigating", "resolved"]);
    expect(ended.url).toBe("https://www.google.com/appsstatus/dashboard/incidents/pQ2sWm8cYt1LrV4nZe6u");
  });

  it("reads without products.json (404): products come from the incidents", async () => {
    const http = fixtureHttp({ [`${PAGE}/incidents.json`]: { body: INCIDENTS } });
    const result = await gcp.read({ url: PAGE }, { http });
    expect(result.unchanged === false && result.snapshot.components.map((c) => c.name)).toEqual([
      "Cloud Storage",
      "Google Compute Engine",
      "Cloud Run",
    ]);
  });
});
