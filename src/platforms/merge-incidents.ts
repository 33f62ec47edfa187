// One vendor incident is one incident, however many sources mention it (DESIGN §5). Pure.
import type { ComponentState, IncidentSnapshot, UpdateSnapshot } from "../domain/model.ts";

/**
 * How two sources' updates are matched: "id" when both carry vendor update ids (Statuspage JSON
 * files), "time" across sources where one side has only a derived id (a feed item): the same
 * second and the same status is the same update.
 */
export type UpdateMatch = "id" | "time";

export function isSameUpdate(a: UpdateSnapshot, b: UpdateSnapshot, match: UpdateMatch): boolean {
  if (a.id === b.id) return true;
  return match === "time" && a.status === b.status && a.at.slice(0, 19) === b.at.slice(0, 19);
}

/** Merges incidents with the same id, keeping first-seen order. */
export function mergeIncidents(
  incidents: readonly IncidentSnapshot[],
  match: UpdateMatch = "id",
): IncidentSnapshot[] {
  const byId = new Map<string, IncidentSnapshot>();
  for (const incident of incidents) {
    const seen = byId.get(incident.id);
    byId.set(incident.id, seen ? mergeIncident(seen, incident, match) : incident);
  }
  return [...byId.values()];
}

/**
 * The copy whose latest update is newer speaks for the incident's current fields (a summary
 * fetched after the history wins, and vice versa); ties go to the first. Updates are the union.
 */
export function mergeIncident(
  first: IncidentSnapshot,
  second: IncidentSnapshot,
  match: UpdateMatch = "id",
): IncidentSnapshot {
  const [primary, other] = lastAt(second) > lastAt(first) ? [second, first] : [first, second];
  return {
    ...primary,
    title: primary.title || other.title,
    url: primary.url ?? other.url,
    startedAt: earliest(primary.startedAt, other.startedAt),
    scheduledFor: primary.scheduledFor ?? other.scheduledFor,
    scheduledUntil: primary.scheduledUntil ?? other.scheduledUntil,
    components: unionStates(primary.components, other.components),
    // The first source's copy of a matched update wins (callers pass the vendor-id source first).
    updates: mergeUpdates(first.updates, second.updates, match),
  };
}

/** Union of two update lists; a matched pair becomes one update (the primary's, with components filled in). */
export function mergeUpdates(
  primary: readonly UpdateSnapshot[],
  other: readonly UpdateSnapshot[],
  match: UpdateMatch,
): UpdateSnapshot[] {
  const merged = [...primary];
  for (const update of other) {
    const index = merged.findIndex((m) => isSameUpdate(m, update, match));
    const found = index >= 0 ? merged[index] : undefined;
    if (!found) merged.push(update);
    else merged[index] = fillIn(found, update);
  }
  return merged.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** A matched update keeps its own fields; only what it lacks comes from the other source. */
function fillIn(kept: UpdateSnapshot, extra: UpdateSnapshot): UpdateSnapshot {
  return {
    ...kept,
    message: kept.message || extra.message,
    components: kept.components.length > 0 ? kept.components : extra.components,
  };
}

function unionStates(a: readonly ComponentState[], b: readonly ComponentState[]): ComponentState[] {
  const key = (s: ComponentState) => s.id ?? `name:${s.name}`;
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((s) => !seen.has(key(s)))];
}

function lastAt(incident: IncidentSnapshot): string {
  return incident.updates.reduce((max, u) => (u.at > max ? u.at : max), "");
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
