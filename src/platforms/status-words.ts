// Vendor words → Pingoru's vocabularies. Pure. Shared by every adapter so one word means one thing.
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATUSES,
  type ComponentStatus,
  type Impact,
  type IncidentKind,
  type IncidentStatus,
} from "../domain/model.ts";

/** Lower-case, spaces/dashes → underscores: "Degraded performance" → "degraded_performance". */
function normalizeWord(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * A vendor word looked up in a word table: own keys only, so "__proto__" or "constructor" from a
 * payload finds nothing instead of Object.prototype's members (found by the fuzz suite).
 */
export function lookUpWord<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

// Words other vendors use for the same component states (incident.io "Full outage", feed prose).
const COMPONENT_SYNONYMS: Record<string, ComponentStatus> = {
  full_outage: "major_outage",
  degraded: "degraded_performance",
  maintenance: "under_maintenance",
};

/** Unknown raw component statuses are "unknown", never "operational": we cannot vouch for them. */
export function toComponentStatus(raw: string | null | undefined): ComponentStatus {
  if (!raw) return "unknown";
  const word = normalizeWord(raw);
  if ((COMPONENT_STATUSES as readonly string[]).includes(word)) return word as ComponentStatus;
  return lookUpWord(COMPONENT_SYNONYMS, word) ?? "unknown";
}

const MAINTENANCE_STATUSES: readonly IncidentStatus[] = [
  "scheduled",
  "in_progress",
  "verifying",
  "completed",
];

export function isMaintenanceStatus(status: IncidentStatus): boolean {
  return MAINTENANCE_STATUSES.includes(status);
}

/**
 * Known words map exactly. Unknown words map to the closest value by their stem (e.g. "fixed" →
 * resolved, "in maintenance" → in_progress); a word with no recognisable stem means the incident
 * is still open, so it maps to the opening state of its kind (investigating / scheduled) — claiming
 * "resolved" for a word we do not understand would hide a live incident.
 */
export function toIncidentStatus(
  raw: string | null | undefined,
  kind: IncidentKind = "incident",
): IncidentStatus {
  const word = normalizeWord(raw ?? "");
  if ((INCIDENT_STATUSES as readonly string[]).includes(word)) return word as IncidentStatus;
  const stem = statusFromStem(word, kind);
  if (stem) return stem;
  return kind === "maintenance" ? "scheduled" : "investigating";
}

function statusFromStem(word: string, kind: IncidentKind): IncidentStatus | null {
  if (/post_?mortem|root_cause|rca/.test(word)) return "postmortem";
  if (/complet|finished|done/.test(word)) return kind === "maintenance" ? "completed" : "resolved";
  if (/resolv|fixed|closed|recovered|restored/.test(word))
    return kind === "maintenance" ? "completed" : "resolved";
  if (/verif/.test(word)) return "verifying";
  if (/progress|underway|started|active_maintenance|in_maintenance/.test(word)) return "in_progress";
  if (/monitor|watch/.test(word)) return "monitoring";
  if (/identif|cause_found|fixing/.test(word)) return "identified";
  if (/schedul|planned|upcoming/.test(word)) return "scheduled";
  if (/investig|outage|degrad|disrupt|issue|problem/.test(word)) return "investigating";
  return null;
}

/**
 * Statuspage impacts map exactly. A maintenance the vendor rates "none" is still a maintenance.
 * The vocabulary has no "unknown", so an unrecognised impact is "none": we claim no severity we
 * were not told about.
 */
export function toImpact(raw: string | null | undefined, kind: IncidentKind): Impact {
  const word = normalizeWord(raw ?? "");
  const known = (IMPACTS as readonly string[]).includes(word) ? (word as Impact) : "none";
  return kind === "maintenance" && known === "none" ? "maintenance" : known;
}

/**
 * The impact incident.io itself derives in its Statuspage-compatible API from the worst component
 * state (degraded → minor, partial → major, full → critical); used for incidents only a feed names.
 */
export function impactFromComponents(statuses: readonly ComponentStatus[], kind: IncidentKind): Impact {
  if (kind === "maintenance") return "maintenance";
  if (statuses.includes("major_outage")) return "critical";
  if (statuses.includes("partial_outage")) return "major";
  if (statuses.includes("degraded_performance")) return "minor";
  return "none";
}
