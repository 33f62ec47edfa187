// A postmortem: the vendor's write-up of an incident, published after it was resolved. Statuspage
// says so itself (a "postmortem" status, its postmortem fields, mapped by the adapter to a
// "postmortem" update). Other pages post it as one more "Resolved" update days later (Clerk on
// incident.io), which would read as a second resolution; the rule below names it a postmortem.
// Pure. The incident stays resolved at its first resolution (record.ts resolvedAt).
import { isClosedStatus, type IncidentStatus, type Iso, type UpdateSnapshot } from "./model.ts";

/**
 * The rule, kept small: a "resolved" update posted strictly after the incident was already resolved
 * (no open update between) whose text names a postmortem, a post-incident review, a root cause
 * analysis or an incident report. The first resolution never qualifies, however it is worded ("a
 * root cause analysis will follow"), and neither does an update that reopens the incident.
 */
const POSTMORTEM_WORDS =
  /\bpost[- ]?mortem\b|\bpost[- ]incident review\b|\broot cause analysis\b|\bincident report\b/i;

/**
 * The seen updates, with each one the rule names a postmortem given that status. The stored updates
 * count for "already resolved" (the resolution may have been seen polls ago) but are left as they are.
 */
export function markPostmortems(
  seen: readonly UpdateSnapshot[],
  stored: readonly UpdateSnapshot[],
): UpdateSnapshot[] {
  const seenIds = new Set(seen.map((update) => update.id));
  const timeline = [...stored.filter((update) => !seenIds.has(update.id)), ...seen].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
  );
  const marked = new Set<string>();
  let resolvedSince: Iso | null = null;
  for (const update of timeline) {
    if (!isClosedStatus(update.status)) resolvedSince = null;
    else if (resolvedSince === null) resolvedSince = update.at;
    else if (update.at > resolvedSince && announcesPostmortem(update)) marked.add(update.id);
  }
  return seen.map((update) => (marked.has(update.id) ? { ...update, status: "postmortem" } : update));
}

function announcesPostmortem(update: UpdateSnapshot): boolean {
  return update.status === "resolved" && POSTMORTEM_WORDS.test(update.message.replace(/<[^>]*>/g, " "));
}

export interface PostmortemFacts {
  postmortemPublishedAt: Iso | null;
  postmortemUrl: string | null;
}

/** When the first postmortem update was posted, and the first web link it gives (a write-up), if any. */
export function postmortemOf(updates: readonly UpdateSnapshot[]): PostmortemFacts {
  const first = updates.find((update) => update.status === "postmortem");
  if (first === undefined) return { postmortemPublishedAt: null, postmortemUrl: null };
  return { postmortemPublishedAt: first.at, postmortemUrl: firstLink(first.message) };
}

/** A "resolved" incident whose latest update is its postmortem is, as on Statuspage, in "postmortem". */
export function withPostmortemStatus(
  status: IncidentStatus,
  updates: readonly UpdateSnapshot[],
): IncidentStatus {
  return status === "resolved" && updates.at(-1)?.status === "postmortem" ? "postmortem" : status;
}

/** An href's http(s) address, else a bare one in the text; never another scheme. */
function firstLink(message: string): string | null {
  const href = /href\s*=\s*["'](https?:\/\/[^"'\s<>]+)["']/i.exec(message)?.[1];
  const bare = /https?:\/\/[^\s"'<>]+[^\s"'<>.,;:!?)]/i.exec(message)?.[0];
  const link = href ?? bare;
  return link === undefined ? null : link.replace(/&amp;/g, "&");
}
