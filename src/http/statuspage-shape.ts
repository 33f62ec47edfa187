// Pingoru's stored record → the Atlassian Statuspage v2 public API shapes, so an existing Statuspage
// client or widget can read any vendor, whatever platform it is really on. Pure.
import { concernedComponents } from "../domain/affected.ts";
import type { ComponentSnapshot, ComponentStatus, Incident, UpdateSnapshot } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import type { Vendor } from "../domain/vendor.ts";

export interface CompatPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

/** The page block every endpoint starts with; the page is the vendor's page on Pingoru. */
export function toPage(vendor: Vendor, base: string): CompatPage {
  return {
    id: vendor.slug,
    name: vendor.name,
    url: `${base}/vendors/${encodeURIComponent(vendor.slug)}`,
    time_zone: "Etc/UTC",
    updated_at: vendor.lastOkAt ?? vendor.createdAt,
  };
}

// Statuspage's own indicator words and descriptions. "unknown" (every component unmapped) has no
// Statuspage word: it reads as a minor problem rather than pretend all is well.
const INDICATORS: Record<ComponentStatus, { indicator: string; description: string }> = {
  operational: { indicator: "none", description: "All Systems Operational" },
  degraded_performance: { indicator: "minor", description: "Partially Degraded Service" },
  partial_outage: { indicator: "major", description: "Partial System Outage" },
  major_outage: { indicator: "critical", description: "Major Service Outage" },
  under_maintenance: { indicator: "maintenance", description: "Service Under Maintenance" },
  unknown: { indicator: "minor", description: "Status Unknown" },
};

export function toStatus(rollUp: ComponentStatus) {
  return { ...INDICATORS[rollUp] };
}

/**
 * Components in the vendor's order. A group becomes a container (group: true, components: [ids])
 * placed where its first member is; members get positions 1.. inside it, as Statuspage numbers them.
 */
export function toComponents(vendor: Vendor, components: readonly ComponentSnapshot[]) {
  const out: ReturnType<typeof componentObject>[] = [];
  const groups = new Map<string, ReturnType<typeof componentObject>>();
  let topPosition = 0;
  for (const c of components) {
    if (c.group === null) {
      out.push(componentObject(vendor, c.id, c.name, c.status, ++topPosition, null));
      continue;
    }
    let group = groups.get(c.group);
    if (group === undefined) {
      group = componentObject(vendor, groupId(vendor, c.group), c.group, "unknown", ++topPosition, null);
      group.group = true;
      groups.set(c.group, group);
      out.push(group);
    }
    group.components.push(c.id);
    group.status = worse(group.status, c.status);
    out.push(componentObject(vendor, c.id, c.name, c.status, group.components.length, group.id));
  }
  return out;
}

function componentObject(
  vendor: Vendor,
  id: string,
  name: string,
  status: ComponentStatus,
  position: number,
  groupId: string | null,
) {
  return {
    id,
    name,
    status: status as ComponentStatus,
    created_at: vendor.createdAt,
    updated_at: vendor.lastOkAt ?? vendor.createdAt,
    position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: groupId,
    page_id: vendor.slug,
    group: false,
    only_show_if_degraded: false,
    components: [] as string[],
  };
}

const SEVERITY: readonly ComponentStatus[] = [
  "unknown",
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
];
const worse = (a: ComponentStatus, b: ComponentStatus) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a);

const groupId = (vendor: Vendor, name: string) => stableId(vendor.slug, "group", name);
/** Statuspage needs a code for every affected component; a source that names one only gets a stable one. */
const componentCode = (vendor: string, id: string | null, name: string) =>
  id ?? stableId(vendor, "component", name);

export function toIncident(incident: Incident, current: readonly ComponentSnapshot[]) {
  const updates = incident.updates;
  const last = updates.at(-1);
  return {
    id: incident.id,
    name: incident.title,
    status: incident.status,
    created_at: incident.startedAt,
    updated_at: last?.at ?? incident.startedAt,
    monitoring_at: updates.find((u) => u.status === "monitoring")?.at ?? null,
    resolved_at: incident.resolvedAt,
    impact: incident.impact,
    shortlink: null,
    started_at: incident.startedAt,
    page_id: incident.vendor,
    scheduled_for: incident.scheduledFor,
    scheduled_until: incident.scheduledUntil,
    // Statuspage lists updates newest first.
    incident_updates: updateObjects(incident).reverse(),
    // What it affected; for a maintenance not yet started, what it names.
    components: concernedComponents(incident).map((a) => {
      const now = current.find((c) => c.id !== null && c.id === a.id);
      return {
        id: componentCode(incident.vendor, a.id, a.name),
        name: a.name,
        status: now?.status ?? a.worstStatus,
        group_id: null,
        group: false,
        page_id: incident.vendor,
      };
    }),
  };
}

// Each update's affected component says where it came from (the same component's state at the
// previous update that named it, else operational) and where it went.
function updateObjects(incident: Incident) {
  const previous = new Map<string, ComponentStatus>();
  return incident.updates.map((u: UpdateSnapshot) => {
    const affected = u.components.map((c) => {
      const code = componentCode(incident.vendor, c.id, c.name);
      const old = previous.get(code) ?? "operational";
      previous.set(code, c.status);
      return { code, name: c.name, old_status: old, new_status: c.status };
    });
    return {
      id: u.id,
      status: u.status,
      body: u.message,
      incident_id: incident.id,
      created_at: u.at,
      updated_at: u.at,
      display_at: u.at,
      affected_components: affected,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    };
  });
}

export const isUpcoming = (i: Incident) => i.status === "scheduled";
export const isActive = (i: Incident) => i.status === "in_progress" || i.status === "verifying";
