// What the vendor changed after Pingoru saw it (domain/revisions.ts): written with the poll (PollSuccess
// revisions), read by the incident page, the API and the next poll.
import type { CoveredIncident, Revision } from "../domain/revisions.ts";
import type { Iso } from "../domain/model.ts";

export interface RevisionStore {
  /** Revisions each subject of these (incident, or "component:<id>") may still have under the cap; absent: all. */
  revisionRoom(revisions: readonly Revision[]): Promise<Map<string, number>>;
  /** The revisions of these incidents (edits and deletion marks), in the order they were seen. */
  listRevisions(incidentIds: readonly string[]): Promise<Revision[]>;
  /** The vendor's renames of these components, in the order they were seen. */
  listComponentRevisions(vendor: string, componentIds: readonly string[]): Promise<Revision[]>;
  /** Every deletion mark of the vendor (taken down, and listed again), in the order they were seen. */
  listDeletionRevisions(vendor: string): Promise<Revision[]>;
  /** The vendor's stored incidents (not maintenances) that started at or after `since`. */
  listIncidentsStartedSince(vendor: string, since: Iso): Promise<CoveredIncident[]>;
}
