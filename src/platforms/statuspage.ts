// Atlassian Statuspage: summary.json (now-state) + incidents.json and scheduled-maintenances.json (history).
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import type { Snapshot } from "../domain/model.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import { isNotFound, joinUrl, parseJsonBody, readJson } from "./payload.ts";
import { summarySchema, type StatuspageSummary } from "./statuspage-schema.ts";
import { assembleSnapshot, pageBase } from "./statuspage-map.ts";
import { mapIncidentList, readIncidentList } from "./statuspage-lists.ts";

export { mapStatuspage } from "./statuspage-map.ts";

const JSON_ACCEPT = "application/json";
export const SUMMARY_PATH = "/api/v2/summary.json";
const INCIDENTS_PATH = "/api/v2/incidents.json";
const MAINTENANCES_PATH = "/api/v2/scheduled-maintenances.json";

/** incident.io's Statuspage-compatible API uses 26-character Crockford base32 ULIDs. */
export function isUlid(id: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/i.test(id);
}

/** True when the summary's page id or component ids are ULIDs (an incident.io page, not Statuspage). */
export function hasUlidIds(summary: StatuspageSummary): boolean {
  return isUlid(summary.page.id) || summary.components.some((c) => isUlid(c.id));
}

async function getOptional(url: string, ctx: PlatformContext): Promise<HttpResponse | null> {
  try {
    return await ctx.http.get(url, { cache: ctx.cache, accept: JSON_ACCEPT });
  } catch (error) {
    if (isNotFound(error)) return null; // the page does not publish this history file
    throw error;
  }
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  if (ctx.fullRead === false) return readSummaryFirst(page, ctx);
  const summaryUrl = joinUrl(page.url, SUMMARY_PATH);
  const [summary, incidents, maintenances] = await Promise.all([
    ctx.http.get(summaryUrl, { cache: ctx.cache, accept: JSON_ACCEPT }),
    getOptional(joinUrl(page.url, INCIDENTS_PATH), ctx),
    getOptional(joinUrl(page.url, MAINTENANCES_PATH), ctx),
  ]);
  const fetched = [summary, incidents, maintenances].filter((r): r is HttpResponse => r !== null);
  if (fetched.every((r) => r.notModified)) return { unchanged: true };
  return { unchanged: false, snapshot: snapshotOf(page, ctx, summary, incidents, maintenances) };
}

/**
 * The summary is the now-state, listing every unresolved incident and every upcoming or active
 * maintenance: while it is unchanged nothing new can be open, so the history is not read. When it
 * changed, the history is read in full (its bodies are not kept between polls).
 */
async function readSummaryFirst(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const summary = await ctx.http.get(joinUrl(page.url, SUMMARY_PATH), {
    cache: ctx.cache,
    accept: JSON_ACCEPT,
  });
  if (summary.notModified) return { unchanged: true };
  const full = { ...ctx, cache: undefined };
  const [incidents, maintenances] = await Promise.all([
    getOptional(joinUrl(page.url, INCIDENTS_PATH), full),
    getOptional(joinUrl(page.url, MAINTENANCES_PATH), full),
  ]);
  return { unchanged: false, snapshot: snapshotOf(page, ctx, summary, incidents, maintenances) };
}

function snapshotOf(
  page: PageRef,
  ctx: PlatformContext,
  summary: HttpResponse,
  incidents: HttpResponse | null,
  maintenances: HttpResponse | null,
): Snapshot {
  const summaryPayload = readJson(summary, summarySchema, "Statuspage summary");
  const base = pageBase(summaryPayload.page.url, page.url);
  const listed = incidents ? readIncidentList(incidents, "incidents", base) : null;
  const history = [
    ...(listed?.incidents ?? []),
    ...(maintenances ? mapIncidentList(maintenances, "scheduled_maintenances", base) : []),
  ];
  const since = coverageStart(listed?.oldestCreatedAt ?? null);
  // The summary lists every unresolved incident and every upcoming or active maintenance, so one that is
  // in neither it nor the history any more was taken down by the vendor: it has ended.
  const snapshot = { ...assembleSnapshot(summaryPayload, base, history), listsAllOpen: true };
  return since === null ? snapshot : { ...snapshot, incidentsListedSince: since };
}

/**
 * incidents.json lists the latest 50 incidents, nearly but not strictly in creation order (recorded
 * lists put some a few hours out of place): the day after its oldest is surely all there.
 */
function coverageStart(oldestCreatedAt: string | null): string | null {
  if (oldestCreatedAt === null) return null;
  return new Date(Date.parse(oldestCreatedAt) + 24 * 3600_000).toISOString();
}

async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  const summaryUrl = joinUrl(url, SUMMARY_PATH);
  try {
    const response = await ctx.http.get(summaryUrl, { accept: JSON_ACCEPT });
    const parsed = summarySchema.safeParse(parseJsonBody(response));
    if (!parsed.success || hasUlidIds(parsed.data)) return null;
    return {
      kind: "statuspage",
      confidence: 0.95,
      evidence: `GET ${SUMMARY_PATH} returned a Statuspage summary for "${parsed.data.page.name}"`,
    };
  } catch {
    return null; // detection says "no", it does not fail
  }
}

export const statuspage = definePlatform({
  kind: "statuspage",
  tried: "/api/v2/summary.json",
  detect,
  read,
});
