// AWS's status RSS feeds (https://status.aws.amazon.com/rss/all.rss, or one service-region such as
// /rss/ec2-us-east-1.rss) → incidents, and their merge with /public/currentevents. Pure.
//
// The format, as published feeds show it: RSS 2.0, newest first, one <item> per posted update;
// <title> = "<state>: <event summary>", the state being the service's state when posted
// ("Service is operating normally", "Informational message", "Performance issues" / "Service
// degradation", "Service disruption": the dashboard's codes 0–3), a resolved event often marked
// "[RESOLVED]"; <pubDate> RFC 822 in PST/PDT; <guid> "http://status.aws.amazon.com/#<service>_<epoch
// seconds of pubDate>"; <description> the message (text, sometimes escaped HTML); <link> only the
// dashboard. No item names its event, so events are rebuilt:
// - Grouping: per service key (the guid's part before "_"), oldest first, an item joins the open
//   event with the same summary (state and "[RESOLVED]" stripped), else the service's only open
//   event if the new summary only adds words to it (AWS may extend one mid-event; an unrelated
//   summary is a concurrent event), else starts one. A resolving item closes its event;
//   a resolving item with nothing open and the summary of an event closed within a day is that
//   event's follow-up (AWS posts later notes, and has re-titled earlier items as resolved).
// - Status: resolved for code 0 / "[RESOLVED]" / a message saying it "has been resolved" or the
//   service "is operating normally"; else monitoring or identified where the words say so; else
//   investigating. currentevents' log entries are read with the same words, so both agree.
// - Ids: an update is "<service>_<epoch>" (the guid's fragment; currentevents: service and log
//   timestamp), an event is its first update's id, so one event keeps one id whichever source
//   names it, also after currentevents drops it.
// - Matching: a currentevents event and a feed event are one when they share an update id, else
//   when same service and their first updates are within 15 minutes (least wrong when the two
//   sources' clocks differ); the feed's id is kept, since only the feed still names it later.
// - currentevents lists every open event (Snapshot.listsAllOpen), so a feed event still open but
//   not listed there is left out (its resolution was never posted, or the feed is ahead); it shows
//   up once listed or resolved.
import type { ComponentStatus, Impact, IncidentSnapshot, IncidentStatus, Iso } from "../domain/model.ts";
import { toIso } from "../lib/time.ts";
import { decodeXml, type FeedDocument, type FeedItem } from "./feed-parse.ts";
import { htmlText } from "./feed-items.ts";
import { mergeIncident } from "./merge-incidents.ts";
import { lookUpWord } from "./status-words.ts";

const CODE_STATUS: Record<string, ComponentStatus> = {
  "0": "operational",
  "1": "degraded_performance",
  "2": "partial_outage",
  "3": "major_outage",
};
const CODE_IMPACT: Record<string, Impact> = { "1": "minor", "2": "major", "3": "critical" };
const STATE_CODES: readonly (readonly [RegExp, string])[] = [
  [/^service is operating normally$/i, "0"],
  [/^informational message$/i, "1"],
  [/^(performance issues|service degradation)$/i, "2"],
  [/^service disruption$/i, "3"],
];
const RESOLVED_MARK = /\[\s*resolved\s*\]/i;
const RESOLVED_WORDS = /\b(has|have) been (fully )?resolved\b|\b(is|are) (now )?operating normally\b/i;
const GUID = /#([^#\s]+)_(\d{9,11})\s*$/;
const DAY_SECONDS = 86_400;
const START_TOLERANCE_SECONDS = 15 * 60;

/** Unknown codes are "unknown" (raw kept), never operational. */
export function awsCodeStatus(raw: string | null | undefined): ComponentStatus {
  return lookUpWord(CODE_STATUS, (raw ?? "").trim()) ?? "unknown";
}

export function awsCodeImpact(codes: readonly (string | null | undefined)[]): Impact {
  const worst = codes
    .map((c) => (c ?? "").trim())
    .filter((c) => lookUpWord(CODE_IMPACT, c))
    .sort()
    .at(-1);
  return worst ? CODE_IMPACT[worst]! : "none";
}

