// Pages whose JSON lists incidents and whose RSS/Atom feed lists the same ones (Instatus,
// Better Stack): one vendor incident is one incident (DESIGN §5). Pure.
import type { IncidentSnapshot, Snapshot } from "../domain/model.ts";
import type { FeedDocument } from "./feed-parse.ts";
import { mapFeedIncidents } from "./feed-map.ts";
import { mergeIncident } from "./merge-incidents.ts";

/** The vendor id in an incident page URL: ".../incident/<id>" or ".../incidents/<id>". */
export function incidentIdInUrl(url: string | null): string | null {
  if (!url) return null;
  return /\/incidents?\/([^/?#]+)\/?(?:[?#].*)?$/.exec(url)?.[1] ?? null;
}

/**
 * Adds the feed's incidents to the JSON's. A feed incident whose link names a JSON incident's id
 * (or is its URL) becomes that incident: JSON wins where both speak (id, kind, impact, title,
 * URL), the feed adds updates and history the JSON does not list. Feed-only incidents are keyed
 * by the id in their link, so the same incident keeps one id when the JSON lists it later.
 */
export function mergeFeedIntoJson(json: Snapshot, feed: FeedDocument | null): Snapshot {
  if (!feed) return json;
  const byId = new Map(json.incidents.map((i) => [i.id, i]));
  const byUrl = new Map(json.incidents.filter((i) => i.url).map((i) => [trimSlash(i.url!), i.id]));
  for (const found of mapFeedIncidents(feed, { components: json.components })) {
    const id = byUrl.get(trimSlash(found.url ?? "")) ?? incidentIdInUrl(found.url) ?? found.id;
    const keyed = { ...found, id };
    const known = byId.get(id);
    byId.set(id, known ? jsonFirst(known, keyed) : keyed);
  }
  return { ...json, incidents: [...byId.values()] };
}

function jsonFirst(json: IncidentSnapshot, feed: IncidentSnapshot): IncidentSnapshot {
  const merged = mergeIncident(json, feed, "time");
  return {
    ...merged,
    // A JSON without updates (Instatus) still states the current status; a feed item may lag it.
    status: json.updates.length === 0 ? json.status : merged.status,
    kind: json.kind,
    impact: json.impact,
    title: json.title || feed.title,
    url: json.url ?? feed.url,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
