// Zod schemas for status.io's public status document (GET api.status.io/1.0/status/<page_id>).
// Lenient where the vendor varies (extra keys, null or absent lists), strict about ids and times.
import { z } from "zod";
import { toIso } from "../lib/time.ts";

const id = z.union([z.string().min(1), z.number()]).transform(String);
const timestamp = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const iso = toIso(value);
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `unreadable timestamp "${value}"` });
    return z.NEVER;
  }
  return iso;
});
const optionalTimestamp = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => toIso(value));
/** Status codes are numbers (100–600); a few clients send them as strings. */
const code = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined || value === "" ? null : Number(value)));
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? "");

function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

export const containerSchema = z.object({ id, name: z.string(), status: text, status_code: code });
export type StatusioContainer = z.output<typeof containerSchema>;

export const componentSchema = z.object({
  id,
  name: z.string(),
  status: text,
  status_code: code,
  containers: list(containerSchema),
});
export type StatusioComponent = z.output<typeof componentSchema>;

const affectedSchema = z.object({ _id: id, name: z.string() });

export const messageSchema = z.object({
  details: text,
  /** 100 investigating, 200 identified, 300 monitoring. */
  state: code,
  /** The component status code set with this message. */
  status: code,
  datetime: timestamp,
});
export type StatusioMessage = z.output<typeof messageSchema>;

export const incidentSchema = z.object({
  _id: id,
  name: text,
  datetime_open: optionalTimestamp,
  datetime_planned_start: optionalTimestamp,
  datetime_planned_end: optionalTimestamp,
  messages: list(messageSchema),
  components_affected: list(affectedSchema),
  containers_affected: list(affectedSchema),
});
export type StatusioIncident = z.output<typeof incidentSchema>;

export const statusDocumentSchema = z.object({
  result: z.object({
    status_overall: z.object({ status: text, status_code: code }).nullish(),
    status: list(componentSchema),
    incidents: list(incidentSchema),
    maintenance: z
      .object({ active: list(incidentSchema), upcoming: list(incidentSchema) })
      .nullish()
      .transform((m) => m ?? { active: [], upcoming: [] }),
  }),
});
export type StatusioDocument = z.output<typeof statusDocumentSchema>;