/** "Service disruption: [RESOLVED] X" → code "3" and summary "X"; an unknown state keeps the whole title. */
export function splitAwsTitle(title: string): { code: string | null; summary: string } {
  const match = /^\s*([^:]{3,40}):\s*(.*)$/s.exec(title);
  const code = match ? (STATE_CODES.find(([re]) => re.test(match[1]!.trim()))?.[1] ?? null) : null;
  const rest = code !== null ? match![2]! : title;
  return { code, summary: rest.replace(RESOLVED_MARK, "").replace(/\s+/g, " ").trim() };
}

/** One update's status from its code, summary (title) and message, for feed items and log entries alike. */
export function awsUpdateStatus(code: string | null | undefined, summary = "", message = ""): IncidentStatus {
  const text = htmlText(message);
  if ((code ?? "").trim() === "0" || RESOLVED_MARK.test(summary) || RESOLVED_WORDS.test(text))
    return "resolved";
  if (/\b(are|is|continue to|will continue to) (closely )?monitor(ing)?\b/i.test(text)) return "monitoring";
  if (/\b(have|has been|was) identified\b|\bidentified the (root )?cause\b/i.test(text)) return "identified";
  return "investigating";
}

/** One feed item, read. */
export interface AwsItem {
  service: string;
  epoch: number;
  at: Iso;
  code: string | null;
  title: string;
  summary: string;
  message: string;
  status: IncidentStatus;
}

/** The feed's items oldest first; an item without a date cannot be placed and is skipped. */
export function readAwsItems(doc: FeedDocument): AwsItem[] {
  return doc.items
    .map((item) => readItem(item, doc.title))
    .filter((i): i is AwsItem => i !== null)
    .sort((a, b) => a.epoch - b.epoch);
}

function readItem(item: FeedItem, feedTitle: string): AwsItem | null {
  const guid = GUID.exec(item.guid ?? "");
  const at = item.published ?? (guid ? toIso(Number(guid[2])) : null);
  if (!at) return null;
  const { code, summary } = splitAwsTitle(item.title);
  return {
    // A feed of one service whose guids lack the key is still one service: the feed's own.
    service: guid?.[1] ?? (feedTitle || "aws"),
    epoch: guid ? Number(guid[2]) : Math.floor(Date.parse(at) / 1000),
    at,
    code,
    title: item.title,
    summary,
    message: markupOf(item.content),
    status: awsUpdateStatus(code, item.title, item.content),
  };
}

/** AWS writes its markup escaped inside CDATA ("&lt;br&gt;"): unescaped once, it is the HTML meant. */
function markupOf(text: string): string {
  return /&lt;\/?[a-z]/i.test(text) && !/<\/?[a-z]/i.test(text) ? decodeXml(text) : text;
}

/** Items → events (see the file head), each oldest first. */
export function groupAwsItems(items: readonly AwsItem[]): AwsItem[][] {
  const events: AwsItem[][] = [];
  const open = new Map<string, AwsItem[][]>();
  const closed = new Map<string, AwsItem[]>();
  for (const item of items) {
    const openHere = open.get(item.service) ?? [];
    const resolving = item.status === "resolved";
    let event =
      openHere.find((e) => e[0]!.summary === item.summary) ??
      (openHere.length === 1 && isRewording(openHere[0]![0]!.summary, item.summary)
        ? openHere[0]
        : undefined);
    const last = closed.get(item.service);
    if (!event && resolving && last && isFollowUp(last, item)) event = last;
    if (!event) {
      event = [];
      events.push(event);
      if (!resolving) open.set(item.service, [...openHere, event]);
    }
    event.push(item);
    if (resolving && openHere.includes(event)) {
      open.set(
        item.service,
        openHere.filter((e) => e !== event),
      );
    }
    if (resolving) closed.set(item.service, event);
  }
  return events;
}

