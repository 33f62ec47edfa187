// The JSON API of DESIGN §4, read-only over the stored record.

import { Hono } from "hono";
import type { Context } from "hono";
import type { Incident } from "../domain/model.ts";
import type { Page, Store } from "../store/store.ts";
import { exportResponse, parseExportFormat } from "./export-stream.ts";
import { openIncidentExport } from "./incident-export.ts";
import { loadOutages, parseOutageFilter, vendorNames } from "./outage-query.ts";
import {
  incidentQuery,
  parseCursor,
  parseDeliveryStatus,
  parseEventTypes,
  parseIncidentFilter,
  parseLimit,
} from "./query.ts";
import {
  serializeComponent,
  serializeDelivery,
  serializeEvent,
  serializeIncident,
  serializeRevision,
  serializeVendor,
} from "../domain/api-json.ts";
import { loadIncidentRevisions, loadRevisionMarks } from "./revision-marks.ts";
import { loadAllVendorStatuses, loadVendorStatus } from "./vendor-status.ts";

export function createApi(store: Store): Hono {
  const api = new Hono();

  api.get("/vendors", async (c) => {
    const statuses = await loadAllVendorStatuses(store);
    return c.json(statuses.map((s) => serializeVendor(s.vendor, s.status)));
  });

  api.get("/vendors/:slug", async (c) => {
    const vendor = await store.getVendor(c.req.param("slug"));
    if (vendor === null) return notFound(c, "vendor", c.req.param("slug"));
    const { status, components } = await loadVendorStatus(store, vendor);
    return c.json({ ...serializeVendor(vendor, status), components: components.map(serializeComponent) });
  });

  api.get("/vendors/:slug/incidents", async (c) => {
    const slug = c.req.param("slug");
    // The vendor page's history filters; `next` pages on within them when they are sent again with it.
    const filter = parseIncidentFilter(c.req.query());
    if ((await store.getVendor(slug)) === null) return notFound(c, "vendor", slug);
    const limit = parseLimit(c.req.query("limit"));
    const page = await store.listIncidents(
      slug,
      incidentQuery(filter, limit, parseCursor(c.req.query("before"))),
    );
    return c.json(await incidentsJson(store, page));
  });

  // The outage history across vendors (outage-query.ts): the same page shape and cursor; with a format,
  // every incident the filters match as one streamed file (incident-export.ts), limit and before aside.
  api.get("/incidents", async (c) => {
    const filter = parseOutageFilter(c.req.queries());
    const format = parseExportFormat(c.req.query("format"));
    if (format !== null)
      return exportResponse(c, format, await openIncidentExport(store, filter, format), "incidents");
    const limit = parseLimit(c.req.query("limit"));
    const page = await loadOutages(store, filter, limit, parseCursor(c.req.query("before")));
    const { incidents, next } = await incidentsJson(store, page);
    const names = await vendorNames(store)(page.items.map((i) => i.vendor));
    // Across vendors each incident names its vendor in full: {slug, name} in place of the slug.
    return c.json({
      incidents: incidents.map((i) => ({ ...i, vendor: { slug: i.vendor, name: names.get(i.vendor)! } })),
      next,
    });
  });

  api.get("/incidents/:id", async (c) => {
    const incident = await store.getIncident(c.req.param("id"));
    if (incident === null) return notFound(c, "incident", c.req.param("id"));
    const marks = await loadRevisionMarks(store, [incident]);
    return c.json(serializeIncident(incident, marks.get(incident.id)));
  });

  api.get("/incidents/:id/revisions", async (c) => {
    const incident = await store.getIncident(c.req.param("id"));
    if (incident === null) return notFound(c, "incident", c.req.param("id"));
    const revisions = await loadIncidentRevisions(store, incident);
    return c.json({ incident_id: incident.id, revisions: revisions.map(serializeRevision) });
  });

  api.get("/events", async (c) => {
    const page = await store.listEvents({
      limit: parseLimit(c.req.query("limit")),
      after: parseCursor(c.req.query("after")),
      vendor: parseCursor(c.req.query("vendor")),
      types: parseEventTypes(c.req.queries("type")),
    });
    return c.json({ events: page.items.map(serializeEvent), next: page.next });
  });

  // The delivery log names channels and receivers: it is admin-only now, under /api/v1/admin.
  api.get("/deliveries", (c) => c.redirect(`/api/v1/admin/deliveries${querySuffix(c.req.url)}`, 308));

  return api;
}

/** The delivery log as GET /api/v1/admin/deliveries answers it (filters and cursor from the query). */
export async function deliveriesJson(store: Store, query: (name: string) => string | undefined) {
  const [page, disabled] = await Promise.all([
    store.listDeliveries({
      limit: parseLimit(query("limit")),
      before: parseCursor(query("before")),
      subscription: parseCursor(query("subscription")),
      status: parseDeliveryStatus(query("status")),
    }),
    disabledChannels(store),
  ]);
  return {
    deliveries: page.items.map((d) => serializeDelivery(d, disabled.get(d.channel) ?? null)),
    next: page.next,
  };
}

async function incidentsJson(store: Store, page: Page<Incident>) {
  const marks = await loadRevisionMarks(store, page.items);
  return { incidents: page.items.map((i) => serializeIncident(i, marks.get(i.id))), next: page.next };
}

/** "?a=b" of a request URL, or "". */
export function querySuffix(url: string): string {
  return new URL(url).search;
}

/** Channel id → why it is disabled, for the channels that are. */
export async function disabledChannels(store: Store): Promise<Map<string, string>> {
  const channels = await store.listChannels();
  return new Map(channels.flatMap((c) => (c.disabledReason === null ? [] : [[c.id, c.disabledReason]])));
}

function notFound(c: Context, what: string, key: string) {
  return c.json({ error: `no ${what} ${JSON.stringify(key)}` }, 404);
}
