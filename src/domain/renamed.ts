// A page that gives known incidents new ids (a feed regenerating its GUIDs or links on every fetch)
// must not make them new incidents. An incident the record does not know by id is matched to a
// stored one with the same content: title, start and first line of its first update. Pure.
import type { Incident } from "./model.ts";

/** What identifies an incident when its id cannot: title + start + the first line of its first update. */
export function contentFingerprint(incident: Incident): string {
  return JSON.stringify([incident.kind, incident.title.trim(), incident.startedAt, firstLine(incident)]);
}

function firstLine(incident: Incident): string {
  const text = (incident.updates[0]?.message ?? "")
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^<>]*>/g, " ");
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.replace(/\s+/g, " ").trim();
}

/**
 * Unknown incident's vendor id → the vendor id of the stored incident it is, for each unknown one
 * whose fingerprint matches exactly one candidate. Candidates still listed under their own id are
 * other incidents, however alike: the caller leaves them out.
 */
export function matchRenamed(
  unknown: readonly Incident[],
  candidates: readonly Incident[],
): Map<string, string> {
  const byPrint = new Map<string, Incident[]>();
  for (const stored of candidates) {
    const print = contentFingerprint(stored);
    byPrint.set(print, [...(byPrint.get(print) ?? []), stored]);
  }
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const incident of unknown) {
    const same = byPrint.get(contentFingerprint(incident)) ?? [];
    const match = same.length === 1 ? same[0]! : undefined;
    if (match === undefined || taken.has(match.vendorIncidentId)) continue;
    taken.add(match.vendorIncidentId);
    renamed.set(incident.vendorIncidentId, match.vendorIncidentId);
  }
  return renamed;
}
