// incidents.json and scheduled-maintenances.json, validated and mapped one incident at a time, so an
// incident the vendor has not touched since the last read (same change token) is reused as it was.
// A changed poll of GitHub's 50-incident history then validates and maps one incident, not fifty.
import { z } from "zod";
import type { IncidentKind, IncidentSnapshot } from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import { parseJsonBody, validatePayload } from "./payload.ts";
import type { IncidentMemo } from "./platform.ts";
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

export function mapIncidentList(
  response: HttpResponse,
  key: ListKey,
  base: string,
  memo: { previous?: IncidentMemo | undefined; next: IncidentMemo },
): IncidentSnapshot[] {
  const what = key === "incidents" ? "Statuspage incident list" : "Statuspage maintenance list";
  const items = validatePayload<unknown[]>(envelopes[key], parseJsonBody(response), response.url, what);
  const kind: IncidentKind | null = key === "incidents" ? null : "maintenance";
  return items.map((raw, index) => {
    const token = changeToken(raw);
    const memoKey = `${key}|${base}|${token?.id}`;
    const known = token ? memo.previous?.get(memoKey) : undefined;
    const snapshot =
      known && known.token === token?.value
        ? known.snapshot
        : mapIncident(
            validatePayload(incidentSchema, raw, response.url, `${what} (${key}.${index})`),
            base,
            kind,
          );
    if (token) memo.next.set(memoKey, { token: token.value, snapshot });
    return snapshot;
  });
}

/**
 * What Statuspage changes whenever an incident does: its own and its updates' updated_at, plus the
 * fields shown. Null (always re-read) when the vendor leaves them out.
 */
export function changeToken(raw: unknown): { id: string; value: string } | null {
  if (!isRecord(raw) || !(typeof raw.id === "string" || typeof raw.id === "number")) return null;
  if (typeof raw.updated_at !== "string" || !Array.isArray(raw.incident_updates)) return null;
  const parts = [raw.updated_at, raw.status, raw.impact, raw.name, raw.scheduled_for, raw.scheduled_until];
  for (const update of raw.incident_updates) {
    if (!isRecord(update) || typeof update.updated_at !== "string") return null;
    parts.push(`${String(update.id)}@${update.updated_at}`);
  }
  return { id: String(raw.id), value: JSON.stringify(parts) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
