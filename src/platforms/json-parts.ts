// Zod building blocks shared by the JSON adapters (Instatus, Better Stack, Slack, Heroku): lenient
// about what vendors vary (null or absent lists, numeric ids), strict about ids and timestamps.
import { z } from "zod";
import { toIso } from "../lib/time.ts";

/** Vendors send ids as strings, some as numbers. */
export const id = z.union([z.string().min(1), z.number()]).transform(String);

/** A timestamp the record cannot do without; normalised to UTC ISO with ms. */
export const timestamp = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const iso = toIso(value);
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `unreadable timestamp "${value}"` });
    return z.NEVER;
  }
  return iso;
});

/** A timestamp that may be null or absent; an unreadable one is an error, not silently null. */
export const optionalTimestamp = z
  .union([timestamp, z.null(), z.literal("")])
  .optional()
  .transform((v) => v || null);

/** Text that may be null, absent or a number. */
export const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** A finite number that may be sent as a string, or not at all. */
export const optionalNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof n === "number" && Number.isFinite(n) ? n : null;
  });

/** A list that may be null or absent: both mean empty. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}
