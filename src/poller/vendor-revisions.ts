// The poll's revisions (domain/revisions.ts): what the vendor edited in the incidents it sent, what it
// took down from a list that still covers its time, and the components it renamed; plus one
// `incident.edited` event per incident revised.
import type { ChangeEvent, ComponentSnapshot, Incident, IncidentSnapshot, Iso } from "../domain/model.ts";
import {
  componentRevisions,
  currentDeletions,
  editedEvents,
  incidentDeletions,
  incidentRevisions,
  updateDeletions,
  withinCap,
  type CoveredIncident,
  type Revision,
} from "../domain/revisions.ts";
import type { Store } from "../store/store.ts";

export interface RevisionInput {
  vendor: string;
  now: Iso;
  /** The stored record before this poll (components, and incidents by vendor id). */
  storedComponents: readonly ComponentSnapshot[];
  storedById: ReadonlyMap<string, Incident>;
  /** What the page sent now: every incident it lists, and its coverage (Snapshot.incidentsListedSince). */
  components: readonly ComponentSnapshot[];
  listed: readonly IncidentSnapshot[];
  listedSince: Iso | undefined;
  /** The incidents built from what changed, each with the snapshot it was built from. */
  built: readonly { seen: IncidentSnapshot; incident: Incident }[];
  /** Stored incidents the page now lists under another id: not deleted. */
  renamedIds: readonly string[];
}

export async function collectRevisions(
  input: RevisionInput,
  store: Pick<Store, "listDeletionRevisions" | "listIncidentsStartedSince" | "revisionRoom">,
): Promise<{ revisions: Revision[]; events: ChangeEvent[] }> {
  const { vendor, now } = input;
  const coverage = input.listedSince;
  const deleted = currentDeletions(await store.listDeletionRevisions(vendor));
  const revisions = componentRevisions(vendor, input.storedComponents, input.components, now);
  for (const { seen, incident } of input.built) {
    const prev = input.storedById.get(incident.vendorIncidentId);
    if (prev === undefined || prev.id !== incident.id) continue;
    revisions.push(...incidentRevisions(prev, incident, now));
    if (coverage !== undefined && seen.kind === "incident")
      revisions.push(...updateDeletions(prev, seen, deleted, now));
  }
  const listed = new Set([...input.listed.map((i) => i.id), ...input.renamedIds]);
  const covered = coverage === undefined ? [] : await store.listIncidentsStartedSince(vendor, coverage);
  const relisted = [...covered, ...input.storedById.values()].filter((i) => listed.has(i.vendorIncidentId));
  revisions.push(...incidentDeletions(vendor, covered, listed, relisted, deleted, now));
  const titles = new Map<string, CoveredIncident>(covered.map((i) => [i.id, i]));
  for (const incident of input.storedById.values()) titles.set(incident.id, incident);
  for (const { incident } of input.built) titles.set(incident.id, incident);
  const unique = [...new Map(revisions.map((r) => [r.id, r])).values()];
  const kept = withinCap(unique, await store.revisionRoom(unique));
  return { revisions: kept, events: editedEvents(kept, titles, now) };
}
