// Azure's status RSS feed (https://rssfeed.azure.status.microsoft/en-us/status/feed/): RSS 2.0, one
// item per communication. Parsed by the generic feed parser; Azure's own words (Active, Mitigated,
// Post Incident Review) and its Tracking IDs, which tie an incident's items together, read here.
import type { IncidentKind, IncidentSnapshot, IncidentStatus, Snapshot } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { FEED_ACCEPT } from "./feed.ts";
import { htmlText, itemMessage } from "./feed-items.ts";
import { normalizeLink } from "./feed-map.ts";
import { looksLikeFeed, parseFeed, type FeedDocument, type FeedItem } from "./feed-parse.ts";
import { mergeIncidents } from "./merge-incidents.ts";

export const AZURE_FEED = "https://rssfeed.azure.status.microsoft/en-us/status/feed/";

const TRACKING_ID = /Tracking ID\s*:?\s*([A-Z0-9]{3,5}-[A-Z0-9]{2,5})/i;

/** The incident an item speaks of: its Tracking ID, else its guid, else its title and date. */
export function azureIncidentId(item: FeedItem): string {
  const tracked = TRACKING_ID.exec(`${item.title}\n${htmlText(item.content)}`)?.[1];
  return tracked?.toUpperCase() ?? item.guid ?? stableId("azure", item.title, item.published);
}

/**
 * Azure titles start with its state ("Active - …", "Mitigated - …") or name a Post Incident Review;
 * without either, the prose decides: "mitigated"/"resolved" closes, anything else is still open.
 */
export function azureItemStatus(title: string, html: string, kind: IncidentKind): IncidentStatus {
  const closed: IncidentStatus = kind === "maintenance" ? "completed" : "resolved";
  if (/post[ -]incident review|\bPIR\b|root cause analysis|\bRCA\b/i.test(title)) return "postmortem";
  const lead = /^\s*\[?(active|mitigated|resolved|monitoring|investigating)\b/i.exec(title)?.[1];
  const word = (lead ?? "").toLowerCase();
  if (word === "mitigated" || word === "resolved") return closed;
  if (word === "monitoring") return "monitoring";
  if (word === "active" || word === "investigating")
    return kind === "maintenance" ? "in_progress" : "investigating";
  const text = htmlText(html);
  if (/\b(has been|was|is now|been) (fully )?(mitigated|resolved)\b|\bmitigated\b/i.test(text)) return closed;
  if (/\bmonitoring\b/i.test(text)) return "monitoring";
  return kind === "maintenance" ? "scheduled" : "investigating";
}

function mapItem(item: FeedItem, doc: FeedDocument): IncidentSnapshot | null {
  const at = item.updated ?? item.published ?? doc.updated;
  if (at === null) return null; // an item without a date cannot be placed in a timeline
  const id = azureIncidentId(item);
  const kind: IncidentKind = /\bmaintenance\b/i.test(item.title) ? "maintenance" : "incident";
  const status = azureItemStatus(item.title, item.content, kind);
  const title = item.title.replace(
    /^\s*\[?(active|mitigated|resolved|monitoring|investigating)\]?\s*[-–:]\s*/i,
    "",
  );
  return {
    id,
    kind,
    title,
    status,
    impact: kind === "maintenance" ? "maintenance" : "none", // the feed states no severity
    url: normalizeLink(item.link),
    startedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    components: [],
    updates: [
      {
        id: stableId("azure", id, at, item.guid, item.title),
        status,
        at,
        message: itemMessage(item.content),
        components: [],
      },
    ],
  };
}

export function mapAzure(doc: FeedDocument): Snapshot {
  // Feeds list newest first; oldest first makes merged updates and titles chronological.
  const items = [...doc.items].reverse().map((item) => mapItem(item, doc));
  const incidents = mergeIncidents(
    items.filter((i): i is IncidentSnapshot => i !== null),
    "id",
  ).map((i) => ({ ...i, status: i.updates.at(-1)?.status ?? i.status }));
  return { pageName: "Azure", components: [], incidents: incidents.reverse() };
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const response = await ctx.http.get(page.feedUrl ?? page.url, { cache: ctx.cache, accept: FEED_ACCEPT });
  if (response.notModified) return { unchanged: true };
  // The feed carries the incidents Azure has open (and briefly the mitigated): one that drops out ended.
  return {
    unchanged: false,
    snapshot: { ...mapAzure(parseFeed(response.body, response.url)), listsAllOpen: true },
  };
}

/** An RSS/Atom feed whose channel title (or host) names Azure. */
async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const response = await ctx.http.get(url, { accept: FEED_ACCEPT });
    if (!looksLikeFeed(response.body)) return null;
    const doc = parseFeed(response.body, response.url);
    const host = new URL(response.url).hostname;
    if (!/\bazure\b/i.test(doc.title) && !/(^|\.)azure\.status\.microsoft$/i.test(host)) return null;
    return { kind: "azure", confidence: 0.97, evidence: `${url} is an RSS feed titled "${doc.title}"` };
  } catch {
    return null;
  }
}

export const azure = definePlatform({
  kind: "azure",
  tried: "an RSS feed titled Azure",
  detect,
  read,
});
