// Pure mapping of validated Statuspage payloads to a Snapshot (DESIGN §5 rules live here).
import type {
  ComponentSnapshot,
  ComponentState,
  IncidentKind,
  IncidentSnapshot,
  Snapshot,
  UpdateSnapshot,
} from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { joinUrl, webUrlOrNull } from "./payload.ts";
import type {
  StatuspageComponent,
  StatuspageIncident,
  StatuspageIncidents,
  StatuspageMaintenances,
  StatuspageSummary,
  StatuspageUpdate,
} from "./statuspage-schema.ts";
import { toComponentStatus, toImpact, toIncidentStatus } from "./status-words.ts";
import { mergeIncidents } from "./merge-incidents.ts";

export interface StatuspagePayloads {
  summary: StatuspageSummary;
  incidents?: StatuspageIncidents | null;
  maintenances?: StatuspageMaintenances | null;
}

/** The page's own base URL: the payload's page.url, else the URL we were given. */
export function pageBase(payloadUrl: string | null | undefined, fallback: string): string {
  return (webUrlOrNull(payloadUrl) ?? fallback).replace(/\/+$/, "");
}

export function mapStatuspage(payloads: StatuspagePayloads, pageUrl: string): Snapshot {
  const base = pageBase(payloads.summary.page.url, pageUrl);
  const history = [
    ...(payloads.incidents?.incidents ?? []).map((i) => mapIncident(i, base, null)),
    ...(payloads.maintenances?.scheduled_maintenances ?? []).map((i) => mapIncident(i, base, "maintenance")),
  ];
  return assembleSnapshot(payloads.summary, base, history);
}

/** The summary's now-state, merged with history incidents already mapped (the summary's copies first). */
export function assembleSnapshot(
  summary: StatuspageSummary,
  base: string,
  history: readonly IncidentSnapshot[],
): Snapshot {
  return {
    pageName: summary.page.name,
    components: mapComponents(summary.components, base),
    incidents: mergeIncidents([
      ...summary.incidents.map((i) => mapIncident(i, base, null)),
      ...summary.scheduled_maintenances.map((i) => mapIncident(i, base, "maintenance")),
      ...history,
    ]),
  };
}

/**
 * Group containers are not components (their children carry the group's name). Placeholder rows
 * are dropped. Order is the page's display order: top level by position, a group's children in
 * the group's slot by their own position; `position` is the rank in that order.
 */
export function mapComponents(components: readonly StatuspageComponent[], base: string): ComponentSnapshot[] {
  const groups = new Map(components.filter(isGroup).map((c) => [c.id, c]));
  const rows = components
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => !isGroup(c) && !isPlaceholder(c, base));
  const sortKey = ({ c, index }: { c: StatuspageComponent; index: number }): number[] => {
    const group = c.group_id ? groups.get(c.group_id) : undefined;
    const own = c.position ?? index;
    return group ? [group.position ?? components.indexOf(group), own, index] : [own, -1, index];
  };
  rows.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  return rows.map(({ c }, position) => ({
    id: c.id,
    name: c.name,
    group: (c.group_id && groups.get(c.group_id)?.name) || null,
    position,
    status: toComponentStatus(c.status),
    rawStatus: c.status ?? "",
  }));
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function isGroup(c: StatuspageComponent): boolean {
  return c.group === true || c.components.length > 0;
}

/**
 * A row that only advertises the page itself ("Visit www.githubstatus.com for more information"):
 * its name carries a web address or the page's own host, and it has no description. Real
 * components may be named after a host ("claude.ai", "Claude API (api.anthropic.com)"), so both
 * the "visit/see … for more" wording or a full URL are required, not just a dotted name.
 */
export function isPlaceholder(c: Pick<StatuspageComponent, "name" | "description">, base: string): boolean {
  if (c.description) return false;
  const host = safeHost(base);
  const namesAddress =
    /https?:\/\/|www\./i.test(c.name) || (host !== null && c.name.toLowerCase().includes(host));
  const advertises = /^(visit|see|go to|check)\b|for (more )?(information|details|updates)/i.test(c.name);
  return namesAddress && advertises;
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "").toLowerCase();
  } catch {
    return null;
  }
}

/** One vendor incident or maintenance. `kind` is forced when it came from a maintenance list. */
export function mapIncident(
  raw: StatuspageIncident,
  base: string,
  forced: IncidentKind | null,
): IncidentSnapshot {
  const kind: IncidentKind =
    forced ?? (raw.scheduled_for !== null || raw.impact === "maintenance" ? "maintenance" : "incident");
  return {
    id: raw.id,
    kind,
    title: raw.name,
    status: toIncidentStatus(raw.status, kind),
    impact: toImpact(raw.impact, kind),
    url: joinUrl(base, `/incidents/${raw.id}`),
    startedAt: raw.started_at ?? raw.created_at,
    scheduledFor: kind === "maintenance" ? raw.scheduled_for : null,
    scheduledUntil: kind === "maintenance" ? raw.scheduled_until : null,
    components: uniqueStates(
      raw.components.map((c) => ({ id: c.id, name: c.name, status: toComponentStatus(c.status) })),
    ),
    // Vendors list updates newest first; reversed, equal times keep the vendor's chronology.
    updates: sortUpdates([
      ...[...raw.incident_updates].reverse().map((u) => mapUpdate(u, raw.id, kind)),
      ...postmortemUpdate(raw),
    ]),
  };
}

/** A published postmortem is one more update, in status "postmortem", at its publication time. */
function postmortemUpdate(raw: StatuspageIncident): UpdateSnapshot[] {
  if (raw.postmortem_published_at === null) return [];
  return [
    {
      id: stableId(raw.id, "postmortem"),
      status: "postmortem",
      at: raw.postmortem_published_at,
      message: raw.postmortem_body ?? "",
      components: [],
    },
  ];
}

export function mapUpdate(raw: StatuspageUpdate, incidentId: string, kind: IncidentKind): UpdateSnapshot {
  const at = raw.display_at ?? raw.created_at;
  const status = toIncidentStatus(raw.status, kind);
  return {
    id: raw.id ?? stableId(incidentId, at, status),
    status,
    at,
    message: raw.body ?? "",
    // Names as the vendor wrote them at that update (a later rename keeps the same id).
    components: uniqueStates(
      raw.affected_components.map((a) => ({
        id: a.code,
        name: a.name,
        status: toComponentStatus(a.new_status ?? a.old_status),
      })),
    ),
  };
}

/** Each component once (by id, else by name), first mention wins, vendor order kept. */
export function uniqueStates(states: readonly ComponentState[]): ComponentState[] {
  const seen = new Set<string>();
  return states.filter((s) => {
    const key = s.id ?? `name:${s.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Oldest first (stable: equal times keep their given order). */
export function sortUpdates(updates: readonly UpdateSnapshot[]): UpdateSnapshot[] {
  return [...updates].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
