// Zod schemas for Statuspage (and Statuspage-compatible) JSON: lenient about what vendors vary
// (extra keys, missing optional keys, null lists, numbers as strings), strict about ids, names
// and timestamps, which the record cannot do without.
import { z } from "zod";
import { toIso } from "../lib/time.ts";

/** Vendors send ids as strings, a few as numbers. */
const id = z.union([z.string().min(1), z.number()]).transform(String);
/** A timestamp we must be able to read; normalised to UTC ISO with ms. */
const timestamp = z.string().transform((value, ctx) => {
  const iso = toIso(value);
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `unreadable timestamp "${value}"` });
    return z.NEVER;
  }
  return iso;
});
const optionalTimestamp = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => toIso(value));
const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? null : String(value)));
/** A list that may be null or absent: both mean empty. */
function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

export const componentSchema = z.object({
  id,
  name: z.string(),
  status: optionalText,
  position: z.union([z.number(), z.string(), z.null()]).optional().transform(toPosition),
  description: optionalText,
  group: z.boolean().nullish(),
  group_id: optionalText,
  components: list(id),
});
export type StatuspageComponent = z.output<typeof componentSchema>;

function toPosition(value: number | string | null | undefined): number | null {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

export const affectedComponentSchema = z.object({
  code: id,
  name: z.string(),
  old_status: optionalText,
  new_status: optionalText,
});

export const incidentUpdateSchema = z.object({
  id: id.optional(),
  status: z.string(),
  body: optionalText,
  created_at: timestamp,
  display_at: optionalTimestamp,
  affected_components: list(affectedComponentSchema),
});
export type StatuspageUpdate = z.output<typeof incidentUpdateSchema>;

export const incidentSchema = z.object({
  id,
  name: z.string(),
  status: z.string(),
  impact: optionalText,
  created_at: timestamp,
  started_at: optionalTimestamp,
  scheduled_for: optionalTimestamp,
  scheduled_until: optionalTimestamp,
  incident_updates: list(incidentUpdateSchema),
  components: list(componentSchema),
  // Statuspage's postmortem, published after resolution (its API's incident fields); absent on most pages.
  postmortem_body: optionalText,
  postmortem_published_at: optionalTimestamp,
});
export type StatuspageIncident = z.output<typeof incidentSchema>;

export const pageSchema = z.object({
  id,
  name: z.string(),
  url: optionalText,
});

/** /api/v2/summary.json (also components.json, which has no incident lists). */
export const summarySchema = z.object({
  page: pageSchema,
  components: z.array(componentSchema),
  incidents: list(incidentSchema),
  scheduled_maintenances: list(incidentSchema),
});
export type StatuspageSummary = z.output<typeof summarySchema>;

/** /api/v2/incidents.json */
export const incidentsSchema = z.object({
  page: pageSchema.optional(),
  incidents: z.array(incidentSchema),
});
export type StatuspageIncidents = z.output<typeof incidentsSchema>;

/** /api/v2/scheduled-maintenances.json */
export const maintenancesSchema = z.object({
  page: pageSchema.optional(),
  scheduled_maintenances: z.array(incidentSchema),
});
export type StatuspageMaintenances = z.output<typeof maintenancesSchema>;

/** /api/v2/incidents/<code>.json */
export const incidentDocumentSchema = z.object({
  page: pageSchema.optional(),
  incident: incidentSchema,
});
