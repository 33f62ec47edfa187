// incidents.json and scheduled-maintenances.json, validated and mapped one incident at a time, so a
// bad incident is a shape error naming it. Nothing is kept between reads: the poller reads the history
// only when the summary changed, and a mapped history per vendor would grow memory with the fleet.
import { z } from "zod";
import type { IncidentKind, IncidentSnapshot, Iso } from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import { parseJsonBody, validatePayload } from "./payload.ts";
import { incidentSchema, pageSchema } from "./statuspage-schema.ts";
import { mapIncident } from "./statuspage-map.ts";

export type ListKey = "incidents" | "scheduled_maintenances";

/** The list's envelope only; each item is validated on its own (or not at all when unchanged). A null or
 * absent list is empty, as elsewhere. */
const envelopes = {
  incidents: z
    .object({ page: pageSchema.optional(), incidents: z.array(z.unknown()).nullish() })
    .transform((v) => v.incidents ?? []),
  scheduled_maintenances: z
    .object({ page: pageSchema.optional(), scheduled_maintenances: z.array(z.unknown()).nullish() })
    .transform((v) => v.scheduled_maintenances ?? []),
};

export function mapIncidentList(response: HttpResponse, key: ListKey, base: string): IncidentSnapshot[] {
  return readIncidentList(response, key, base).incidents;
}

/**
 * The list mapped, and when the oldest item in it was created: the list is the vendor's latest (by
 * creation), so it covers every item created since then (null when it is empty).
 */
export function readIncidentList(
  response: HttpResponse,
  key: ListKey,
  base: string,
): { incidents: IncidentSnapshot[]; oldestCreatedAt: Iso | null } {
  const what = key === "incidents" ? "Statuspage incident list" : "Statuspage maintenance list";
  const items = validatePayload<unknown[]>(envelopes[key], parseJsonBody(response), response.url, what);
  const kind: IncidentKind | null = key === "incidents" ? null : "maintenance";
  let oldestCreatedAt: Iso | null = null;
  const incidents = items.map((raw, index) => {
    const item = validatePayload(incidentSchema, raw, response.url, `${what} (${key}.${index})`);
    if (oldestCreatedAt === null || item.created_at < oldestCreatedAt) oldestCreatedAt = item.created_at;
    return mapIncident(item, base, kind);
  });
  return { incidents, oldestCreatedAt };
}
