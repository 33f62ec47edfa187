// AWS Health Dashboard: https://health.aws.amazon.com/public/currentevents, a JSON array of the
// events now on the dashboard, served as UTF-16 (the HTTP client decodes it by BOM or charset),
// plus AWS's status RSS feed for history (aws-feed.ts: format, grouping and matching).
// Status codes, as the dashboard's legend uses them: 0 resolved / operational, 1 informational,
// 2 degradation, 3 disruption. currentevents lists every open event, so snapshots say listsAllOpen.
// The feed: PageRef.feedUrl, else the all-services feed (status.aws.amazon.com/rss/all.rss for
// AWS's own hosts, <page>/rss/all.rss for any other). As incident.io does with its feed, a default
// feed that is not there (404) leaves currentevents alone; any other feed failure fails the read.
import { z } from "zod";
import type { ComponentSnapshot, ComponentStatus, IncidentSnapshot, Snapshot } from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { list, optionalText, timestamp } from "./json-parts.ts";
import { isNotFound, parseJsonBody, readJson } from "./payload.ts";
import { parseFeed, type FeedDocument } from "./feed-parse.ts";
import { FEED_ACCEPT } from "./feed.ts";
import {
  awsCodeImpact,
  awsCodeStatus,
  awsUpdateId,
  awsUpdateStatus,
  mergeAwsFeed,
  splitAwsTitle,
} from "./aws-feed.ts";

export { awsCodeStatus, awsUpdateStatus } from "./aws-feed.ts";

const EVENTS_PATH = "/public/currentevents";
const FEED_PATH = "/rss/all.rss";
export const AWS_ALL_FEED = "https://status.aws.amazon.com/rss/all.rss";
const AWS_HOSTS = ["health.aws.amazon.com", "status.aws.amazon.com"];

const code = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const logEntry = z.object({
  summary: optionalText,
  message: optionalText,
  status: code.nullish(),
  timestamp,
});
const awsEvent = z.object({
  arn: optionalText,
  date: timestamp,
  region_name: optionalText,
  status: code,
  service: z.string().min(1),
  service_name: optionalText,
  summary: optionalText,
  event_log: list(logEntry),
});
type AwsEvent = z.output<typeof awsEvent>;
export const awsEventsSchema = z.array(awsEvent);

const RANK: readonly ComponentStatus[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "unknown",
];

/** The events URL on the host of the page given (the dashboard, its status page or the events URL). */
export function awsEventsUrl(pageUrl: string): string {
  return new URL(EVENTS_PATH, pageUrl).toString();
}

/** The configured feed, else the all-services feed: AWS's own for its hosts, the same path elsewhere. */
export function awsFeedUrl(page: PageRef): string {
  if (page.feedUrl) return page.feedUrl;
  return AWS_HOSTS.includes(new URL(page.url).hostname)
    ? AWS_ALL_FEED
    : new URL(FEED_PATH, page.url).toString();
}

const epochOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** Ids as the feed's guids give them (aws-feed.ts), so both sources name one event alike. */
export function mapAwsEvent(raw: AwsEvent): IncidentSnapshot {
  const log = [...raw.event_log].sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
  );
  const updates = log.map((entry) => ({
    id: awsUpdateId(raw.service, epochOf(entry.timestamp)),
    status: awsUpdateStatus(entry.status ?? raw.status, entry.summary ?? "", entry.message ?? ""),
    at: entry.timestamp,
    message: entry.message ?? entry.summary ?? "",
    components: [],
  }));
  const name = raw.service_name ?? raw.service;
  // The event's own code says whether it is open; words only refine an open event's state.
  const open = [...updates].reverse().find((u) => u.status !== "resolved")?.status ?? "investigating";
  return {
    id: awsUpdateId(raw.service, epochOf(log[0]?.timestamp ?? raw.date)),
    kind: "incident",
    title: splitAwsTitle(raw.summary ?? "").summary || name,
    status: raw.status === "0" ? "resolved" : open,
    // Its now-code while open; once resolved, its worst logged code tells how bad it was.
    impact:
      awsCodeImpact([raw.status]) === "none"
        ? awsCodeImpact(log.map((e) => e.status))
        : awsCodeImpact([raw.status]),
    url: null,
    startedAt: [raw.date, ...log.map((e) => e.timestamp)].sort()[0]!,
    scheduledFor: null,
    scheduledUntil: null,
    components: [{ id: raw.service, name, status: awsCodeStatus(raw.status) }],
    updates,
  };
}

/** Services seen in the events, each at the worst state its events are in now. */
export function mapAwsServices(events: readonly AwsEvent[]): ComponentSnapshot[] {
  const byService = new Map<string, ComponentSnapshot>();
  for (const e of events) {
    const status = awsCodeStatus(e.status);
    const seen = byService.get(e.service);
    if (seen && RANK.indexOf(seen.status) >= RANK.indexOf(status)) continue;
    byService.set(e.service, {
      id: e.service,
      name: e.service_name ?? e.service,
      group: e.region_name,
      position: seen?.position ?? byService.size,
      status,
      rawStatus: e.status,
    });
  }
  return [...byService.values()];
}

/** currentevents is complete for open events, whether or not a feed adds history. */
export function mapAws(events: readonly AwsEvent[], feed: FeedDocument | null = null): Snapshot {
  const listed = events.map(mapAwsEvent);
  return {
    pageName: "AWS Health Dashboard",
    components: mapAwsServices(events),
    incidents: feed ? mergeAwsFeed(listed, feed) : listed,
    listsAllOpen: true,
  };
}

async function fetchFeed(page: PageRef, ctx: PlatformContext): Promise<HttpResponse | null> {
  try {
    return await ctx.http.get(awsFeedUrl(page), { cache: ctx.cache, accept: FEED_ACCEPT });
  } catch (error) {
    if (!page.feedUrl && isNotFound(error)) return null; // no feed here: currentevents alone
    throw error;
  }
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const [events, feed] = await Promise.all([
    ctx.http.get(awsEventsUrl(page.url), { cache: ctx.cache, accept: "application/json" }),
    fetchFeed(page, ctx),
  ]);
  if (events.notModified && (feed === null || feed.notModified)) return { unchanged: true };
  const parsed = readJson(events, awsEventsSchema, "AWS Health event list");
  const doc = feed && parseFeed(feed.body, feed.url);
  return { unchanged: false, snapshot: mapAws(parsed, doc) };
}

/** The events list parses; an empty list counts only on AWS's own host (anything can serve []). */
async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const response = await ctx.http.get(awsEventsUrl(url), { accept: "application/json" });
    const parsed = awsEventsSchema.safeParse(parseJsonBody(response));
    if (!parsed.success) return null;
    const own = new URL(response.url).hostname === "health.aws.amazon.com";
    if (parsed.data.length === 0 && !own) return null;
    return {
      kind: "aws",
      confidence: 0.95,
      evidence: `GET ${EVENTS_PATH} returned an AWS Health event list (${parsed.data.length} events)`,
    };
  } catch {
    return null;
  }
}

export const aws = definePlatform({
  kind: "aws",
  // Every URL on the host (dashboard, status page, events) reads the same events.
  pageUrl: (url) => new URL(url).origin,
  tried: "/public/currentevents",
  detect,
  read,
});
