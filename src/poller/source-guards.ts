// Two guards against a page that misbehaves (issue 15): incidents it lists under new ids are
// recognised as the stored ones (domain/renamed.ts), and a burst of openings trips the circuit
// breaker (domain/breaker.ts). Both touch the store only when a poll meets an incident the record
// does not know by id, so an unchanged or ordinary poll costs nothing more.
import { BREAKER_LIMITS, breakerReason, type BreakerLimits } from "../domain/breaker.ts";
import type { ChangeEvent, Incident, IncidentSnapshot, Iso } from "../domain/model.ts";
import { buildIncident, type RecordContext } from "../domain/record.ts";
import { matchRenamed } from "../domain/renamed.ts";
import type { Vendor } from "../domain/vendor.ts";
import type { Store, VendorRecord } from "../store/store.ts";

export interface Recognized {
  /** The snapshot's incidents, those recognised carrying their stored ids. */
  incidents: IncidentSnapshot[];
  /** The stored incidents they were recognised as. */
  found: Incident[];
}

/** Matches the incidents the record does not know by id to stored ones with the same content. */
export async function recognizeRenamed(
  slug: string,
  incidents: readonly IncidentSnapshot[],
  stored: VendorRecord,
  ctx: RecordContext,
  store: Pick<Store, "loadRecord">,
): Promise<Recognized> {
  const known = new Set(stored.incidents.map((incident) => incident.vendorIncidentId));
  const unknown = incidents.filter((incident) => !known.has(incident.id));
  if (unknown.length === 0) return { incidents: [...incidents], found: [] };
  const fresh = unknown.map((seen) => buildIncident(seen, null, ctx));
  const listed = new Set(incidents.map((incident) => incident.id));
  const startedAtIn = fresh.map((i) => i.startedAt);
  const loaded = await store.loadRecord(slug, [], { startedAtIn, components: false });
  const candidates = loaded.incidents.filter((incident) => !listed.has(incident.vendorIncidentId));
  const renamed = matchRenamed(fresh, candidates);
  if (renamed.size === 0) return { incidents: [...incidents], found: [] };
  const targets = new Set(renamed.values());
  return {
    incidents: incidents.map((seen) => ({ ...seen, id: renamed.get(seen.id) ?? seen.id })),
    found: candidates.filter((incident) => targets.has(incident.vendorIncidentId)),
  };
}

/**
 * Why this poll trips the vendor's breaker, or null. Counted only when it opens incidents and the
 * breaker is not already holding; the rate window starts no earlier than the last reset.
 */
export async function breakerTrip(
  vendor: Pick<Vendor, "slug" | "notificationsHeld" | "breakerResetAt">,
  events: readonly ChangeEvent[],
  now: Iso,
  store: Pick<Store, "countRecentEvents">,
  limits: BreakerLimits = BREAKER_LIMITS,
): Promise<string | null> {
  if (vendor.notificationsHeld) return null; // already holding: one source.degraded per trip
  const opened = events.filter((event) => event.type === "incident.opened").length;
  if (opened === 0) return null;
  if (opened > limits.perPoll) return breakerReason(opened, opened, limits);
  const windowStart = new Date(Date.parse(now) - limits.windowMinutes * 60_000).toISOString();
  const reset = vendor.breakerResetAt;
  const since = reset !== null && reset > windowStart ? reset : windowStart;
  const before = await store.countRecentEvents(vendor.slug, "incident.opened", since);
  return breakerReason(opened, before + opened, limits);
}
