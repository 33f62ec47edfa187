// A vendor's acknowledgement delay for one incident: from the first component change Pingoru saw
// to the vendor's first incident update, when Pingoru saw both live. Pure.
//
// - The incident must have been seen appearing (first stored by a poll after the vendor's baseline,
//   while open: seenLive with a detection lag); its first update is the time the vendor displays.
// - Component changes are component.changed events: Pingoru records one only by comparing a poll with
//   the one before, so each was seen live, at the poll that saw it (its `at`).
// - For each component the incident affects (by id), the change that counts is the one that moved it
//   from fine (operational, maintenance, unknown) to degraded, partial or major outage and that still
//   held at the first update, if it was made at most ACK_LOOKBACK_HOURS before it; else the first such
//   change after the first update, while the incident was open (the vendor spoke first: delay 0). One
//   closed without a resolved time was open for an unknown time (model.ts spanEnd): none after counts.
// - The earliest of those over the affected components counts; none: no delay is known.
// - A component already failing when its first change here was seen (failing to failing) failed since
//   before anything read: that failure does not count. So the changes from ACK_LOOKBACK_HOURS before
//   the first update on, with each component's last change before them, give the delay all would.

import { spanEnd, type ChangeEvent, type ComponentStatus, type Incident, type Iso } from "./model.ts";

export const ACK_LOOKBACK_HOURS = 24;

export type AckIncident = Pick<
  Incident,
  "seenLive" | "detectionLagSeconds" | "affectedComponents" | "status" | "resolvedAt"
> & {
  /** The time the vendor displays for its first update; null when it has none. */
  firstUpdateAt: Iso | null;
};

const FAILING: ReadonlySet<ComponentStatus> = new Set([
  "degraded_performance",
  "partial_outage",
  "major_outage",
]);

/** A vendor's component changes by component, oldest first, with their times parsed: read once per vendor. */
export type ChangeIndex = ReadonlyMap<string, readonly { at: number; from: string; to: string }[]>;

export function indexChanges(changes: readonly ChangeEvent[]): ChangeIndex {
  const index = new Map<string, { at: number; from: string; to: string }[]>();
  for (const change of changes) {
    if (change.type !== "component.changed" || change.componentId === null) continue;
    const list = index.get(change.componentId) ?? [];
    list.push({ at: Date.parse(change.at), from: String(change.data.from), to: String(change.data.to) });
    index.set(change.componentId, list);
  }
  return index;
}

/** Seconds from the component change to the first update (0 when the update came first), or null. */
export function acknowledgementDelay(incident: AckIncident, changes: ChangeIndex): number | null {
  if (!incident.seenLive || incident.detectionLagSeconds === null || incident.firstUpdateAt === null)
    return null;
  const spoke = Date.parse(incident.firstUpdateAt);
  const ids = new Set(incident.affectedComponents.flatMap((c) => (c.id === null ? [] : [c.id])));
  const starts = [...ids]
    .map((id) => failureStart(changes.get(id) ?? [], spoke, spanEnd(incident, Infinity) ?? spoke))
    .filter((t): t is number => t !== null);
  if (starts.length === 0) return null;
  return Math.max(0, Math.round((spoke - Math.min(...starts)) / 1000));
}

/** When the component's failure that the incident speaks of was first seen, or null. */
function failureStart(
  changes: NonNullable<ReturnType<ChangeIndex["get"]>>,
  spoke: number,
  end: number,
): number | null {
  const failing = (status: string) => FAILING.has(status as ComponentStatus);
  let heldSince: number | null = null;
  for (const { at, from, to } of changes) {
    const startsFailing = failing(to) && !failing(from);
    if (at <= spoke) {
      if (startsFailing) heldSince = at;
      else if (!failing(to)) heldSince = null;
      // Failing already when its first change was seen: the failure began before anything read here,
      // too long ago to count (as one that began before a window's look-back does).
      else heldSince ??= -Infinity;
    } else if (heldSince !== null) break;
    else if (startsFailing && at <= end) return at;
    else if (at > end) break;
  }
  return heldSince !== null && spoke - heldSince <= ACK_LOOKBACK_HOURS * 3_600_000 ? heldSince : null;
}
