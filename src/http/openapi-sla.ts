// The OpenAPI paths and schemas of uptime over a window and the month's SLAs (sla-api.ts).
import {
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  SLA_EXPORT_COLUMNS,
  UPTIME_EXPORT_COLUMNS,
} from "../domain/export-rows.ts";
import { error, json, path, query, ref } from "./openapi-parts.ts";
import { list, nullableStr, object, str } from "./openapi-schemas.ts";
import { MAX_WINDOW_DAYS } from "./uptime-load.ts";

const time = {
  anyOf: [
    { type: "string", format: "date" },
    { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z?$" },
  ],
};
const num = { type: "number" } as const;

/** ?format=: the answer as a file, one row each with these columns. */
const formatParam = (rows: string, columns: readonly string[]) =>
  query(
    "format",
    `csv or jsonl: the answer as a file (an attachment), one row ${rows}: ${columns.join(", ")}. CSV is RFC 4180 with a header (lists joined with "; "); text that would start a spreadsheet formula is prefixed with '. Omitted: JSON.`,
    { type: "string", enum: [...EXPORT_FORMATS] },
  );
/** The JSON answer, or with ?format= the file. */
const orFile = (schema: string) => ({
  description: "The JSON answer, or with format the export file.",
  content: {
    ...json(ref(schema)).content,
    [EXPORT_MEDIA.csv.contentType]: { schema: { type: "string" } },
    [EXPORT_MEDIA.jsonl.contentType]: { schema: { type: "string" } },
  },
});
const nullableNum = { type: ["number", "null"] } as const;

export const SLA_PATHS = {
  "/vendors/{slug}/uptime": {
    get: {
      summary: "Each component's uptime over any window",
      description: `Major and partial outage count as down, degraded performance and maintenance as up; a vendor's partial_outage_weight (0..1) counts that share of a partial outage. Time before the record begins or after now is no data: it counts neither way. At most ${MAX_WINDOW_DAYS} days.`,
      parameters: [
        path("slug"),
        query("from", "A UTC date or date-time; default 90 days before `to`.", time),
        query("to", "A UTC date (to the end of that day) or date-time (inclusive); default now.", time),
        query("component", "A component name or id: only that component."),
        formatParam("per component", UPTIME_EXPORT_COLUMNS),
      ],
      responses: {
        "200": orFile("VendorUptime"),
        "400": error("Bad date, from not before to, a window too long, or a bad format."),
        "404": error("No such vendor or component."),
      },
    },
  },
  "/sla": {
    get: {
      summary: "Every SLA target judged over a calendar month (UTC)",
      parameters: [
        query("month", "YYYY-MM; default the current month.", { type: "string", pattern: "^\\d{4}-\\d{2}$" }),
        formatParam("per target (component empty: the whole vendor)", SLA_EXPORT_COLUMNS),
      ],
      responses: { "200": orFile("SlaMonth"), "400": error("Bad month or format.") },
    },
  },
};

export const SLA_SCHEMAS = {
  VendorUptime: object({
    vendor: str,
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time" },
    partial_outage_weight: num,
    components: list(
      object({ name: str, uptime_percent: nullableNum, downtime_seconds: num, no_data_seconds: num }),
    ),
  }),
  SlaMonth: object({
    month: str,
    items: list(
      object({
        vendor: str,
        component: { ...nullableStr, description: "null: the whole vendor, down when any component is." },
        target_percent: num,
        uptime_percent: nullableNum,
        downtime_seconds: num,
        allowed_downtime_seconds: { ...num, description: "The whole month's share the target allows." },
        met: { type: ["boolean", "null"] },
        credit_percent: nullableNum,
        claim_by: { type: ["string", "null"], format: "date" },
        incident_ids: list(str),
      }),
    ),
  }),
};
