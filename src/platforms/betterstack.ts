// Better Stack: the page's /index.json (JSON:API: resources, sections, status reports and their
// updates) merged with its /feed.rss (or PageRef.feedUrl) when the page serves one.
import type {
  ComponentSnapshot,
  ComponentState,
  ComponentStatus,
  IncidentKind,
  IncidentSnapshot,
  IncidentStatus,
  Snapshot,
  UpdateSnapshot,
} from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { isNotFound, joinUrl, parseJsonBody, readJson } from "./payload.ts";
import { parseFeed } from "./feed-parse.ts";
import { FEED_ACCEPT } from "./feed.ts";
import { mergeFeedIntoJson } from "./json-feed-merge.ts";
import { impactFromComponents, lookUpWord } from "./status-words.ts";
import {
  betterstackIndexSchema,
  splitIncluded,
  type BetterstackParts,
  type BetterstackReport,
  type BetterstackUpdate,
} from "./betterstack-schema.ts";

const INDEX_PATH = "/index.json";
const FEED_PATH = "/feed.rss";

const STATUS: Record<string, ComponentStatus> = {
  operational: "operational",
  degraded: "degraded_performance",
  downtime: "major_outage",
  maintenance: "under_maintenance",
};

/** Unknown words are "unknown", never "operational". */
export function betterstackStatus(raw: string | null): ComponentStatus {
  return lookUpWord(STATUS, (raw ?? "").trim().toLowerCase()) ?? "unknown";
}

/** Resources in the page's order: by their section's position, then their own. */
export function mapBetterstackResources(parts: BetterstackParts): ComponentSnapshot[] {
  const sections = new Map(parts.sections.map((s) => [s.id, s]));
  const rank = (r: (typeof parts.resources)[number]) => {
    const section = r.status_page_section_id ? sections.get(r.status_page_section_id) : undefined;
    return [section?.position ?? -1, r.position ?? 0];
  };
  return [...parts.resources]
    .sort((a, b) => rank(a)[0]! - rank(b)[0]! || rank(a)[1]! - rank(b)[1]!)
    .map((r, position) => ({
      id: r.id,
      name: r.public_name,
      group: (r.status_page_section_id && sections.get(r.status_page_section_id)?.name) || null,
      position,
      status: betterstackStatus(r.status),
      rawStatus: r.status ?? "",
    }));
}

/**
 * A report is closed when Better Stack says "resolved", or (an incident) when it has an end.
 * Updates carry no status word: the last update of a closed report closed it; before that an
 * incident update is "monitoring" once every resource it names is operational again, else
 * "investigating"; a maintenance update is "scheduled" before the window starts, else "in_progress".
 */
function updateStatus(
  report: BetterstackReport,
  kind: IncidentKind,
  update: BetterstackUpdate,
  closing: boolean,
): IncidentStatus {
  if (closing) return kind === "maintenance" ? "completed" : "resolved";
  if (kind === "maintenance")
    return report.starts_at && update.published_at < report.starts_at ? "scheduled" : "in_progress";
  const states = update.affected_resources.map((a) => betterstackStatus(a.status));
  return states.length > 0 && states.every((s) => s === "operational") ? "monitoring" : "investigating";
}

