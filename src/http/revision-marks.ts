// The vendor's revisions of incidents (domain/revisions.ts), as the API and the incident page read them.
import type { Incident } from "../domain/model.ts";
import { revisionMarks, type Revision, type RevisionMarks } from "../domain/revisions.ts";
import type { Store } from "../store/store.ts";

/** Each incident's marks (edited, taken down), in one read for a whole page of incidents. */
export async function loadRevisionMarks(
  store: Pick<Store, "listRevisions">,
  incidents: readonly Pick<Incident, "id">[],
): Promise<Map<string, RevisionMarks>> {
  const revisions = incidents.length === 0 ? [] : await store.listRevisions(incidents.map((i) => i.id));
  return new Map(incidents.map((i) => [i.id, revisionMarks(i.id, revisions)]));
}

/** One incident's revisions, with the renames of the components it affected, in the order seen. */
export async function loadIncidentRevisions(
  store: Pick<Store, "listRevisions" | "listComponentRevisions">,
  incident: Pick<Incident, "id" | "vendor" | "affectedComponents">,
): Promise<Revision[]> {
  const componentIds = incident.affectedComponents.flatMap((c) => (c.id === null ? [] : [c.id]));
  const [own, renames] = await Promise.all([
    store.listRevisions([incident.id]),
    store.listComponentRevisions(incident.vendor, componentIds),
  ]);
  return [...own, ...renames].sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0));
}
