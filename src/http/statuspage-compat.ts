// The Statuspage v2 public API for every vendor, over Pingoru's normalized record:
// /vendors/:slug/api/v2/{summary,status,components,incidents,incidents/unresolved,
// scheduled-maintenances,scheduled-maintenances/upcoming,scheduled-maintenances/active}.json
import { Hono } from "hono";
import { etag } from "hono/etag";
import type { Context } from "hono";
import { isOpenIncident, type Incident, type IncidentKind } from "../domain/model.ts";
import type { Store } from "../store/store.ts";
import { publicBase } from "./public-base.ts";
import { isActive, isUpcoming, toComponents, toIncident, toPage, toStatus } from "./statuspage-shape.ts";
import { loadVendorStatus, type VendorStatus } from "./vendor-status.ts";
import type { Vendor } from "../domain/vendor.ts";

export interface StatuspageCompatDeps {
  store: Store;
  publicUrl?: string | null;
}

// Statuspage lists "the 50 most recent"; unresolved and upcoming ones sit at the top of that.
const RECENT = 50;
const CACHE = { "cache-control": "public, max-age=30", "access-control-allow-origin": "*" };

export function createStatuspageCompat({ store, publicUrl }: StatuspageCompatDeps): Hono {
  const api = new Hono();

  const route = (path: string, body: (ctx: CompatContext) => Promise<object> | object) =>
    api.get(`/vendors/:slug/api/v2/${path}`, etag(), async (c) => {
      const vendor = await store.getVendor(c.req.param("slug"));
      if (vendor === null) return c.json({ error: "not found" }, 404, CACHE);
      const ctx = new CompatContext(store, vendor, publicBase(c, publicUrl));
      return c.json({ page: ctx.page, ...(await body(ctx)) }, 200, CACHE);
    });

  route("summary.json", async (ctx) => {
    const [status, incidents, maintenances] = await Promise.all([
      ctx.status(),
      ctx.incidents("incident"),
      ctx.incidents("maintenance"),
    ]);
    return {
      components: toComponents(ctx.vendor, status.components),
      incidents: incidents.filter(isOpenIncident).map((i) => toIncident(i, status.components)),
      scheduled_maintenances: maintenances
        .filter((m) => isUpcoming(m) || isActive(m))
        .map((m) => toIncident(m, status.components)),
      status: toStatus(status.status),
    };
  });
  route("status.json", async (ctx) => ({ status: toStatus((await ctx.status()).status) }));
  route("components.json", async (ctx) => ({
    components: toComponents(ctx.vendor, (await ctx.status()).components),
  }));
  route("incidents.json", (ctx) => ctx.list("incidents", "incident", () => true));
  route("incidents/unresolved.json", (ctx) => ctx.list("incidents", "incident", isOpenIncident));
  route("scheduled-maintenances.json", (ctx) =>
    ctx.list("scheduled_maintenances", "maintenance", () => true),
  );
  route("scheduled-maintenances/upcoming.json", (ctx) =>
    ctx.list("scheduled_maintenances", "maintenance", isUpcoming),
  );
  route("scheduled-maintenances/active.json", (ctx) =>
    ctx.list("scheduled_maintenances", "maintenance", isActive),
  );

  // Statuspage clients link an incident as <page url>/incidents/<id>: send them to Pingoru's page.
  api.get("/vendors/:slug/incidents/:id", async (c: Context) => {
    const incident = await store.getIncident(c.req.param("id") ?? "");
    if (incident === null || incident.vendor !== c.req.param("slug")) return c.notFound();
    return c.redirect(`/incidents/${encodeURIComponent(incident.id)}`, 301);
  });
  return api;
}

/** What one request needs of the store, each read once. */
class CompatContext {
  readonly store: Store;
  readonly vendor: Vendor;
  readonly page: ReturnType<typeof toPage>;
  #status: Promise<VendorStatus> | null = null;

  constructor(store: Store, vendor: Vendor, base: string) {
    this.store = store;
    this.vendor = vendor;
    this.page = toPage(vendor, base);
  }

  status(): Promise<VendorStatus> {
    this.#status ??= loadVendorStatus(this.store, this.vendor);
    return this.#status;
  }

  async incidents(kind: IncidentKind): Promise<Incident[]> {
    return (await this.store.listIncidents(this.vendor.slug, { limit: RECENT, kind })).items;
  }

  async list(key: string, kind: IncidentKind, keep: (i: Incident) => boolean) {
    const [status, incidents] = await Promise.all([this.status(), this.incidents(kind)]);
    return { [key]: incidents.filter(keep).map((i) => toIncident(i, status.components)) };
  }
}
