// What the vendor changed after Pingoru saw it (issue 16): an update's text or time rewritten, an
// incident's start moved, its impact or title changed once it was over, an incident or update taken
// down while the page still covers its time, a component renamed. The record follows the vendor; each
// change is kept as a revision (old value, new value, when Pingoru saw it), so the original is never lost.
// Pure.
import { stableId } from "../lib/hash.ts";
import { isClosedStatus, type ChangeEvent, type Incident, type IncidentSnapshot, type Iso } from "./model.ts";
import type { ComponentSnapshot, Impact, UpdateSnapshot } from "./model.ts";
import { isUnlistedUpdate } from "./unlisted.ts";

export const REVISION_FIELDS = [
  "title",
  "impact",
  "started_at",
  "message",
  "at",
  "status",
  "deleted_by_vendor",
  "component_name",
] as const;
export type RevisionField = (typeof REVISION_FIELDS)[number];

/**
 * Revisions kept per incident (or per component, for renames). The first ones are kept, the original
 * among them: a vendor that rewrites an incident on every poll cannot grow the table without bound.
 */
export const MAX_REVISIONS_PER_SUBJECT = 50;

export interface Revision {
  /** Deterministic: the same change seen in the same poll is one revision. */
  id: string;
  vendor: string;
  /** The incident, or null for a component rename. */
  incidentId: string | null;
  /** The update revised (message, at, status, deleted_by_vendor of an update), else null. */
  updateId: string | null;
  /** The component renamed, else null. */
  componentId: string | null;
  field: RevisionField;
  oldValue: string | null;
  newValue: string | null;
  /** When Pingoru first saw the change. */
  seenAt: Iso;
}

type Subject = Pick<Revision, "vendor" | "incidentId" | "updateId" | "componentId">;

function revision(
  subject: Subject,
  field: RevisionField,
  oldValue: string | null,
  newValue: string | null,
  seenAt: Iso,
): Revision {
  const { vendor, incidentId, updateId, componentId } = subject;
  const id = stableId(vendor, incidentId, updateId, componentId, field, oldValue, newValue, seenAt);
  return { id, ...subject, field, oldValue, newValue, seenAt };
}

/** The subject a revision counts against for the cap: its incident, else its component. */
export function revisionSubject(r: Pick<Revision, "incidentId" | "componentId">): string {
  return r.incidentId ?? `component:${r.componentId}`;
}

/**
 * The revisions that fit under the cap, in order: `room` is what each subject has left (a subject not
 * in it has the whole cap). The poller keeps to it before it makes events, so an edit past the cap is
 * neither stored nor notified, and a deletion past it is not found again on every poll.
 */
