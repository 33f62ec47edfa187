// Instatus: /summary.json (else /v3/summary.json) for the page and its open incidents and
// maintenances, /v3/components.json for components and groups, and the page's /history.rss
// (or PageRef.feedUrl) for updates and resolved history.
import type {
  ComponentSnapshot,
  ComponentStatus,
  IncidentSnapshot,
  IncidentStatus,
  Snapshot,
} from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import { toIso } from "../lib/time.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { isNotFound, joinUrl, parseJsonBody, readJson, webUrlOrNull } from "./payload.ts";
import { parseFeed } from "./feed-parse.ts";
import { FEED_ACCEPT } from "./feed.ts";
import { mergeFeedIntoJson } from "./json-feed-merge.ts";
import { impactFromComponents, toIncidentStatus } from "./status-words.ts";
import {
  instatusComponentsSchema,
  instatusSummarySchema,
  type InstatusComponent,
  type InstatusComponents,
  type InstatusSummary,
} from "./instatus-schema.ts";

const SUMMARY_PATHS = ["/summary.json", "/v3/summary.json"] as const;
const COMPONENTS_PATH = "/v3/components.json";
const FEED_PATH = "/history.rss";
const JSON_ACCEPT = "application/json";

const COMPONENT_STATUS: Record<string, ComponentStatus> = {
  OPERATIONAL: "operational",
  DEGRADEDPERFORMANCE: "degraded_performance",
  PARTIALOUTAGE: "partial_outage",
  // Instatus ranks a "minor outage" between partial and major: some of it is down, not all.
  MINOROUTAGE: "partial_outage",
  MAJOROUTAGE: "major_outage",
  UNDERMAINTENANCE: "under_maintenance",
};

const INCIDENT_STATUS: Record<string, IncidentStatus> = {
  INVESTIGATING: "investigating",
  IDENTIFIED: "identified",
  MONITORING: "monitoring",
  RESOLVED: "resolved",
  NOTSTARTEDYET: "scheduled",
  INPROGRESS: "in_progress",
  COMPLETED: "completed",
};

const word = (raw: string | null) => (raw ?? "").toUpperCase().replace(/[\s_-]+/g, "");

/** Unknown words are "unknown", never "operational". */
export function instatusComponentStatus(raw: string | null): ComponentStatus {
  return COMPONENT_STATUS[word(raw)] ?? "unknown";
}

export function instatusIncidentStatus(raw: string | null, kind: "incident" | "maintenance"): IncidentStatus {
  return INCIDENT_STATUS[word(raw)] ?? toIncidentStatus(raw, kind);
}

/**
 * Components in the page's order. A parent (isParent, or one with children) is a group, not a
 * component: its children carry its name. A flat list's `group` object names the group too.
 */
export function mapInstatusComponents(payload: InstatusComponents): ComponentSnapshot[] {
  const out: ComponentSnapshot[] = [];
  const seen = new Set<string>();
  const add = (c: Omit<InstatusComponent, "isParent" | "children">, group: string | null) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    const status = instatusComponentStatus(c.status);
    out.push({ id: c.id, name: c.name, group, position: out.length, status, rawStatus: c.status ?? "" });
  };
  for (const c of byOrder(payload.components)) {
    if (c.isParent || c.children.length > 0) for (const child of byOrder(c.children)) add(child, c.name);
    else add(c, c.group?.name ?? null);
  }
  return out;
}

function byOrder<T extends { order: number | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)); // stable: no order keeps the page's
}

