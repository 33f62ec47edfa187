// One incident as a row of an export (pingoru export incidents, GET /api/v1/incidents?format=):
// the same fields as CSV (components joined) and as JSON lines (components a list).

import { csvRecord } from "../lib/csv.ts";
import { durationSeconds, type Incident } from "./model.ts";

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The media type and file name extension of each format. */
export const EXPORT_MEDIA: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson", extension: "jsonl" },
};

export const INCIDENT_EXPORT_COLUMNS = [
  "vendor",
  "id",
  "kind",
  "title",
  "impact",
  "status",
  "started_at",
  "resolved_at",
  "duration_seconds",
  "affected_components",
  "detection_lag_seconds",
  "url",
] as const;

export type IncidentExportRow = ReturnType<typeof incidentExportRow>;

/** What an export reads of an incident: its own fields, not its updates. */
export type ExportedIncident = Omit<Incident, "updates">;

export function incidentExportRow(incident: ExportedIncident) {
  return {
    vendor: incident.vendor,
    id: incident.id,
    kind: incident.kind,
    title: incident.title,
    impact: incident.impact,
    status: incident.status,
    started_at: incident.startedAt,
    resolved_at: incident.resolvedAt,
    duration_seconds: durationSeconds(incident),
    affected_components: incident.affectedComponents.map((c) => c.name),
    detection_lag_seconds: incident.detectionLagSeconds,
    url: incident.url,
  } satisfies Record<(typeof INCIDENT_EXPORT_COLUMNS)[number], unknown>;
}

/** What an export starts with: the CSV header row; JSON lines have none. */
export function incidentExportHeader(format: ExportFormat): string {
  return format === "csv" ? csvRecord(INCIDENT_EXPORT_COLUMNS) : "";
}

/** One incident as one line of the format, line end included. */
export function incidentExportLine(format: ExportFormat, incident: ExportedIncident): string {
  const row = incidentExportRow(incident);
  if (format === "jsonl") return JSON.stringify(row) + "\n";
  return csvRecord(
    INCIDENT_EXPORT_COLUMNS.map((column) =>
      column === "affected_components" ? row.affected_components.join("; ") : row[column],
    ),
  );
}
