import { describe, expect, it } from "vitest";
import { incidentExportHeader, incidentExportLine, incidentExportRow } from "./export-rows.ts";
import type { Incident } from "./model.ts";

const INCIDENT: Incident = {
  id: "inc-1",
  vendor: "acme",
  vendorIncidentId: "v-1",
  kind: "incident",
  title: 'API "errors", timeouts',
  status: "resolved",
  impact: "major",
  url: "https://status.acme.example/incidents/1",
  startedAt: "2024-05-01T10:00:00.000Z",
  resolvedAt: "2024-05-01T11:30:00.000Z",
  scheduledFor: null,
  scheduledUntil: null,
  detectedAt: "2024-05-01T10:06:00.000Z",
  seenLive: true,
  detectionLagSeconds: 360,
  postmortemPublishedAt: null,
  postmortemUrl: null,
  affectedComponents: [
    { id: "c-api", name: "API", worstStatus: "major_outage" },
    { id: null, name: "Web, EU", worstStatus: "degraded_performance" },
  ],
  listedOperational: [],
  updates: [],
};

const OPEN: Incident = {
  ...INCIDENT,
  id: "inc-2",
  title: '=HYPERLINK("http://evil.example")\nsecond line',
  status: "investigating",
  resolvedAt: null,
  detectionLagSeconds: null,
  url: null,
  affectedComponents: [],
};

describe("incident export rows", () => {
  it("starts CSV with a header row and JSON lines with nothing", () => {
    expect(incidentExportHeader("csv")).toBe(
      "vendor,vendor_name,id,kind,title,impact,status,started_at,resolved_at,duration_seconds,affected_components,detection_lag_seconds,url\r\n",
    );
    expect(incidentExportHeader("jsonl")).toBe("");
  });

  it("writes a resolved incident as one CSV record: duration, components joined, quoted text", () => {
    expect(incidentExportLine("csv", INCIDENT, "Acme")).toBe(
      'acme,Acme,inc-1,incident,"API ""errors"", timeouts",major,resolved,2024-05-01T10:00:00.000Z,' +
        '2024-05-01T11:30:00.000Z,5400,"API; Web, EU",360,https://status.acme.example/incidents/1\r\n',
    );
  });

  it("leaves the unknown fields of an open incident empty and neutralises a formula title", () => {
    expect(incidentExportLine("csv", OPEN, "=Acme")).toBe(
      `acme,"'=Acme",inc-2,incident,"'=HYPERLINK(""http://evil.example"")\nsecond line",major,investigating,` +
        "2024-05-01T10:00:00.000Z,,,,,\r\n",
    );
  });

  it("writes JSON lines with the same fields, components as a list and nulls kept", () => {
    const line = incidentExportLine("jsonl", OPEN, "Acme");
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      vendor: "acme",
      vendor_name: "Acme",
      id: "inc-2",
      kind: "incident",
      title: OPEN.title,
      impact: "major",
      status: "investigating",
      started_at: "2024-05-01T10:00:00.000Z",
      resolved_at: null,
      duration_seconds: null,
      affected_components: [],
      detection_lag_seconds: null,
      url: null,
    });
    expect(JSON.parse(incidentExportLine("jsonl", INCIDENT, "Acme"))).toEqual(
      incidentExportRow(INCIDENT, "Acme"),
    );
    expect(incidentExportRow(INCIDENT, "Acme").affected_components).toEqual(["API", "Web, EU"]);
  });
});