export function mapInstatusIncidents(summary: InstatusSummary): IncidentSnapshot[] {
  const none = { components: [], updates: [] };
  const incidents = summary.activeIncidents.map((i): IncidentSnapshot => ({
    id: i.id,
    kind: "incident",
    title: i.name ?? "",
    status: instatusIncidentStatus(i.status, "incident"),
    impact: impactFromComponents([instatusComponentStatus(i.impact)], "incident"),
    url: webUrlOrNull(i.url),
    startedAt: i.started,
    scheduledFor: null,
    scheduledUntil: null,
    ...none,
  }));
  const maintenances = summary.activeMaintenances.map((m): IncidentSnapshot => ({
    id: m.id,
    kind: "maintenance",
    title: m.name ?? "",
    status: instatusIncidentStatus(m.status, "maintenance"),
    impact: "maintenance",
    url: webUrlOrNull(m.url),
    startedAt: null,
    scheduledFor: m.start,
    scheduledUntil: m.start && m.duration !== null ? addMinutes(m.start, m.duration) : null,
    ...none,
  }));
  return [...incidents, ...maintenances];
}

/** A window's end from its start and length; a length that puts it outside 0000–9999 is unreadable. */
function addMinutes(iso: string, minutes: number): string | null {
  return toIso(Date.parse(iso) + minutes * 60_000);
}

export function mapInstatus(summary: InstatusSummary, components: InstatusComponents | null): Snapshot {
  return {
    pageName: summary.page.name,
    components: components ? mapInstatusComponents(components) : [],
    incidents: mapInstatusIncidents(summary),
  };
}

async function getOptional(url: string, ctx: PlatformContext, accept: string): Promise<HttpResponse | null> {
  try {
    return await ctx.http.get(url, { cache: ctx.cache, accept });
  } catch (error) {
    if (isNotFound(error)) return null; // the page does not offer this source
    throw error;
  }
}

async function getSummary(page: PageRef, ctx: PlatformContext): Promise<HttpResponse> {
  const first = await getOptional(joinUrl(page.url, SUMMARY_PATHS[0]), ctx, JSON_ACCEPT);
  return (
    first ?? ctx.http.get(joinUrl(page.url, SUMMARY_PATHS[1]), { cache: ctx.cache, accept: JSON_ACCEPT })
  );
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const [summary, components, feed] = await Promise.all([
    getSummary(page, ctx),
    getOptional(joinUrl(page.url, COMPONENTS_PATH), ctx, JSON_ACCEPT),
    page.feedUrl
      ? ctx.http.get(page.feedUrl, { cache: ctx.cache, accept: FEED_ACCEPT })
      : getOptional(joinUrl(page.url, FEED_PATH), ctx, FEED_ACCEPT),
  ]);
  const fetched = [summary, components, feed].filter((r): r is HttpResponse => r !== null);
  if (fetched.every((r) => r.notModified)) return { unchanged: true };
  const json = mapInstatus(
    readJson(summary, instatusSummarySchema, "Instatus summary"),
    components && readJson(components, instatusComponentsSchema, "Instatus component list"),
  );
  const snapshot = mergeFeedIntoJson(json, feed && parseFeed(feed.body, feed.url));
  // The summary lists every open incident and maintenance: one that drops out of it and the feed ended.
  return { unchanged: false, snapshot: { ...snapshot, listsAllOpen: true } };
}

/** An Instatus summary: a page object and the camelCase activeIncidents / activeMaintenances lists. */
async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  for (const path of SUMMARY_PATHS) {
    try {
      const response = await ctx.http.get(joinUrl(url, path), { accept: JSON_ACCEPT });
      const body = parseJsonBody(response);
      const parsed = instatusSummarySchema.safeParse(body);
      const keys = typeof body === "object" && body !== null ? Object.keys(body) : [];
      if (!parsed.success || !keys.some((k) => k === "activeIncidents" || k === "activeMaintenances"))
        continue;
      const name = parsed.data.page.name;
      return {
        kind: "instatus",
        confidence: 0.95,
        evidence: `GET ${path} returned an Instatus summary for "${name}"`,
      };
    } catch {
      // not served here: try the next path
    }
  }
  return null;
}

export const instatus = definePlatform({
  kind: "instatus",
  tried: "/summary.json and /v3/summary.json",
  detect,
  read,
});
