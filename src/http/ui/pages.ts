// Routes of the server-rendered pages.

import { Hono } from "hono";
import type { Store } from "../../store/store.ts";
import { parseCursor, parseDeliveryStatus } from "../query.ts";
import { createDashboardRoutes } from "./dashboard-route.ts";
import { deliveriesPage } from "./deliveries-page.ts";
import { errorPage } from "./error-page.ts";
import type { HealthSource } from "../health.ts";
import { incidentPage } from "./incident-page.ts";
import { loadOutages, parseOutageFilter } from "../outage-query.ts";
import { outagesPage } from "./outages-page.ts";
import { slaPage } from "./sla-page.ts";
import { loadSlaMonth } from "../sla-export.ts";
import { loadIncidentRevisions } from "../revision-marks.ts";
import { createVendorRoutes } from "./vendor-route.ts";
import { parseStatsQuery } from "../stats-load.ts";
import type { StatsLoader } from "../stats-loader.ts";
import { statsPage } from "./stats-page.ts";
import { leaderboardPage } from "./leaderboard-page.ts";

export interface PageDeps {
  store: Store;
  now: () => Date;
  pollIntervalSeconds: number;
  health?: HealthSource | undefined;
  /** The figures' loader, shared with GET /api/v1/stats (one load at a time across both). */
  stats: StatsLoader;
}

const DELIVERIES_PAGE_SIZE = 50;
const OUTAGES_PAGE_SIZE = 50;

/** The delivery log page (served at /admin/deliveries, behind the admin sign-in). */
export async function renderDeliveriesPage(
  store: Store,
  now: Date,
  query: (name: string) => string | undefined,
) {
  const status = parseDeliveryStatus(query("status"));
  const subscription = parseCursor(query("subscription"));
  const before = parseCursor(query("before"));
  const [page, channels] = await Promise.all([
    store.listDeliveries({ limit: DELIVERIES_PAGE_SIZE, before, status, subscription }),
    store.listChannels(),
  ]);
  return deliveriesPage({ page, channels, status, subscription, paged: before !== null, now });
}

export function createPages({ store, now, pollIntervalSeconds, health, stats }: PageDeps): Hono {
  const pages = new Hono();

  const dashboard = createDashboardRoutes({ store, now, pollIntervalSeconds, health });
  pages.get("/", dashboard.page);
  pages.get("/now", dashboard.now);

  const vendor = createVendorRoutes(store, now);
  pages.get("/vendors/:slug", vendor.page);
  pages.get("/vendors/:slug/now", vendor.now);

  pages.get("/incidents", async (c) => {
    const filter = parseOutageFilter(c.req.queries());
    const before = parseCursor(c.req.query("before"));
    const [history, vendors, components] = await Promise.all([
      loadOutages(store, filter, OUTAGES_PAGE_SIZE, before),
      store.listVendors(),
      store.listAllComponents(),
    ]);
    const componentNames = [...new Set([...components.values()].flat().map((x) => x.name))].sort();
    const page = outagesPage({
      vendors,
      componentNames,
      history,
      filter,
      paged: before !== null,
      now: now(),
    });
    return c.html(page);
  });

  pages.get("/sla", async (c) => {
    const at = now();
    const month = c.req.query("month") || at.toISOString().slice(0, 7);
    const [items, vendors] = await Promise.all([loadSlaMonth(store, month, at), store.listVendors()]);
    const ids = [...new Set(items.flatMap((i) => i.incidentIds))];
    const incidents = (await Promise.all(ids.map((id) => store.getIncident(id)))).filter((i) => i !== null);
    const names = new Map(vendors.map((v) => [v.slug, v.name]));
    return c.html(slaPage({ month, items, names, incidents: new Map(incidents.map((i) => [i.id, i])) }));
  });

  pages.get("/stats", async (c) => {
    const at = now();
    const query = parseStatsQuery(c.req.queries(), at);
    const [report, vendors] = await Promise.all([stats.load(query, at), store.listVendors()]);
    return c.html(statsPage({ report, vendors, chosen: query.vendors }));
  });

  pages.get("/leaderboard", async (c) => {
    const at = now();
    return c.html(leaderboardPage(await stats.load(parseStatsQuery(c.req.queries(), at), at)));
  });

  pages.get("/incidents/:id", async (c) => {
    const incident = await store.getIncident(c.req.param("id"));
    if (incident === null) {
      return c.html(errorPage("Incident not found", "No incident is recorded under that id."), 404);
    }
    const [vendor, revisions] = await Promise.all([
      store.getVendor(incident.vendor),
      loadIncidentRevisions(store, incident),
    ]);
    return c.html(incidentPage(incident, vendor, now(), revisions));
  });

  // The delivery log names channels and receivers: it is behind the admin sign-in now.
  pages.get("/deliveries", (c) => c.redirect(`/admin/deliveries${new URL(c.req.url).search}`, 308));

  return pages;
}