export function mapBetterstackReport(
  report: BetterstackReport,
  parts: BetterstackParts,
  pageUrl: string,
): IncidentSnapshot {
  const kind: IncidentKind = report.report_type?.toLowerCase() === "maintenance" ? "maintenance" : "incident";
  const state = (report.aggregate_state ?? "").toLowerCase();
  const closed = state === "resolved" || (kind === "incident" && report.ends_at !== null);
  const names = new Map(parts.resources.map((r) => [r.id, r.public_name]));
  const mine = parts.updates
    .filter((u) => u.status_report_id === report.id || report.updateIds.includes(u.id))
    .sort((a, b) => (a.published_at < b.published_at ? -1 : a.published_at > b.published_at ? 1 : 0));
  const updates = mine.map((u, index): UpdateSnapshot => ({
    id: u.id,
    status: updateStatus(report, kind, u, closed && index === mine.length - 1),
    at: u.published_at,
    message: u.message ?? "",
    components: u.affected_resources.map((a): ComponentState => ({
      id: a.status_page_resource_id,
      name: names.get(a.status_page_resource_id) ?? a.status_page_resource_id,
      status: betterstackStatus(a.status),
    })),
  }));
  const open: IncidentStatus = kind === "maintenance" ? "scheduled" : "investigating";
  const states = [...updates.flatMap((u) => u.components.map((c) => c.status)), betterstackStatus(state)];
  return {
    id: report.id,
    kind,
    title: report.title ?? "",
    status: updates.at(-1)?.status ?? (closed ? (kind === "maintenance" ? "completed" : "resolved") : open),
    impact: impactFromComponents(states, kind),
    url: joinUrl(pageUrl, `/incident/${report.id}`),
    startedAt: kind === "incident" ? report.starts_at : null,
    scheduledFor: kind === "maintenance" ? report.starts_at : null,
    scheduledUntil: kind === "maintenance" ? report.ends_at : null,
    components: [],
    updates,
  };
}

export function mapBetterstack(parts: BetterstackParts, pageUrl: string): Snapshot {
  return {
    pageName: parts.pageName,
    components: mapBetterstackResources(parts),
    incidents: parts.reports.map((r) => mapBetterstackReport(r, parts, pageUrl)),
  };
}

function getFeed(page: PageRef, ctx: PlatformContext): Promise<HttpResponse | null> {
  return (
    page.feedUrl
      ? ctx.http.get(page.feedUrl, { cache: ctx.cache, accept: FEED_ACCEPT })
      : ctx.http.get(joinUrl(page.url, FEED_PATH), { cache: ctx.cache, accept: FEED_ACCEPT })
  ).catch((error: unknown): HttpResponse | null => {
    if (!page.feedUrl && isNotFound(error)) return null; // no feed: the JSON alone tells the state
    throw error;
  });
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  if (ctx.fullRead === false) return readIndexFirst(page, ctx);
  const [index, feed] = await Promise.all([getIndex(page, ctx), getFeed(page, ctx)]);
  if (index.notModified && (feed === null || feed.notModified)) return { unchanged: true };
  return { unchanged: false, snapshot: snapshotOf(page, index, feed) };
}

/**
 * index.json is the now-state: every resource's status and the open and recent reports. While it is
 * unchanged the feed (history) is not read; when it changed, the feed is read in full too.
 */
async function readIndexFirst(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const index = await getIndex(page, ctx);
  if (index.notModified) return { unchanged: true };
  return {
    unchanged: false,
    snapshot: snapshotOf(page, index, await getFeed(page, { ...ctx, cache: undefined })),
  };
}

function getIndex(page: PageRef, ctx: PlatformContext): Promise<HttpResponse> {
  return ctx.http.get(joinUrl(page.url, INDEX_PATH), { cache: ctx.cache, accept: "application/json" });
}

function snapshotOf(page: PageRef, index: HttpResponse, feed: HttpResponse | null): Snapshot {
  const parts = splitIncluded(readJson(index, betterstackIndexSchema, "Better Stack status page"), index.url);
  const json = mapBetterstack(parts, page.url);
  return mergeFeedIntoJson(json, feed && parseFeed(feed.body, feed.url));
}

async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const response = await ctx.http.get(joinUrl(url, INDEX_PATH), { accept: "application/json" });
    const parsed = betterstackIndexSchema.safeParse(parseJsonBody(response));
    if (!parsed.success) return null;
    const name = parsed.data.data.attributes.company_name ?? "";
    return {
      kind: "betterstack",
      confidence: 0.96,
      evidence: `GET ${INDEX_PATH} returned a Better Stack status page "${name}"`,
    };
  } catch {
    return null;
  }
}

export const betterstack = definePlatform({
  kind: "betterstack",
  tried: "/index.json",
  detect,
  read,
});
