// Better Stack's public /index.json: a JSON:API document whose `data` is the status page and whose
// `included` holds its sections, resources, status reports and their updates. Items are checked by
// type, so one malformed resource is a shape error naming it, and unknown types are ignored.
import { z } from "zod";
import { id, list, optionalNumber, optionalText, optionalTimestamp, timestamp } from "./json-parts.ts";
import { validatePayload } from "./payload.ts";

const item = z.object({
  id,
  type: z.string(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  relationships: z.record(z.string(), z.unknown()).nullish(),
});
type Item = z.output<typeof item>;

export const betterstackIndexSchema = z.object({
  data: z.object({
    id,
    type: z.literal("status_page"),
    attributes: z.object({ company_name: optionalText, aggregate_state: optionalText }),
  }),
  included: list(item),
});
export type BetterstackIndex = z.output<typeof betterstackIndexSchema>;

const section = z.object({ name: optionalText, position: optionalNumber });
const resource = z.object({
  public_name: z.string().min(1),
  status: optionalText,
  position: optionalNumber,
  status_page_section_id: id.nullish(),
});
const report = z.object({
  title: optionalText,
  report_type: optionalText,
  starts_at: optionalTimestamp,
  ends_at: optionalTimestamp,
  aggregate_state: optionalText,
});
const update = z.object({
  message: optionalText,
  published_at: timestamp,
  status_report_id: id.nullish(),
  affected_resources: list(z.object({ status_page_resource_id: id, status: optionalText })),
});
const updateLinks = z
  .object({ status_updates: z.object({ data: list(z.object({ id })) }).nullish() })
  .nullish();

export type BetterstackSection = z.output<typeof section> & { id: string };
export type BetterstackResource = z.output<typeof resource> & { id: string };
export type BetterstackReport = z.output<typeof report> & { id: string; updateIds: string[] };
export type BetterstackUpdate = z.output<typeof update> & { id: string };

export interface BetterstackParts {
  pageName: string | null;
  sections: BetterstackSection[];
  resources: BetterstackResource[];
  reports: BetterstackReport[];
  updates: BetterstackUpdate[];
}

/** Splits `included` by type, validating each item of a type we read. */
export function splitIncluded(doc: BetterstackIndex, url: string): BetterstackParts {
  const of = <O extends object>(type: string, schema: z.ZodType<O>) =>
    doc.included
      .filter((i) => i.type === type)
      .map((i: Item) => ({
        ...validatePayload(schema, i.attributes ?? {}, url, `Better Stack ${type} (id ${i.id})`),
        id: i.id,
        relationships: i.relationships,
      }));
  return {
    pageName: doc.data.attributes.company_name,
    sections: of("status_page_section", section),
    resources: of("status_page_resource", resource),
    reports: of("status_report", report).map((r) => ({
      ...r,
      updateIds: (updateLinks.safeParse(r.relationships).data?.status_updates?.data ?? []).map((u) => u.id),
    })),
    updates: of("status_update", update),
  };
}
