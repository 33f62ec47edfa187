// incident.io: its Statuspage-compatible /api/v2/summary.json (components, open incidents) merged
// with its feed (/feed.rss, else /history.atom, or PageRef.feedUrl), one item per update, and the
// component groups the page's own HTML data names (incidentio-groups.ts).
import type { IncidentSnapshot, Snapshot } from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { isNotFound, joinUrl, parseJsonBody, readJson } from "./payload.ts";
import { summarySchema, type StatuspageSummary } from "./statuspage-schema.ts";
import { mapStatuspage, pageBase } from "./statuspage-map.ts";
import { hasUlidIds, SUMMARY_PATH } from "./statuspage.ts";
import { parseFeed, type FeedDocument } from "./feed-parse.ts";
import { mapFeedIncidents } from "./feed-map.ts";
import { FEED_ACCEPT } from "./feed.ts";
import { mergeIncident } from "./merge-incidents.ts";
import { pageComponentGroups, withPageGroups } from "./incidentio-groups.ts";

const INCIDENTIO_FEED_PATHS = ["/feed.rss", "/history.atom"] as const;

/**
 * JSON and feed name the same incidents (the feed link's last segment is the JSON's ULID) and the
 * same updates (same second, same status): each becomes one. JSON wins where both speak (vendor
 * ids, impact); the feed adds history the summary no longer lists and per-update components.
 */
export function mapIncidentio(
  summary: StatuspageSummary,
  feed: FeedDocument | null,
  pageUrl: string,
): Snapshot {
  const fromJson = mapStatuspage({ summary }, pageUrl);
  if (!feed) return fromJson;
  const base = pageBase(summary.page.url, pageUrl);
  const fromFeed = mapFeedIncidents(feed, { components: fromJson.components }).map((i) => withUrl(i, base));
  const byId = new Map(fromJson.incidents.map((i) => [i.id, i]));
  for (const incident of fromFeed) {
    const json = byId.get(incident.id);
    byId.set(incident.id, json ? mergeJsonFirst(json, incident) : incident);
  }
  return { ...fromJson, incidents: [...byId.values()] };
}

function mergeJsonFirst(json: IncidentSnapshot, feed: IncidentSnapshot): IncidentSnapshot {
  const merged = mergeIncident(json, feed, "time");
  return { ...merged, impact: json.impact, kind: json.kind, title: json.title || feed.title, url: json.url };
}

/** incident.io's feed links read "https://status.openai.com//incidents/<id>"; the page is <base>/incidents/<id>. */
function withUrl(incident: IncidentSnapshot, base: string): IncidentSnapshot {
  return { ...incident, url: joinUrl(base, `/incidents/${incident.id}`) };
}

async function fetchFeed(page: PageRef, ctx: PlatformContext): Promise<HttpResponse | null> {
  if (page.feedUrl) return ctx.http.get(page.feedUrl, { cache: ctx.cache, accept: FEED_ACCEPT });
  for (const path of INCIDENTIO_FEED_PATHS) {
    try {
      return await ctx.http.get(joinUrl(page.url, path), { cache: ctx.cache, accept: FEED_ACCEPT });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return null; // no feed: the summary alone still tells the now-state
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  if (ctx.fullRead === false) return readSummaryFirst(page, ctx);
  const [summary, feed] = await Promise.all([
    ctx.http.get(joinUrl(page.url, SUMMARY_PATH), { cache: ctx.cache, accept: "application/json" }),
    fetchFeed(page, ctx),
  ]);
  if (summary.notModified && (feed === null || feed.notModified)) return { unchanged: true };
  return { unchanged: false, snapshot: await snapshotOf(page, ctx, summary, feed) };
}

/**
 * As on Statuspage, the summary lists every open incident and maintenance: while it is unchanged the
 * feed (history) is not read; when it changed, the feed and the page are read in full.
 */
async function readSummaryFirst(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const summary = await ctx.http.get(joinUrl(page.url, SUMMARY_PATH), {
    cache: ctx.cache,
    accept: "application/json",
  });
  if (summary.notModified) return { unchanged: true };
  const full = { ...ctx, cache: undefined };
  return { unchanged: false, snapshot: await snapshotOf(page, full, summary, await fetchFeed(page, full)) };
}

async function snapshotOf(
  page: PageRef,
  ctx: PlatformContext,
  summary: HttpResponse,
  feed: HttpResponse | null,
): Promise<Snapshot> {
  const parsed = readJson(summary, summarySchema, "Statuspage-compatible summary");
  const doc = feed && parseFeed(feed.body, feed.url);
  const groups = pageComponentGroups((await fetchPage(page, ctx)) ?? "");
  const snapshot = withPageGroups(mapIncidentio(parsed, doc, page.url), groups);
  // Its summary, like Statuspage's, lists every open incident and maintenance.
  return { ...snapshot, listsAllOpen: true };
}

/**
 * The page's HTML, only for its component groups: fetched once the summary or feed changed (a
 * Next.js page differs on every load, so it cannot decide "unchanged"), and any failure just
 * means no groups, since the summary alone is the record.
 */
async function fetchPage(page: PageRef, ctx: PlatformContext): Promise<string | null> {
  try {
    return (await ctx.http.get(page.url, { cache: ctx.cache, accept: "text/html" })).body;
  } catch {
    return null;
  }
}

async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  const fromJson = await detectSummary(url, ctx);
  if (fromJson) return fromJson;
  try {
    const page = await ctx.http.get(url, { accept: "text/html" });
    if (/incident\.io/i.test(page.body) && /<html/i.test(page.body)) {
      return { kind: "incidentio", confidence: 0.9, evidence: "the page says it is powered by incident.io" };
    }
  } catch {
    // not reachable as a page either: not incident.io
  }
  return null;
}

async function detectSummary(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const response = await ctx.http.get(joinUrl(url, SUMMARY_PATH), { accept: "application/json" });
    const parsed = summarySchema.safeParse(parseJsonBody(response));
    if (!parsed.success || !hasUlidIds(parsed.data)) return null;
    return {
      kind: "incidentio",
      confidence: 0.96,
      evidence: `GET ${SUMMARY_PATH} returned an incident.io summary (ULID ids) for "${parsed.data.page.name}"`,
    };
  } catch {
    return null;
  }
}

export const incidentio = definePlatform({
  kind: "incidentio",
  tried: "/api/v2/summary.json with ULID ids and the page",
  detect,
  read,
});
