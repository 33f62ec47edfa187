// A page that lists only open incidents (status.io, Instatus, AWS…) says an incident ended by no longer
// listing it. Pingoru records that as an update of its own, at the first poll that saw it gone, so the
// inference stays visible in the timeline; if the vendor lists the incident again, the vendor wins.
import type { Incident, IncidentSnapshot, Iso, UpdateSnapshot } from "./model.ts";
import { stableId } from "../lib/hash.ts";

const MARK = "unlisted:";

export const UNLISTED_MESSAGE =
  "No longer listed on the vendor's status page. Pingoru recorded it as ended when it first saw it gone.";

/** True for the update Pingoru adds when an incident drops off a page; the vendor never sends one. */
export function isUnlistedUpdate(update: Pick<UpdateSnapshot, "id">): boolean {
  return update.id.startsWith(MARK);
}

/**
 * What a poll "saw" of a stored open incident its page no longer lists: the same incident, ended now —
 * or, when the clock has stepped back behind the record, at its latest time: an end dated before the
 * incident's own updates would move its start and read as an update rather than the end.
 */
export function endUnlisted(stored: Incident, now: Iso): IncidentSnapshot {
  // A maintenance's start is its scheduled one, which may be still to come: its updates alone date it.
  const known = stored.kind === "maintenance" ? [] : [stored.startedAt];
  const at = [...known, ...stored.updates.map((update) => update.at)].reduce(
    (latest, time) => (time > latest ? time : latest),
    now,
  );
  const status = stored.kind === "maintenance" ? "completed" : "resolved";
  return {
    id: stored.vendorIncidentId,
    kind: stored.kind,
    title: stored.title,
    status,
    impact: stored.impact,
    url: stored.url,
    startedAt: stored.startedAt,
    scheduledFor: stored.scheduledFor,
    scheduledUntil: stored.scheduledUntil,
    // Every component it named, the ones only ever operational too: they still say what it concerned.
    components: [
      ...stored.affectedComponents.map(({ id, name, worstStatus }) => ({ id, name, status: worstStatus })),
      ...stored.listedOperational.map(({ id, name }) => ({ id, name, status: "operational" as const })),
    ],
    updates: [
      ...stored.updates,
      { id: MARK + stableId(stored.id, at), status, at, message: UNLISTED_MESSAGE, components: [] },
    ],
  };
}