export function withinCap(revisions: readonly Revision[], room: ReadonlyMap<string, number>): Revision[] {
  const left = new Map(room);
  return revisions.filter((r) => {
    const subject = revisionSubject(r);
    const n = left.get(subject) ?? MAX_REVISIONS_PER_SUBJECT;
    left.set(subject, n - 1);
    return n > 0;
  });
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/**
 * The vendor's edits to one incident between the stored record and the one just built. Title and
 * impact change as an incident unfolds, so they count as edits only once it was over; a start that
 * moves, or an update whose text, time or status changes, is always an edit.
 */
export function incidentRevisions(prev: Incident, next: Incident, now: Iso): Revision[] {
  const subject = { vendor: next.vendor, incidentId: next.id, updateId: null, componentId: null };
  const out: Revision[] = [];
  const over = isClosedStatus(prev.status);
  if (over && prev.title !== next.title) out.push(revision(subject, "title", prev.title, next.title, now));
  if (over && prev.impact !== next.impact)
    out.push(revision(subject, "impact", prev.impact, next.impact, now));
  // A maintenance's start is derived (scheduled, or its first in-progress update): only a moved
  // schedule is the vendor's edit.
  const [startBefore, startAfter] =
    next.kind === "maintenance" ? [prev.scheduledFor, next.scheduledFor] : [prev.startedAt, next.startedAt];
  if (startBefore !== null && startAfter !== null && startBefore !== startAfter)
    out.push(revision(subject, "started_at", startBefore, startAfter, now));
  const after = new Map(next.updates.map((u) => [u.id, u]));
  for (const old of prev.updates) {
    const now_ = after.get(old.id);
    if (now_ === undefined || isUnlistedUpdate(old)) continue;
    const on = { ...subject, updateId: old.id };
    if (!sameText(old.message, now_.message))
      out.push(revision(on, "message", old.message, now_.message, now));
    if (old.at !== now_.at) out.push(revision(on, "at", old.at, now_.at, now));
    // Pingoru's own relabelling of a late "resolved" as the postmortem (postmortem.ts) is no edit.
    if (old.status !== now_.status && !postmortemRelabel(old.status, now_.status))
      out.push(revision(on, "status", old.status, now_.status, now));
  }
  return out;
}

function postmortemRelabel(a: string, b: string): boolean {
  return (a === "resolved" && b === "postmortem") || (a === "postmortem" && b === "resolved");
}

/** Components the vendor renamed (same id, another name). */
export function componentRevisions(
  vendor: string,
  prev: readonly ComponentSnapshot[],
  next: readonly ComponentSnapshot[],
  now: Iso,
): Revision[] {
  const before = new Map(prev.map((c) => [c.id, c.name]));
  return next
    .filter((c) => before.has(c.id) && before.get(c.id) !== c.name)
    .map((c) =>
      revision(subjectOf(vendor, null, null, c.id), "component_name", before.get(c.id)!, c.name, now),
    );
}

function subjectOf(
  vendor: string,
  incidentId: string | null,
  updateId: string | null,
  componentId: string | null,
) {
  return { vendor, incidentId, updateId, componentId };
}

/** "incident id" or "incident id|update id": what a deletion mark is about. */
export function deletionKey(incidentId: string, updateId: string | null): string {
  return updateId === null ? incidentId : `${incidentId}|${updateId}`;
}

/** What the vendor has taken down now: the last deletion revision of each subject says "true". */
export function currentDeletions(revisions: readonly Revision[]): Set<string> {
  const deleted = new Set<string>();
  for (const r of revisions) {
    if (r.field !== "deleted_by_vendor" || r.incidentId === null) continue;
    const key = deletionKey(r.incidentId, r.updateId);
    if (r.newValue === "true") deleted.add(key);
    else deleted.delete(key);
  }
  return deleted;
}

function deletion(vendor: string, incidentId: string, updateId: string | null, gone: boolean, now: Iso) {
  const subject = subjectOf(vendor, incidentId, updateId, null);
  return revision(subject, "deleted_by_vendor", String(!gone), String(gone), now);
}

/**
 * Updates of a listed incident that the vendor no longer lists, and ones it lists again. An update is
 * still listed when the page gives it by id, or (another source's copy) at the same second and status.
 */
export function updateDeletions(
  prev: Incident,
  seen: IncidentSnapshot,
  deleted: ReadonlySet<string>,
  now: Iso,
): Revision[] {
  const ids = new Set(seen.updates.map((u) => u.id));
  const moments = new Set(seen.updates.map(moment));
  const out: Revision[] = [];
  for (const update of prev.updates) {
    if (isUnlistedUpdate(update)) continue;
    const listed = ids.has(update.id) || moments.has(moment(update));
    const wasDeleted = deleted.has(deletionKey(prev.id, update.id));
    if (listed === wasDeleted) out.push(deletion(prev.vendor, prev.id, update.id, !listed, now));
  }
  return out;
}

function moment(update: UpdateSnapshot): string {
  return `${update.at.slice(0, 19)}|${update.status}`;
}

/** A stored incident, as much as deletion needs of it. */
export interface CoveredIncident {
  id: string;
  vendorIncidentId: string;
  title: string;
  impact: Impact;
}

/**
 * Incidents the page covers (it lists every incident since a time, and these started since) that it
 * does not list, marked deleted; and deleted ones it lists again, marked back.
 */
export function incidentDeletions(
  vendor: string,
  covered: readonly CoveredIncident[],
  listed: ReadonlySet<string>,
  relisted: readonly Pick<Incident, "id">[],
  deleted: ReadonlySet<string>,
  now: Iso,
): Revision[] {
  const gone = covered
    .filter((i) => !listed.has(i.vendorIncidentId) && !deleted.has(i.id))
    .map((i) => deletion(vendor, i.id, null, true, now));
  const back = relisted.filter((i) => deleted.has(i.id)).map((i) => deletion(vendor, i.id, null, false, now));
  return [...gone, ...back];
}

/** One `incident.edited` event per incident the vendor revised in this poll. */
export function editedEvents(
  revisions: readonly Revision[],
  incidents: ReadonlyMap<string, Pick<Incident, "title" | "impact">>,
  now: Iso,
): ChangeEvent[] {
  const byIncident = new Map<string, Revision[]>();
  for (const r of revisions)
    if (r.incidentId !== null) byIncident.set(r.incidentId, [...(byIncident.get(r.incidentId) ?? []), r]);
  return [...byIncident].map(([incidentId, changes]) => {
    const incident = incidents.get(incidentId);
    const vendor = changes[0]!.vendor;
    return {
      id: stableId(vendor, incidentId, "incident.edited", ...changes.map((c) => c.id)),
      type: "incident.edited",
      vendor,
      incidentId,
      componentId: null,
      at: now,
      data: {
        title: incident?.title ?? null,
        impact: incident?.impact ?? null,
        fields: [...new Set(changes.map((c) => c.field))],
        revisions: changes.length,
      },
    };
  });
}

/** What the incident page and the API mark: the incident or its updates edited, or taken down. */
export interface RevisionMarks {
  edited: boolean;
  deleted: boolean;
  /** Ids of the updates edited, and taken down (lists, so that a kept message can carry them as JSON). */
  editedUpdates: readonly string[];
  deletedUpdates: readonly string[];
}

export function revisionMarks(incidentId: string, revisions: readonly Revision[]): RevisionMarks {
  const own = revisions.filter((r) => r.incidentId === incidentId);
  const deletions = currentDeletions(own);
  const edits = own.filter((r) => r.field !== "deleted_by_vendor");
  return {
    edited: edits.some((r) => r.updateId === null),
    deleted: deletions.has(incidentId),
    editedUpdates: [...new Set(edits.flatMap((r) => (r.updateId === null ? [] : [r.updateId])))],
    deletedUpdates: [
      ...new Set(
        own.flatMap((r) =>
          r.updateId !== null && deletions.has(deletionKey(incidentId, r.updateId)) ? [r.updateId] : [],
        ),
      ),
    ],
  };
}

export const NO_MARKS: RevisionMarks = {
  edited: false,
  deleted: false,
  editedUpdates: [],
  deletedUpdates: [],
};