/** "Errors" → "Errors and Latency": every word of the shorter summary is in the longer one. */
function isRewording(a: string, b: string): boolean {
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const [short, long] = [words(a), words(b)].sort((x, y) => x.size - y.size);
  return short!.size > 0 && [...short!].every((w) => long!.has(w));
}

function isFollowUp(event: readonly AwsItem[], item: AwsItem): boolean {
  return event[0]!.summary === item.summary && item.epoch - event.at(-1)!.epoch <= DAY_SECONDS;
}

export const awsUpdateId = (service: string, epoch: number): string => `${service}_${epoch}`;

/** One rebuilt event as an incident; `names` gives services their dashboard names where known. */
export function mapAwsFeedEvent(
  event: readonly AwsItem[],
  names: ReadonlyMap<string, string>,
): IncidentSnapshot {
  // Oldest first by the time recorded (the item's date), as the record sorts updates: the guid's time,
  // which the ids keep, may disagree with it (a feed that dates an item unlike its guid).
  const ordered = [...event].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.epoch - b.epoch));
  const first = ordered[0]!;
  const last = ordered.at(-1)!;
  const used = new Set<string>();
  const updates = ordered.map((item) => {
    let id = awsUpdateId(item.service, item.epoch);
    if (used.has(id)) id = `${id}_${used.size}`; // two items in one second: both kept
    used.add(id);
    return { id, status: item.status, at: item.at, message: item.message, components: [] };
  });
  const lastCode = [...ordered].reverse().find((i) => i.code !== null)?.code ?? null;
  const name = names.get(first.service) ?? first.service;
  return {
    id: awsUpdateId(event[0]!.service, event[0]!.epoch), // by the guids' order: one event, one id
    kind: "incident",
    title: first.summary || last.summary,
    status: last.status,
    impact: awsCodeImpact(ordered.map((i) => i.code)),
    url: null,
    startedAt: first.at,
    scheduledFor: null,
    scheduledUntil: null,
    components: [
      {
        id: first.service,
        name,
        status: last.status === "resolved" ? "operational" : awsCodeStatus(lastCode),
      },
    ],
    updates,
  };
}

/**
 * currentevents' incidents plus the feed's: matched pairs become one (currentevents speaks for
 * status, impact, title and components, being the now-state; the feed's id is kept), resolved
 * feed-only events are history, open feed-only events are left out (see the file head).
 */
export function mergeAwsFeed(listed: readonly IncidentSnapshot[], feed: FeedDocument): IncidentSnapshot[] {
  const names = new Map(listed.flatMap((i) => i.components.map((c) => [c.id ?? c.name, c.name] as const)));
  const fromFeed = groupAwsItems(readAwsItems(feed)).map((e) => mapAwsFeedEvent(e, names));
  const taken = new Set<IncidentSnapshot>();
  const merged = listed.map((now) => {
    const same = fromFeed.filter((f) => !taken.has(f) && isSameEvent(now, f));
    for (const f of same) taken.add(f);
    // Several feed events (a split the grouping could not join) are all this one; the earliest names it.
    return same.length === 0 ? now : { ...same.reduce(mergeListedFirst, now), id: same[0]!.id };
  });
  const history = fromFeed.filter((f) => !taken.has(f) && f.status === "resolved");
  return [...merged, ...history];
}

function mergeListedFirst(now: IncidentSnapshot, feed: IncidentSnapshot): IncidentSnapshot {
  const both = mergeIncident(now, feed, "time");
  return {
    ...both,
    status: now.status,
    impact: now.impact,
    title: now.title || feed.title,
    components: now.components,
  };
}

function isSameEvent(now: IncidentSnapshot, feed: IncidentSnapshot): boolean {
  const service = (i: IncidentSnapshot) => i.components[0]?.id;
  if (service(now) !== service(feed)) return false;
  const ids = new Set(now.updates.map((u) => u.id));
  if (feed.updates.some((u) => ids.has(u.id))) return true;
  if (!now.startedAt || !feed.startedAt) return false;
  return Math.abs(Date.parse(now.startedAt) - Date.parse(feed.startedAt)) <= START_TOLERANCE_SECONDS * 1000;
}
