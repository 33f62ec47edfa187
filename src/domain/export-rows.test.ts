import { describe, expect, it } from "vitest";
import {
  exportHeader,
  exportLine,
  INCIDENT_EXPORT_COLUMNS,
  incidentExportRow,
  SLA_EXPORT_COLUMNS,
  slaExportRow,
  UPTIME_EXPORT_COLUMNS,
  uptimeExportRow,
  type ExportFormat,
} from "./export-rows.ts";
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

const incidentExportLine = (format: ExportFormat, incident: Incident, name: string) =>
  exportLine(format, INCIDENT_EXPORT_COLUMNS, incidentExportRow(incident, name));

describe("incident export rows", () => {
  it("starts CSV with a header row and JSON lines with nothing", () => {
    expect(exportHeader("csv", INCIDENT_EXPORT_COLUMNS)).toBe(
      "vendor,vendor_name,id,kind,title,impact,status,started_at,resolved_at,duration_seconds,affected_components,detection_lag_seconds,url\r\n",
    );
    expect(exportHeader("jsonl", INCIDENT_EXPORT_COLUMNS)).toBe("");
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

describe("uptime and SLA export rows", () => {
  const acme = { slug: "acme", name: "@Acme" };
  const uptime = { percent: 99.5, downSeconds: 3600.4, noDataSeconds: 0, incidentIds: ["inc-1", "inc-2"] };

  it("writes a component's uptime with its window and weight, seconds rounded", () => {
    const row = uptimeExportRow({
      vendor: acme,
      component: "API, EU",
      from: new Date("2024-05-01T00:00:00Z"),
      to: new Date("2024-06-01T00:00:00Z"),
      partialOutageWeight: 0.3,
      uptime,
    });
    expect(exportLine("csv", UPTIME_EXPORT_COLUMNS, row)).toBe(
      `acme,"'@Acme","API, EU",2024-05-01T00:00:00.000Z,2024-06-01T00:00:00.000Z,99.5,3600,0,0.3\r\n`,
    );
    expect(JSON.parse(exportLine("jsonl", UPTIME_EXPORT_COLUMNS, row))).toEqual(row);
    expect(row.vendor_name).toBe("@Acme"); // JSON is not a spreadsheet: kept as it is
  });

  it("writes an SLA month: the whole vendor as an empty component, met as true/false, incidents joined", () => {
    const item = {
      ...{ vendor: "acme", component: null, targetPercent: 99.9, credits: [], claimDays: 30 },
      ...{ uptimePercent: 99.5, downtimeSeconds: 3600.4, allowedDowntimeSeconds: 2678 },
      ...{ met: false, creditPercent: 10, claimBy: "2024-06-30", incidentIds: ["inc-1", "inc-2"] },
    };
    const row = slaExportRow("2024-05", acme, item);
    expect(exportLine("csv", SLA_EXPORT_COLUMNS, row)).toBe(
      `2024-05,acme,"'@Acme",,99.9,99.5,3600,2678,false,10,2024-06-30,inc-1; inc-2\r\n`,
    );
    expect(JSON.parse(exportLine("jsonl", SLA_EXPORT_COLUMNS, row))).toMatchObject({
      component: null,
      met: false,
      incident_ids: ["inc-1", "inc-2"],
    });
    const unknown = slaExportRow("2024-05", acme, {
      ...item,
      uptimePercent: null,
      met: null,
      creditPercent: null,
    });
    expect(exportLine("csv", SLA_EXPORT_COLUMNS, unknown)).toContain(",99.9,,3600,2678,,,2024-06-30,");
  });
});
