// The OpenAPI paths and schemas of uptime over a window and the month's SLAs (sla-api.ts).
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
      ],
      responses: {
        "200": json(ref("VendorUptime")),
        "400": error("Bad date, from not before to, or a window too long."),
        "404": error("No such vendor or component."),
      },
    },
  },
  "/sla": {
    get: {
      summary: "Every SLA target judged over a calendar month (UTC)",
      parameters: [
        query("month", "YYYY-MM; default the current month.", { type: "string", pattern: "^\\d{4}-\\d{2}$" }),
      ],
      responses: { "200": json(ref("SlaMonth")), "400": error("Bad month.") },
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
