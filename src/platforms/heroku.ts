// Heroku's own status API: /api/v4/current-status (systems, open incidents, scheduled maintenance)
// and /api/v4/incidents (history, the same incident shape).
import { z } from "zod";
import type {
  ComponentSnapshot,
  ComponentStatus,
  IncidentKind,
  IncidentSnapshot,
  IncidentStatus,
  Snapshot,
} from "../domain/model.ts";
import { isClosedStatus } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
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
import { impactFromComponents, lookUpWord, toIncidentStatus } from "./status-words.ts";

const CURRENT_PATH = "/api/v4/current-status";
const INCIDENTS_PATH = "/api/v4/incidents";

const herokuUpdate = z.object({
  id: id.nullish(),
  created_at: timestamp,
  update_type: optionalText,
  contents: optionalText,
  status_dev: optionalText,
  status_prod: optionalText,
});
const herokuIncident = z.object({
  id,
  title: optionalText,
  resolved: z.boolean().nullish(),
  created_at: optionalTimestamp,
  full_url: optionalText,
  updates: list(herokuUpdate),
});
type HerokuIncident = z.output<typeof herokuIncident>;

export const herokuCurrentSchema = z.object({
  status: z.array(z.object({ system: z.string().min(1), status: optionalText })),
  incidents: list(herokuIncident),
  scheduled: list(herokuIncident),
});
export type HerokuCurrent = z.output<typeof herokuCurrentSchema>;
export const herokuIncidentsSchema = z.array(herokuIncident);

const COLOUR: Record<string, ComponentStatus> = {
  green: "operational",
  yellow: "degraded_performance",
  red: "major_outage",
  blue: "under_maintenance",
};

export function herokuColourStatus(raw: string | null): ComponentStatus {
  return lookUpWord(COLOUR, (raw ?? "").trim().toLowerCase()) ?? "unknown";
}

// "issue" opens an incident; "maintenance" reports one under way; "update" keeps the status it had.
const UPDATE_TYPE: Record<string, IncidentStatus> = {
  issue: "investigating",
  maintenance: "in_progress",
};

export function herokuUpdateStatus(
  raw: string | null,
  kind: IncidentKind,
  previous: IncidentStatus | null,
): IncidentStatus {
  const word = (raw ?? "").trim().toLowerCase();
  if (word === "update" || word === "")
    return previous ?? (kind === "maintenance" ? "scheduled" : "investigating");
  const status = lookUpWord(UPDATE_TYPE, word) ?? toIncidentStatus(word, kind);
  return kind === "maintenance" && status === "resolved" ? "completed" : status;
}

/** Maintenance comes from `scheduled[]`; in the history, it is the one whose updates say so. */
function kindOf(raw: HerokuIncident, fromScheduled: boolean): IncidentKind {
  if (fromScheduled) return "maintenance";
  const types = raw.updates.map((u) => (u.update_type ?? "").toLowerCase());
  return types.includes("scheduled") || types.includes("maintenance") ? "maintenance" : "incident";
}

export function mapHerokuIncident(raw: HerokuIncident, fromScheduled = false): IncidentSnapshot {
  const kind = kindOf(raw, fromScheduled);
  const sorted = [...raw.updates].sort((a, b) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0,
  );
  let previous: IncidentStatus | null = null;
  const updates = sorted.map((u) => {
    previous = herokuUpdateStatus(u.update_type, kind, previous);
    return {
      id: u.id ?? stableId("heroku", raw.id, u.created_at, u.update_type),
      status: previous,
      at: u.created_at,
      message: u.contents ?? "",
      components: [],
    };
  });
  const closed: IncidentStatus = kind === "maintenance" ? "completed" : "resolved";
  const last = updates.at(-1)?.status;
  // The vendor's own flag closes it; otherwise its latest update says where it stands.
  const status =
    raw.resolved === true
      ? last && isClosedStatus(last)
        ? last
        : closed
      : (last ?? (kind === "maintenance" ? "scheduled" : "investigating"));
  const colours = raw.updates.flatMap((u) => [u.status_prod, u.status_dev]).map(herokuColourStatus);
  return {
    id: raw.id,
    kind,
    title: raw.title ?? "",
    status,
    impact: impactFromComponents(colours, kind),
    url: webUrlOrNull(raw.full_url),
    startedAt: raw.created_at,
    scheduledFor: null,
    scheduledUntil: null,
    components: [],
    updates,
  };
}

export function mapHerokuSystems(current: HerokuCurrent): ComponentSnapshot[] {
  return current.status.map((s, position) => ({
    id: s.system,
    name: s.system,
    group: null,
    position,
    status: herokuColourStatus(s.status),
    rawStatus: s.status ?? "",
  }));
}

export function mapHeroku(current: HerokuCurrent, history: readonly HerokuIncident[]): Snapshot {
  const incidents = [
    ...current.incidents.map((i) => mapHerokuIncident(i)),
    ...current.scheduled.map((i) => mapHerokuIncident(i, true)),
    ...history.map((i) => mapHerokuIncident(i)),
  ];
  return { pageName: "Heroku", components: mapHerokuSystems(current), incidents: mergeIncidents(incidents) };
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const get = (path: string) =>
    ctx.http.get(joinUrl(page.url, path), { cache: ctx.cache, accept: "application/json" });
  const [current, history] = await Promise.all([
    get(CURRENT_PATH),
    get(INCIDENTS_PATH).catch((error: unknown) => {
      if (isNotFound(error)) return null; // the current status alone still tells the now-state
      throw error;
    }),
  ]);
  if (current.notModified && (history === null || history.notModified)) return { unchanged: true };
  const past = history ? readJson(history, herokuIncidentsSchema, "Heroku incident list") : [];
  const snapshot = mapHeroku(readJson(current, herokuCurrentSchema, "Heroku current status"), past);
  // /current-status lists every open incident and maintenance: one in neither list any more has ended.
  return { unchanged: false, snapshot: { ...snapshot, listsAllOpen: true } };
}

async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const response = await ctx.http.get(joinUrl(url, CURRENT_PATH), { accept: "application/json" });
    const parsed = herokuCurrentSchema.safeParse(parseJsonBody(response));
    if (!parsed.success || parsed.data.status.length === 0) return null;
    const systems = parsed.data.status.map((s) => s.system).join(", ");
    return {
      kind: "heroku",
      confidence: 0.97,
      evidence: `GET ${CURRENT_PATH} returned Heroku's systems (${systems})`,
    };
  } catch {
    return null;
  }
}

export const heroku = definePlatform({
  kind: "heroku",
  tried: "/api/v4/current-status",
  detect,
  read,
});
