// Slack's own status API: /api/v2.0.0/current (open incidents) and /api/v2.0.0/history (past
// ones, same shape). The JSON names no components, only the services an incident touches; the
// list of services is the page's own, and a service no open incident names is operational.
import { z } from "zod";
import type {
  ComponentSnapshot,
  ComponentStatus,
  IncidentSnapshot,
  IncidentStatus,
  Snapshot,
} from "../domain/model.ts";
import { isClosedStatus, worseStatus } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { id, list, optionalText, optionalTimestamp, timestamp } from "./json-parts.ts";
import { isNotFound, joinUrl, parseJsonBody, readJson, webUrlOrNull } from "./payload.ts";
import { mergeIncidents } from "./merge-incidents.ts";
import { impactFromComponents, isMaintenanceStatus, lookUpWord, toIncidentStatus } from "./status-words.ts";

const CURRENT_PATH = "/api/v2.0.0/current";
const HISTORY_PATH = "/api/v2.0.0/history";

/** Slack's services as its status page lists them (https://docs.slack.dev/reference/slack-status-api). */
export const SLACK_SERVICES = [
  "Login/SSO",
  "Connectivity",
  "Messaging",
  "Files",
  "Notifications",
  "Huddles",
  "Search",
  "Apps/Integrations/APIs",
  "Workspace/Org Administration",
  "Workflows",
  "Canvases",
] as const;

const slackIncident = z.object({
  id,
  date_created: timestamp,
  date_updated: optionalTimestamp,
  title: optionalText,
  type: optionalText,
  status: optionalText,
  url: optionalText,
  // A blank service name names nothing (and would be a component without an id).
  services: list(z.string()).transform((names) => names.filter((name) => name.trim() !== "")),
  notes: list(z.object({ date_created: timestamp, body: optionalText })),
});
type SlackIncident = z.output<typeof slackIncident>;

export const slackCurrentSchema = z.object({ status: z.string(), active_incidents: list(slackIncident) });
export type SlackCurrent = z.output<typeof slackCurrentSchema>;
export const slackHistorySchema = z.array(slackIncident);

// An "incident" is a disruption for some, an "outage" for all; a "notice" disrupts nothing.
const TYPE_STATUS: Record<string, ComponentStatus> = {
  incident: "degraded_performance",
  outage: "major_outage",
  notice: "operational",
};

export function slackTypeStatus(type: string | null): ComponentStatus {
  return lookUpWord(TYPE_STATUS, (type ?? "").trim().toLowerCase()) ?? "unknown";
}

export function slackIncidentStatus(raw: string | null): IncidentStatus {
  const word = (raw ?? "").trim().toLowerCase();
  if (word === "active") return "investigating";
  return toIncidentStatus(
    raw,
    ["scheduled", "in_progress", "completed"].includes(word) ? "maintenance" : "incident",
  );
}

export function mapSlackIncident(raw: SlackIncident): IncidentSnapshot {
  const status = slackIncidentStatus(raw.status);
  const kind = isMaintenanceStatus(status) ? "maintenance" : "incident";
  const during = slackTypeStatus(raw.type);
  const states = (s: ComponentStatus) => raw.services.map((name) => ({ id: name, name, status: s }));
  const notes = [...raw.notes].sort((a, b) =>
    a.date_created < b.date_created ? -1 : a.date_created > b.date_created ? 1 : 0,
  );
  const open: IncidentStatus = kind === "maintenance" ? "in_progress" : "investigating";
  const updates = notes.map((note, index) => {
    // Notes carry no status: the last note of a closed incident is what closed it.
    const closing = index === notes.length - 1 && isClosedStatus(status);
    const same = notes.slice(0, index).filter((n) => n.date_created === note.date_created).length;
    return {
      id: stableId("slack", raw.id, note.date_created, same),
      status: closing ? status : open,
      at: note.date_created,
      message: note.body ?? "",
      components: states(closing ? "operational" : during),
    };
  });
  return {
    id: raw.id,
    kind,
    title: raw.title ?? "",
    status,
    impact: impactFromComponents([during], kind),
    url: webUrlOrNull(raw.url),
    startedAt: raw.date_created,
    scheduledFor: null,
    scheduledUntil: null,
    components: states(during),
    updates,
  };
}

/**
 * Every listed service, then any other an open incident names. A service no open incident names
 * is operational while Slack says "ok" or "active"; when it says "broken" (or a word we do not
 * know) we cannot vouch for any of them: unknown.
 */
export function mapSlackServices(current: SlackCurrent): ComponentSnapshot[] {
  const vouched = ["ok", "active"].includes(current.status);
  const named = current.active_incidents.flatMap((i) => i.services);
  const names = [...new Set<string>([...SLACK_SERVICES, ...named])];
  const base = { status: vouched ? "operational" : "unknown", rawStatus: current.status } as const;
  return names.map((name, position) => {
    const hits = current.active_incidents.filter((i) => i.services.includes(name));
    return { id: name, name, group: null, position, ...serviceState(hits, base) };
  });
}

/** The worst state open incidents give a service; a type we do not know makes it unknown, never operational. */
function serviceState(
  hits: readonly SlackIncident[],
  base: { status: ComponentStatus; rawStatus: string },
): { status: ComponentStatus; rawStatus: string } {
  let state = base;
  for (const hit of hits) {
    const next = { status: slackTypeStatus(hit.type), rawStatus: hit.type ?? "" };
    if (next.status === "unknown") {
      if (state.status === "operational") state = next;
    } else if (next.status !== state.status && worseStatus(state.status, next.status) === next.status) {
      state = next;
    }
  }
  return state;
}

export function mapSlack(current: SlackCurrent, history: readonly SlackIncident[]): Snapshot {
  const incidents = [...current.active_incidents, ...history].map(mapSlackIncident);
  return { pageName: "Slack", components: mapSlackServices(current), incidents: mergeIncidents(incidents) };
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const [current, history] = await Promise.all([
    ctx.http.get(joinUrl(page.url, CURRENT_PATH), { cache: ctx.cache, accept: "application/json" }),
    ctx.http
      .get(joinUrl(page.url, HISTORY_PATH), { cache: ctx.cache, accept: "application/json" })
      .catch((error: unknown) => {
        if (isNotFound(error)) return null; // the current state alone still tells the now-state
        throw error;
      }),
  ]);
  if (current.notModified && (history === null || history.notModified)) return { unchanged: true };
  const past = history ? readJson(history, slackHistorySchema, "Slack status history") : [];
  const snapshot = mapSlack(readJson(current, slackCurrentSchema, "Slack status"), past);
  // /current lists every open incident: one in neither list any more has ended.
  return { unchanged: false, snapshot: { ...snapshot, listsAllOpen: true } };
}

async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  let response: HttpResponse;
  try {
    response = await ctx.http.get(joinUrl(url, CURRENT_PATH), { accept: "application/json" });
    const body = parseJsonBody(response) as { active_incidents?: unknown } | null;
    const parsed = slackCurrentSchema.safeParse(body);
    if (!parsed.success || !Array.isArray(body?.active_incidents)) return null;
    return {
      kind: "slack",
      confidence: 0.97,
      evidence: `GET ${CURRENT_PATH} returned Slack's status ("${parsed.data.status}")`,
    };
  } catch {
    return null;
  }
}

export const slack = definePlatform({
  kind: "slack",
  tried: "/api/v2.0.0/current",
  detect,
  read,
});
