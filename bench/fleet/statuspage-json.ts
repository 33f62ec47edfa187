// Statuspage v2 JSON of a simulated vendor, in the documented shape (key order as githubstatus.com
// sends it), compact: summary.json, incidents.json, scheduled-maintenances.json.
// Cheap for 20,000 vendors: the history every vendor starts with is one shared, pre-serialized fragment,
// the JSON of what changes (components, this run's resolved incidents) is rebuilt by the vendor only when
// it changes, and a document is assembled only for a 200 (a 304 needs no JSON at all).
import type { FleetVendor, Incident } from "./fleet-vendor.ts";

export const COMPONENTS = [
  "API",
  "Web",
  "Webhooks",
  "Git Operations",
  "Search",
  "Billing",
  "Email",
  "Dashboard",
];
export const HISTORY_CAP = 20;
const componentId = (k: number) => `fleetcmp${String(k).padStart(4, "0")}`;
const INDICATOR_TEXT = {
  none: "All Systems Operational",
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
};

export const pageId = (v: Pick<FleetVendor, "index">) => `fleetp${v.index.toString(36).padStart(6, "0")}`;

function component(k: number, status: string, page: string) {
  return {
    id: componentId(k),
    name: COMPONENTS[k],
    status,
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
    position: k + 1,
    description: `${COMPONENTS[k]} of this vendor`,
    showcase: true,
    start_date: null,
    group_id: null,
    page_id: page,
    group: false,
    only_show_if_degraded: false,
  };
}

export function componentsJson(v: FleetVendor): string {
  return JSON.stringify(v.statuses.map((status, k) => component(k, status, pageId(v))));
}

/** One incident; its components carry their status now (operational once it is resolved). */
export function incidentJson(incident: Incident, page: string, statusNow: (k: number) => string): string {
  return JSON.stringify({
    id: incident.id,
    name: `Elevated errors on ${incident.components.map((k) => COMPONENTS[k]).join(" and ")}`,
    status: incident.status,
    created_at: incident.createdAt,
    updated_at: incident.updates[0]!.at,
    monitoring_at: incident.monitoringAt,
    resolved_at: incident.resolvedAt,
    impact: incident.impact,
    shortlink: `https://stspg.io/${incident.id}`,
    started_at: incident.createdAt,
    page_id: page,
    incident_updates: incident.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: `We are ${u.status === "resolved" ? "done with" : "looking into"} this (${u.status}).`,
      incident_id: incident.id,
      created_at: u.at,
      updated_at: u.at,
      display_at: u.at,
      affected_components: u.affected.map(([k, from, to]) => ({
        code: componentId(k),
        name: COMPONENTS[k],
        old_status: from,
        new_status: to,
      })),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: incident.components.map((k) => component(k, statusNow(k), page)),
  });
}

/**
 * Five resolved incidents from January, the same for every vendor (incident ids are per vendor in
 * Pingoru), newest first as Statuspage lists them: a page drops its oldest when the list is full.
 */
const SHARED_HISTORY: string[] = Array.from({ length: 5 }, (_, i) => {
  const n = 4 - i;
  const start = Date.parse("2026-01-01T00:00:00Z") + n * 3 * 86_400_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const k = n % COMPONENTS.length;
  const [ok, slow] = ["operational", "degraded_performance"];
  const incident: Incident = {
    id: `fleethist${n}`,
    impact: "minor",
    status: "resolved",
    createdAt: at(0),
    components: [k],
    resolvedAt: at(45),
    monitoringAt: at(30),
    updates: [
      { id: `fleethist${n}u3`, status: "resolved", at: at(45), affected: [[k, slow, ok]] },
      { id: `fleethist${n}u2`, status: "monitoring", at: at(30), affected: [[k, slow, slow]] },
      { id: `fleethist${n}u1`, status: "investigating", at: at(0), affected: [[k, ok, slow]] },
    ],
  };
  return incidentJson(incident, "fleetshared", () => ok);
});

export const DOCUMENTS = ["summary.json", "incidents.json", "scheduled-maintenances.json"] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

/** Strong ETag: every change bumps the vendor's version (and page.updated_at, in all three documents). */
export const etagOf = (v: FleetVendor, doc: DocumentName) =>
  `"${pageId(v)}-${v.version}-${DOCUMENTS.indexOf(doc)}"`;

export function renderDocument(v: FleetVendor, doc: DocumentName, pageUrl: string): string {
  const page = JSON.stringify({
    id: pageId(v),
    name: `Fleet vendor ${v.index}`,
    url: pageUrl,
    time_zone: "Etc/UTC",
    updated_at: v.updatedAt,
  });
  const open = v.open ? [incidentJson(v.open, pageId(v), (k) => v.statuses[k]!)] : [];
  if (doc === "scheduled-maintenances.json") return `{"page":${page},"scheduled_maintenances":[]}`;
  if (doc === "incidents.json") {
    const list = [...open, ...v.resolved, ...SHARED_HISTORY].slice(0, HISTORY_CAP);
    return `{"page":${page},"incidents":[${list.join(",")}]}`;
  }
  const indicator = v.open?.impact ?? "none";
  const status = JSON.stringify({ indicator, description: INDICATOR_TEXT[indicator] });
  return `{"page":${page},"components":${v.componentsJson},"incidents":[${open.join(",")}],"scheduled_maintenances":[],"status":${status}}`;
}
