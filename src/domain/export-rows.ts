// Rows of the exports (pingoru export incidents|uptime|sla, ?format= on GET /api/v1/incidents,
// /vendors/:slug/uptime and /sla): the same fields as CSV (lists joined with "; ") and as JSON lines
// (lists kept), one row an incident, a component's uptime over a window, or an SLA target's month.

import { csvRecord, type CsvValue } from "../lib/csv.ts";
import { durationSeconds, type Incident } from "./model.ts";
import type { SlaResult, SlaTarget } from "./sla.ts";
import type { WindowUptime } from "./uptime.ts";

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The media type and file name extension of each format. */
export const EXPORT_MEDIA: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson", extension: "jsonl" },
};

/** A field: a list is joined with "; " in CSV, a boolean written true/false. */
export type ExportCell = CsvValue | boolean | readonly string[];
type Row<C extends string> = Record<C, ExportCell>;

/** What an export starts with: the CSV header row; JSON lines have none. */
export function exportHeader(format: ExportFormat, columns: readonly string[]): string {
  return format === "csv" ? csvRecord(columns) : "";
}

/** One row as one line of the format, line end included. */
export function exportLine<C extends string>(
  format: ExportFormat,
  columns: readonly C[],
  row: Row<C>,
): string {
  if (format === "jsonl") return JSON.stringify(row) + "\n";
  return csvRecord(columns.map((column) => csvCell(row[column])));
}

function csvCell(value: ExportCell): CsvValue {
  if (typeof value === "boolean") return String(value);
  return Array.isArray(value) ? value.join("; ") : (value as CsvValue);
}

/** A vendor as the export rows name it: its slug, then its name. */
export interface ExportVendor {
  slug: string;
  name: string;
}

export const INCIDENT_EXPORT_COLUMNS = [
  "vendor",
  "vendor_name",
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

export function incidentExportRow(incident: ExportedIncident, vendorName: string) {
  return {
    vendor: incident.vendor,
    vendor_name: vendorName,
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
  } satisfies Row<(typeof INCIDENT_EXPORT_COLUMNS)[number]>;
}

export const UPTIME_EXPORT_COLUMNS = [
  "vendor",
  "vendor_name",
  "component",
  "from",
  "to",
  "uptime_percent",
  "downtime_seconds",
  "no_data_seconds",
  "partial_outage_weight",
] as const;

/** One component's uptime over [from, to), as GET /api/v1/vendors/:slug/uptime gives it. */
export interface UptimeFigure {
  vendor: ExportVendor;
  component: string;
  from: Date;
  to: Date;
  partialOutageWeight: number;
  uptime: WindowUptime;
}

export function uptimeExportRow(f: UptimeFigure) {
  return {
    vendor: f.vendor.slug,
    vendor_name: f.vendor.name,
    component: f.component,
    from: f.from.toISOString(),
    to: f.to.toISOString(),
    uptime_percent: f.uptime.percent,
    downtime_seconds: Math.round(f.uptime.downSeconds),
    no_data_seconds: Math.round(f.uptime.noDataSeconds),
    partial_outage_weight: f.partialOutageWeight,
  } satisfies Row<(typeof UPTIME_EXPORT_COLUMNS)[number]>;
}

export const SLA_EXPORT_COLUMNS = [
  "month",
  "vendor",
  "vendor_name",
  "component",
  "target_percent",
  "uptime_percent",
  "downtime_seconds",
  "allowed_downtime_seconds",
  "met",
  "credit_percent",
  "claim_by",
  "incident_ids",
] as const;

/** One SLA target judged over a month, as GET /api/v1/sla gives it (a null component: the whole vendor). */
export function slaExportRow(month: string, vendor: ExportVendor, item: SlaTarget & SlaResult) {
  return {
    month,
    vendor: vendor.slug,
    vendor_name: vendor.name,
    component: item.component,
    target_percent: item.targetPercent,
    uptime_percent: item.uptimePercent,
    downtime_seconds: Math.round(item.downtimeSeconds),
    allowed_downtime_seconds: item.allowedDowntimeSeconds,
    met: item.met,
    credit_percent: item.creditPercent,
    claim_by: item.claimBy,
    incident_ids: item.incidentIds,
  } satisfies Row<(typeof SLA_EXPORT_COLUMNS)[number]>;
}
