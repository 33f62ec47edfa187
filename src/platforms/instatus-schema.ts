// Instatus public JSON: /summary.json (or /v3/summary.json) and /v3/components.json. camelCase keys,
// UPPERCASE status words.
import { z } from "zod";
import { id, list, optionalNumber, optionalText, optionalTimestamp } from "./json-parts.ts";

const incident = z.object({
  id,
  name: optionalText,
  started: optionalTimestamp,
  status: optionalText,
  impact: optionalText,
  url: optionalText,
  updatedAt: optionalTimestamp,
});

const maintenance = z.object({
  id,
  name: optionalText,
  start: optionalTimestamp,
  status: optionalText,
  /** Minutes, sent as a number or a numeric string. */
  duration: optionalNumber,
  url: optionalText,
  updatedAt: optionalTimestamp,
});

export const instatusSummarySchema = z.object({
  page: z.object({ name: z.string(), url: optionalText, status: optionalText }),
  activeIncidents: list(incident),
  activeMaintenances: list(maintenance),
});
export type InstatusSummary = z.output<typeof instatusSummarySchema>;

const group = z.object({ id, name: z.string() }).nullish();

const child = z.object({
  id,
  name: z.string(),
  status: optionalText,
  order: optionalNumber,
  group,
});

const component = child.extend({
  isParent: z.boolean().nullish(),
  children: list(child),
});
export type InstatusComponent = z.output<typeof component>;

export const instatusComponentsSchema = z.object({ components: list(component) });
export type InstatusComponents = z.output<typeof instatusComponentsSchema>;
