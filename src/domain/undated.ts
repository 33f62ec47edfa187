// A feed item without any date (no published/updated, nor a feed-level date) is kept, not dropped: it
// is dated by the poll that first saw it. The adapter cannot know that time (mapping is pure and sees
// no clock), so it gives such an update the placeholder time UNDATED_AT and an id marked "undated:";
// the record (record.ts) then dates it: the time stored for it before, else the poll's time. The mark
// stays in the stored id, so pages and the API can say the time is Pingoru's, not the vendor's.
import type { Iso, UpdateSnapshot } from "./model.ts";

const MARK = "undated:";

/** Placeholder time of an undated update in a snapshot; never stored (the record replaces it). */
export const UNDATED_AT: Iso = "1970-01-01T00:00:00.000Z";

export const UNDATED_NOTE = "The vendor gave no date; this is when Pingoru first saw it.";

/** The marked id for an update that had no date: stable across polls, so its first-sight time stays. */
export function undatedUpdateId(id: string): string {
  return id.startsWith(MARK) ? id : MARK + id;
}

/** True for an update whose time is Pingoru's first sight of it, not the vendor's. */
export function isUndatedUpdate(update: Pick<UpdateSnapshot, "id">): boolean {
  return update.id.startsWith(MARK);
}

/** Seen updates with the placeholder time get the time stored for them before, else `now`. */
export function dateUndated(
  seen: readonly UpdateSnapshot[],
  stored: readonly UpdateSnapshot[],
  now: Iso,
): UpdateSnapshot[] {
  if (!seen.some((update) => update.at === UNDATED_AT)) return [...seen];
  const storedAt = new Map(stored.map((update) => [update.id, update.at]));
  return seen.map((update) =>
    update.at === UNDATED_AT ? { ...update, at: storedAt.get(update.id) ?? now } : update,
  );
}
