// A vendor entry's uptime settings in the config file: `partial_outage_weight` and `sla:` (one target,
// or a list, one per component; no component: the whole vendor).
import { z } from "zod";
import { parseCredits, type SlaTarget } from "../domain/sla.ts";

const validCredits = (text: string) => {
  try {
    parseCredits(text);
    return true;
  } catch {
    return false;
  }
};

export const slaConfigSchema = z.strictObject({
  target: z.number().gt(0, "above 0").max(100, "at most 100"),
  component: z.string().min(1).optional(),
  /** Uptime below:credit %, e.g. "99.0:10,95.0:25". */
  credits: z
    .string()
    .refine(
      validCredits,
      'like "99.0:10,95.0:25": uptime below which, credit %, each above 0 and at most 100',
    )
    .optional(),
  claim_days: z.number().int().min(1).max(3650).optional(),
});
export type SlaConfig = z.infer<typeof slaConfigSchema>;

export const slaListSchema = z
  .union([slaConfigSchema, z.array(slaConfigSchema)])
  .transform((sla) => (Array.isArray(sla) ? sla : [sla]))
  .refine(
    (list) => new Set(list.map((s) => s.component ?? "")).size === list.length,
    "one target per component (and one for the whole vendor)",
  );

export const partialOutageWeightSchema = z.number().min(0).max(1);

export function slaTargetsOf(vendor: string, list: readonly SlaConfig[]): SlaTarget[] {
  return list.map((s) => ({
    vendor,
    component: s.component ?? null,
    targetPercent: s.target,
    credits: parseCredits(s.credits ?? ""),
    claimDays: s.claim_days ?? null,
  }));
}
