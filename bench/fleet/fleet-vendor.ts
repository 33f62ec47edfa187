// One simulated Statuspage vendor of the fleet and its story: an incident opens (components degraded),
// is identified, monitored and resolved (components operational again), then the next one opens.
// Each step is one change, logged by the fleet server for the bench's detection lag.
import { COMPONENTS, componentsJson, HISTORY_CAP, incidentJson, pageId } from "./statuspage-json.ts";

const DEGRADED = {
  minor: "degraded_performance",
  major: "partial_outage",
  critical: "major_outage",
} as const;
const NEXT_STATUS = {
  investigating: "identified",
  identified: "monitoring",
  monitoring: "resolved",
} as const;
type Impact = keyof typeof DEGRADED;

export interface Update {
  id: string;
  status: string;
  at: string;
  /** [component index, old status, new status] */
  affected: [number, string, string][];
}

export interface Incident {
  id: string;
  impact: Impact;
  status: string;
  createdAt: string;
  components: number[];
  updates: Update[]; // newest first, as Statuspage lists them
  resolvedAt: string | null;
  monitoringAt: string | null;
}

/** One step of one vendor's story, as the fleet logs it. */
export interface Change {
  vendor: number;
  incidentId: string;
  updateId: string;
  status: string;
  at: string;
}

export interface FleetVendor {
  index: number;
  /** Bumped by every change: the documents' ETags carry it. */
  version: number;
  updatedAt: string;
  statuses: string[];
  open: Incident | null;
  /** JSON of this run's resolved incidents, newest first. */
  resolved: string[];
  componentsJson: string;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}${(++sequence).toString(36).padStart(8, "0")}`;

export function createVendor(index: number, nowIso: string): FleetVendor {
  const vendor: FleetVendor = {
    index,
    version: 0,
    updatedAt: nowIso,
    statuses: COMPONENTS.map(() => "operational"),
    open: null,
    resolved: [],
    componentsJson: "",
  };
  vendor.componentsJson = componentsJson(vendor);
  return vendor;
}

function openIncident(v: FleetVendor, at: string, random: () => number): Incident {
  const impact = (["minor", "major", "critical"] as const)[Math.floor(random() * 3)]!;
  const first = Math.floor(random() * COMPONENTS.length);
  const components = random() < 0.5 ? [first] : [first, (first + 1) % COMPONENTS.length];
  for (const k of components) v.statuses[k] = DEGRADED[impact];
  const affected = components.map((k): [number, string, string] => [k, "operational", DEGRADED[impact]]);
  return {
    id: nextId("fleeti"),
    impact,
    status: "investigating",
    createdAt: at,
    components,
    updates: [{ id: nextId("fleetu"), status: "investigating", at, affected }],
    resolvedAt: null,
    monitoringAt: null,
  };
}

function advance(v: FleetVendor, incident: Incident, at: string): void {
  const status = NEXT_STATUS[incident.status as keyof typeof NEXT_STATUS];
  const resolved = status === "resolved";
  const affected = incident.components.map((k): [number, string, string] => {
    const now = v.statuses[k]!;
    return [k, now, resolved ? "operational" : now];
  });
  if (resolved) for (const k of incident.components) v.statuses[k] = "operational";
  incident.updates.unshift({ id: nextId("fleetu"), status, at, affected });
  incident.status = status;
  if (status === "monitoring") incident.monitoringAt = at;
  if (!resolved) return;
  incident.resolvedAt = at;
  v.open = null;
  v.resolved.unshift(incidentJson(incident, pageId(v), () => "operational"));
  v.resolved.length = Math.min(v.resolved.length, HISTORY_CAP);
}

/** The next step of the vendor's story. */
export function changeVendor(v: FleetVendor, at: string, random: () => number): Change {
  let incident = v.open;
  if (incident === null) incident = v.open = openIncident(v, at, random);
  else advance(v, incident, at);
  v.version += 1;
  v.updatedAt = at;
  v.componentsJson = componentsJson(v);
  const update = incident.updates[0]!;
  return { vendor: v.index, incidentId: incident.id, updateId: update.id, status: update.status, at };
}
