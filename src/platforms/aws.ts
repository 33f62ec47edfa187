// AWS Health Dashboard: https://health.aws.amazon.com/public/currentevents, a JSON array of the
// events now on the dashboard, served as UTF-16 (the HTTP client decodes it by BOM or charset).
// Status codes, as the dashboard's legend uses them: 0 resolved / operational, 1 informational,
// 2 degradation, 3 disruption.
import { z } from "zod";
import type {
  ComponentSnapshot,
  ComponentStatus,
  Impact,
  IncidentSnapshot,
  IncidentStatus,
  Snapshot,
} from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import type { Detection, PageRef, Platform, PlatformContext, ReadResult } from "./platform.ts";
import { list, optionalText, timestamp } from "./json-parts.ts";
import { parseJsonBody, readJson } from "./payload.ts";

const EVENTS_PATH = "/public/currentevents";

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

const CODE_STATUS: Record<string, ComponentStatus> = {
  "0": "operational",
  "1": "degraded_performance",
  "2": "partial_outage",
  "3": "major_outage",
};
const CODE_IMPACT: Record<string, Impact> = { "1": "minor", "2": "major", "3": "critical" };
const RANK: readonly ComponentStatus[] = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "unknown",
];

/** Unknown codes are "unknown" (raw kept), never operational. */
export function awsCodeStatus(raw: string | null | undefined): ComponentStatus {
  return CODE_STATUS[(raw ?? "").trim()] ?? "unknown";
}

/** 0 closes an event; any other code (known or not) means it is still open. */
export function awsUpdateStatus(raw: string | null | undefined): IncidentStatus {
  return (raw ?? "").trim() === "0" ? "resolved" : "investigating";
}

/** The events URL on the host of the page given (the dashboard, its status page or the events URL). */
export function awsEventsUrl(pageUrl: string): string {
  return new URL(EVENTS_PATH, pageUrl).toString();
}

export function mapAwsEvent(raw: AwsEvent): IncidentSnapshot {
  const id = raw.arn ?? stableId("aws", raw.service, raw.date, raw.summary);
  const log = [...raw.event_log].sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0,
  );
  const updates = log.map((entry) => ({
    id: stableId("aws", id, entry.timestamp, entry.summary, entry.message),
    status: awsUpdateStatus(entry.status ?? raw.status),
    at: entry.timestamp,
    message: entry.message ?? entry.summary ?? "",
    components: [],
  }));
  // The event's own code is its now-state; once resolved, its worst logged code tells how bad it was.
  const worst = [raw.status, ...log.map((e) => e.status ?? "")].sort().at(-1) ?? raw.status;
  const name = raw.service_name ?? raw.service;
  return {
    id,
    kind: "incident",
    title: raw.summary ?? name,
    status: awsUpdateStatus(raw.status),
    impact: CODE_IMPACT[raw.status] ?? CODE_IMPACT[worst] ?? "none",
    url: null,
    startedAt: raw.date,
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

export function mapAws(events: readonly AwsEvent[]): Snapshot {
  return {
    pageName: "AWS Health Dashboard",
    components: mapAwsServices(events),
    incidents: events.map(mapAwsEvent),
  };
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const response = await ctx.http.get(awsEventsUrl(page.url), {
    cache: ctx.cache,
    accept: "application/json",
  });
  if (response.notModified) return { unchanged: true };
  return { unchanged: false, snapshot: mapAws(readJson(response, awsEventsSchema, "AWS Health event list")) };
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

export const aws: Platform = { kind: "aws", detect, read };
