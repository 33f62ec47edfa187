// Routes of the server-rendered pages.

import { Hono } from "hono";
import type { Store } from "../../store/store.ts";
import { parseCursor, parseDeliveryStatus } from "../query.ts";
import { loadAllVendorStatuses } from "../vendor-status.ts";
import { applyDashboardFilter, listCategories, parseDashboardFilter } from "./dashboard-filter.ts";
import { dashboardNow } from "./dashboard-now.ts";
import { createDashboardLoader } from "./dashboard-record.ts";
import { deliveriesPage } from "./deliveries-page.ts";
import { errorPage } from "./error-page.ts";
import type { HealthSource } from "../health.ts";
import { homePage } from "./home-page.ts";
import { incidentPage } from "./incident-page.ts";
import { createVendorRoutes } from "./vendor-route.ts";

export interface PageDeps {
  store: Store;
  now: () => Date;
  pollIntervalSeconds: number;
  health?: HealthSource | undefined;
}

const DELIVERIES_PAGE_SIZE = 50;
// The dashboard reloads about once per poll, never more than every 10 seconds.
const MIN_REFRESH_SECONDS = 10;

export function createPages({ store, now, pollIntervalSeconds, health }: PageDeps): Hono {
  const pages = new Hono();

  const loadRecord = createDashboardLoader(store);
  /** The vendors the query's filter shows and, of the record, what concerns them. */
  const loadDashboard = async (query: Record<string, string>, at: Date) => {
    const statuses = await loadAllVendorStatuses(store);
    const filter = parseDashboardFilter(query);
    const shown = applyDashboardFilter(statuses, filter);
    const record = await loadRecord(
      statuses.map((s) => s.vendor),
      at,
    );
    const names = new Map(shown.map((s) => [s.vendor.slug, s.vendor.name]));
    const incidents = {
      open: record.open.filter((i) => names.has(i.vendor)),
      recent: record.recent.filter((i) => names.has(i.vendor)),
      names,
    };
    return { statuses, filter, shown, incidents, bars: record.bars };
  };

  pages.get("/", async (c) => {
    const at = now();
    const { statuses, filter, shown, incidents, bars } = await loadDashboard(c.req.query(), at);
    return c.html(
      homePage({
        shown,
        total: statuses.length,
        filter,
        categories: listCategories(statuses),
        incidents,
        bars,
        now: at,
        refreshSeconds: Math.max(MIN_REFRESH_SECONDS, Math.round(pollIntervalSeconds)),
        pace: health?.().poller ?? null,
      }),
    );
  });

  /** The dashboard's live part alone, for /live.js to swap in (an HTML fragment, no layout). */
  pages.get("/now", async (c) => {
    const at = now();
    const { incidents } = await loadDashboard(c.req.query(), at);
    c.header("cache-control", "no-cache");
    return c.html(dashboardNow({ ...incidents, now: at }));
  });

  const vendor = createVendorRoutes(store, now);
  pages.get("/vendors/:slug", vendor.page);
  pages.get("/vendors/:slug/now", vendor.now);

  pages.get("/incidents/:id", async (c) => {
    const incident = await store.getIncident(c.req.param("id"));
    if (incident === null) {
      return c.html(errorPage("Incident not found", "No incident is recorded under that id."), 404);
    }
    const vendor = await store.getVendor(incident.vendor);
    return c.html(incidentPage(incident, vendor, now()));
  });

  pages.get("/deliveries", async (c) => {
    const status = parseDeliveryStatus(c.req.query("status"));
    const subscription = parseCursor(c.req.query("subscription"));
    const before = parseCursor(c.req.query("before"));
    const [page, channels] = await Promise.all([
      store.listDeliveries({ limit: DELIVERIES_PAGE_SIZE, before, status, subscription }),
      store.listChannels(),
    ]);
    return c.html(
      deliveriesPage({ page, channels, status, subscription, paged: before !== null, now: now() }),
    );
  });

  return pages;
}
