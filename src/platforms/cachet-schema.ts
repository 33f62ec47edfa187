// Zod schemas for the Cachet 2.x JSON API (/api/v1/...): every list is {meta: {pagination}, data: [...]}.
// Cachet writes integers as numbers or numeric strings depending on the database driver; both are read.
import { z } from "zod";
import { toIso } from "../lib/time.ts";

/**
 * Cachet prints times in the server's zone without an offset ("2015-07-24 14:42:10"); its default zone
 * is UTC, so a time without an offset is read as UTC (never as this machine's local time).
 */
export function cachetTime(value: string | number | null | undefined): string | null {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value.trim())) {
    return toIso(`${value.trim().replace(" ", "T")}Z`);
  }
  return toIso(value);
}

const id = z.union([z.number(), z.string().min(1)]).transform(String);
const int = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) =>
    v === null || v === undefined || v === "" || !Number.isFinite(Number(v)) ? null : Number(v),
  );
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? "");
const time = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => cachetTime(v));
const requiredTime = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const iso = cachetTime(value);
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `unreadable timestamp "${value}"` });
    return z.NEVER;
  }
  return iso;
});

function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

/**
 * The envelope of every list: data plus where the next page is (absolute URL, or null). `data` must be
 * there (null reads as empty): a body without it is not a Cachet list at all.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    meta: z
      .object({
        pagination: z.object({ links: z.object({ next_page: z.string().nullish() }).nullish() }).nullish(),
      })
      .nullish(),
    data: z
      .array(item)
      .nullable()
      .transform((items) => items ?? []),
  });
}

export const componentSchema = z.object({
  id,
  name: z.string(),
  status: int,
  status_name: text,
  order: int,
  group_id: int,
  enabled: z.boolean().nullish(),
});
export type CachetComponent = z.output<typeof componentSchema>;

export const groupSchema = z.object({ id, name: z.string(), order: int });
export type CachetGroup = z.output<typeof groupSchema>;

export const updateSchema = z.object({
  id,
  status: int,
  message: text,
  created_at: requiredTime,
});
export type CachetUpdate = z.output<typeof updateSchema>;

export const incidentSchema = z.object({
  id,
  name: text,
  message: text,
  status: int,
  component_id: int,
  occurred_at: time,
  scheduled_at: time,
  created_at: requiredTime,
  /** Cachet 2.4 embeds updates on some installs; absent means "fetch /incidents/:id/updates". */
  updates: z.array(updateSchema).nullish(),
});
export type CachetIncident = z.output<typeof incidentSchema>;

export const scheduleSchema = z.object({
  id,
  name: text,
  message: text,
  status: int,
  scheduled_at: time,
  completed_at: time,
  created_at: requiredTime,
  components: list(z.object({ id: id.optional(), component_id: int, name: z.string().optional() })),
});
export type CachetSchedule = z.output<typeof scheduleSchema>;

export const componentPageSchema = pageOf(componentSchema);
export const groupPageSchema = pageOf(groupSchema);
export const incidentPageSchema = pageOf(incidentSchema);
export const updatePageSchema = pageOf(updateSchema);
export const schedulePageSchema = pageOf(scheduleSchema);
