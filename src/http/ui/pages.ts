// Routes of the server-rendered pages.

import { Hono } from "hono";
import type { Store } from "../../store/store.ts";
import { parseCursor, parseDeliveryStatus } from "../query.ts";
import { createDashboardRoutes } from "./dashboard-route.ts";
import { deliveriesPage } from "./deliveries-page.ts";
import { errorPage } from "./error-page.ts";
import type { HealthSource } from "../health.ts";
import { incidentPage } from "./incident-page.ts";
import { createVendorRoutes } from "./vendor-route.ts";

export interface PageDeps {
  store: Store;
  now: () => Date;
  pollIntervalSeconds: number;
  health?: HealthSource | undefined;
}

const DELIVERIES_PAGE_SIZE = 50;

export function createPages({ store, now, pollIntervalSeconds, health }: PageDeps): Hono {
  const pages = new Hono();

  const dashboard = createDashboardRoutes({ store, now, pollIntervalSeconds, health });
  pages.get("/", dashboard.page);
  pages.get("/now", dashboard.now);

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
