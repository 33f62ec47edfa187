// A parsed feed → incidents. Statuspage history entries hold every update of one incident; any
// other item is one update, and items naming the same incident become one incident. Pure.
import type {
  ComponentSnapshot,
  ComponentState,
  IncidentSnapshot,
  Iso,
  Snapshot,
  UpdateSnapshot,
} from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import type { FeedDocument, FeedItem } from "./feed-parse.ts";
import { itemComponents, itemKind, itemMessage, itemStatus } from "./feed-items.ts";
import { mergeIncidents } from "./merge-incidents.ts";
import { isStatuspageHistoryHtml, parseHistoryUpdates, uniqueId } from "./statuspage-history.ts";
import { impactFromComponents, isMaintenanceStatus } from "./status-words.ts";
import { UNDATED_AT, undatedUpdateId } from "../domain/undated.ts";

export interface FeedMapOptions {
  /** The page's components, to give feed-named components their ids (incident.io). */
  components?: readonly ComponentSnapshot[];
}

export function mapFeed(doc: FeedDocument, options: FeedMapOptions = {}): Snapshot {
  return {
    pageName: doc.author ?? (doc.title.replace(/\s*[-–|]\s*(incident )?history\s*$/i, "") || null),
    components: [],
    incidents: mapFeedIncidents(doc, options),
  };
}

export function mapFeedIncidents(doc: FeedDocument, options: FeedMapOptions = {}): IncidentSnapshot[] {
  const used = new Map<string, number>();
  // Feeds list newest first; oldest first makes merged updates and first titles chronological.
  const mapped = [...doc.items]
    .reverse()
    .map((item) => mapItem(item, doc, options, used))
    .filter((i): i is IncidentSnapshot => i !== null);
  return mergeIncidents(mapped, "time").map(settle).reverse();
}

/** The incident's id: the `/incidents/<id>` segment of its link (the vendor's own id), else guid or link. */
export function incidentIdOf(
  item: Pick<FeedItem, "link" | "guid" | "title" | "published" | "updated">,
): string {
  const fromLink = item.link ? /\/incidents\/([^/?#]+)/.exec(item.link)?.[1] : undefined;
  return fromLink ?? item.guid ?? item.link ?? stableId(item.title, item.published ?? item.updated);
}

/** The vendor's page for it, with the doubled slash some feeds write (status.openai.com//incidents) collapsed. */
export function normalizeLink(link: string | null): string | null {
  // Only a web address is a link: pages and messages must never carry a feed's "javascript:" one.
  if (!link || !/^https?:\/\//i.test(link)) return null;
  return link.replace(/^(https?:\/\/[^/]+)\/{2,}/i, "$1/");
}

function mapItem(
  item: FeedItem,
  doc: FeedDocument,
  options: FeedMapOptions,
  used: Map<string, number>,
): IncidentSnapshot | null {
  const id = incidentIdOf(item);
  // An item without any date is kept: the record dates it by the poll that first saw it (undated.ts).
  const dated: Iso | null = item.updated ?? item.published ?? doc.updated;
  const at: Iso = dated ?? UNDATED_AT;
  const mark = (update: UpdateSnapshot): UpdateSnapshot =>
    update.at === UNDATED_AT ? { ...update, id: undatedUpdateId(update.id) } : update;
  const base = {
    id,
    title: item.title,
    url: normalizeLink(item.link),
    startedAt: null, // a feed gives no incident start; the record takes the first update's time
    scheduledFor: null,
    scheduledUntil: null,
    components: [],
  };
  if (isStatuspageHistoryHtml(item.content)) {
    const { kind, updates } = parseHistoryUpdates(item.content, id, at);
    return { ...base, kind, status: "investigating", impact: "none", updates: updates.map(mark) };
  }
  const kind = itemKind(item.title, item.content);
  const status = itemStatus(item.title, item.content, kind);
  const components = itemComponents(
    item.summary.includes("ffected components") ? item.summary : item.content,
    options.components ?? [],
  );
  const update = {
    id: uniqueId(used, id, at, status),
    status,
    at,
    message: itemMessage(item.content),
    components,
  };
  return { ...base, kind, status, impact: "none", updates: [mark(update)] };
}

/** Status from the newest update; kind and impact from what the updates say. */
function settle(incident: IncidentSnapshot): IncidentSnapshot {
  const last = incident.updates.at(-1);
  const kind = incident.updates.some((u) => isMaintenanceStatus(u.status)) ? "maintenance" : incident.kind;
  const states = incident.updates.flatMap((u) => u.components.map((c) => c.status));
  return {
    ...incident,
    kind,
    status: last?.status ?? incident.status,
    impact: impactFromComponents(states, kind),
    components: latestStates(incident.updates.flatMap((u) => u.components)),
  };
}

/** Each component once, in order of first mention, with the state it was last given. */
function latestStates(states: readonly ComponentState[]): ComponentState[] {
  const byKey = new Map<string, ComponentState>();
  for (const state of states) {
    const key = state.id ?? `name:${state.name}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, status: state.status } : state);
  }
  return [...byKey.values()];
}
