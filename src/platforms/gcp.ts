// Google Cloud / Google Workspace status dashboards: <page>/incidents.json (every incident, open and
// past, with its updates) and <page>/products.json (the products, which become the components).
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
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { id, list, optionalText, optionalTimestamp } from "./json-parts.ts";
import { isNotFound, joinUrl, parseJsonBody, readJson, webUrlOrNull } from "./payload.ts";

const INCIDENTS_PATH = "/incidents.json";
const PRODUCTS_PATH = "/products.json";

const product = z.object({ id, title: optionalText });
const gcpUpdate = z.object({
  created: optionalTimestamp,
  modified: optionalTimestamp,
  when: optionalTimestamp,
  text: optionalText,
  status: optionalText,
});
const gcpIncident = z.object({
  id,
  number: optionalText,
  begin: optionalTimestamp,
  created: optionalTimestamp,
  end: optionalTimestamp,
  external_desc: optionalText,
  updates: list(gcpUpdate),
  most_recent_update: gcpUpdate.nullish(),
  status_impact: optionalText,
  severity: optionalText,
  service_name: optionalText,
  affected_products: list(product),
  uri: optionalText,
});
type GcpIncident = z.output<typeof gcpIncident>;
type GcpProduct = z.output<typeof product>;

export const gcpIncidentsSchema = z.array(gcpIncident);
export const gcpProductsSchema = z.object({ products: list(product) });

// An open incident's status_impact says how hard its products are hit.
const IMPACT_STATUS: Record<string, ComponentStatus> = {
  SERVICE_INFORMATION: "degraded_performance",
  SERVICE_DISRUPTION: "partial_outage",
  SERVICE_OUTAGE: "major_outage",
};
const IMPACT: Record<string, Impact> = {
  SERVICE_INFORMATION: "minor",
  SERVICE_DISRUPTION: "major",
  SERVICE_OUTAGE: "critical",
};
const WORST: readonly ComponentStatus[] = [
  "unknown",
  "major_outage",
  "partial_outage",
  "degraded_performance",
  "operational",
];

/** Unknown words are "unknown" (raw kept), never operational. */
export function gcpImpactStatus(raw: string | null): ComponentStatus {
  return IMPACT_STATUS[(raw ?? "").trim().toUpperCase()] ?? "unknown";
}

/**
 * Google gives no per-update lifecycle word beyond AVAILABLE (service back): an update saying so, or
 * any update of an ended incident that is its last, is resolved; every other update is investigating.
 */
export function gcpUpdateStatus(raw: string | null, isLastOfEnded: boolean): IncidentStatus {
  return isLastOfEnded || (raw ?? "").trim().toUpperCase() === "AVAILABLE" ? "resolved" : "investigating";
}

function updatesOf(raw: GcpIncident) {
  const source =
    raw.updates.length > 0 ? raw.updates : raw.most_recent_update ? [raw.most_recent_update] : [];
  return source
    .map((u) => ({ ...u, at: u.when ?? u.created ?? u.modified }))
    .filter((u): u is typeof u & { at: string } => u.at !== null)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function mapGcpIncident(raw: GcpIncident, pageUrl: string): IncidentSnapshot {
  const open = raw.end === null;
  const sorted = updatesOf(raw);
  const updates = sorted.map((u, index) => ({
    id: stableId("gcp", raw.id, u.at, u.text),
    status: gcpUpdateStatus(u.status, !open && index === sorted.length - 1),
    at: u.at,
    message: u.text ?? "",
    components: [],
  }));
  const state = open ? gcpImpactStatus(raw.status_impact) : "operational";
  return {
    id: raw.id,
    kind: "incident",
    title: raw.external_desc ?? raw.service_name ?? "",
    status: open ? (updates.at(-1)?.status ?? "investigating") : "resolved",
    impact: IMPACT[(raw.status_impact ?? "").trim().toUpperCase()] ?? "none",
    url: raw.uri ? webUrlOrNull(new URL(raw.uri, `${pageUrl.replace(/\/+$/, "")}/`).toString()) : null,
    startedAt: raw.begin ?? raw.created,
    scheduledFor: null,
    scheduledUntil: null,
    components: raw.affected_products.map((p) => ({ id: p.id, name: p.title ?? p.id, status: state })),
    updates,
  };
}

/** A product takes the worst state any open incident affecting it gives; none open → operational. */
export function mapGcpProducts(products: readonly GcpProduct[], incidents: readonly GcpIncident[]) {
  const known = new Map<string, GcpProduct>(products.map((p) => [p.id, p]));
  for (const i of incidents) for (const p of i.affected_products) if (!known.has(p.id)) known.set(p.id, p);
  return [...known.values()].map((p, position): ComponentSnapshot => {
    let status: ComponentStatus = "operational";
    let rawStatus = "AVAILABLE";
    for (const i of incidents) {
      if (i.end !== null || !i.affected_products.some((a) => a.id === p.id)) continue;
      const next = gcpImpactStatus(i.status_impact);
      if (WORST.indexOf(next) < WORST.indexOf(status)) [status, rawStatus] = [next, i.status_impact ?? ""];
    }
    return { id: p.id, name: p.title ?? p.id, group: null, position, status, rawStatus };
  });
}

export function mapGcp(pageUrl: string, products: readonly GcpProduct[], incidents: readonly GcpIncident[]) {
  const snapshot: Snapshot = {
    pageName: /appsstatus/.test(pageUrl) ? "Google Workspace" : "Google Cloud",
    components: mapGcpProducts(products, incidents),
    incidents: incidents.map((i) => mapGcpIncident(i, pageUrl)),
  };
  return snapshot;
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const get = (path: string) =>
    ctx.http.get(joinUrl(page.url, path), { cache: ctx.cache, accept: "application/json" });
  const [incidents, products] = await Promise.all([
    get(INCIDENTS_PATH),
    get(PRODUCTS_PATH).catch((error: unknown) => {
      if (isNotFound(error)) return null; // the incidents still name the products they affect
      throw error;
    }),
  ]);
  if (incidents.notModified && (products === null || products.notModified)) return { unchanged: true };
  const list = readJson(incidents, gcpIncidentsSchema, "Google Cloud incident list");
  const known = products ? readJson(products, gcpProductsSchema, "Google Cloud product list").products : [];
  return { unchanged: false, snapshot: mapGcp(page.url, known, list) };
}

async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const get = (path: string) => ctx.http.get(joinUrl(url, path), { accept: "application/json" });
    const [products, incidents] = await Promise.all([get(PRODUCTS_PATH), get(INCIDENTS_PATH)]);
    const p = z.object({ products: z.array(product).min(1) }).safeParse(parseJsonBody(products));
    if (!p.success || !gcpIncidentsSchema.safeParse(parseJsonBody(incidents)).success) return null;
    return {
      kind: "gcp",
      confidence: 0.95,
      evidence: `GET ${PRODUCTS_PATH} listed ${p.data.products.length} products and ${INCIDENTS_PATH} a Google status incident list`,
    };
  } catch {
    return null;
  }
}

export const gcp = definePlatform({
  kind: "gcp",
  tried: "/products.json and /incidents.json",
  detect,
  read,
});
