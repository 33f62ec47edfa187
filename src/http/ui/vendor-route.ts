// "/vendors/:slug" and its live part "/vendors/:slug/now": load the vendor, its open incidents, its
// insights and (for the page) a history page, and render.
// Rendered answers are kept briefly: one is reused while the vendor's row (every poll, failure or edit
// changes it), the event stream (every change to its record adds events) and the 10-second clock stay
// the same, so a busy page costs two tiny queries instead of a render.

import type { Context } from "hono";
import type { Store } from "../../store/store.ts";
import { incidentQuery, parseCursor, parseIncidentFilter } from "../query.ts";
import { loadVendorStatus } from "../vendor-status.ts";
import { errorPage } from "./error-page.ts";
import { createPageCache, sendPage } from "./page-cache.ts";
import { createTextRenderer } from "./text-cache.ts";
import { createInsightsLoader } from "./vendor-insights.ts";
import { OPEN_SHOWN, vendorNow } from "./vendor-now.ts";
import { vendorPage } from "./vendor-page.ts";
import { parseUptimeRange, type UptimeRange } from "./uptime-range.ts";
import type { Vendor } from "../../domain/vendor.ts";
import { isMaintenanceInProgress, maintenanceWindow } from "../../domain/maintenance.ts";

const HISTORY_PAGE_SIZE = 25;
const CLOCK_MS = 10_000;

type Render = (c: Context, vendor: Vendor, at: Date) => Promise<string>;

export function createVendorRoutes(store: Store, now: () => Date) {
  const loadInsights = createInsightsLoader(store);
  const renderText = createTextRenderer();
  const rendered = createPageCache();

  const cached = (render: Render) => async (c: Context) => {
    const slug = c.req.param("slug") ?? "";
    const at = now();
    const [version, cursor] = await Promise.all([store.getVendorVersion(slug), store.latestEventCursor()]);
    const key = `${c.req.url}|${cursor}|${Math.floor(at.getTime() / CLOCK_MS)}|${version}`;
    const hit = version === null ? undefined : rendered.get(key);
    if (hit !== undefined) return sendPage(c, hit);

    const vendor = await store.getVendor(slug);
    if (vendor === null) {
      return c.html(errorPage("Vendor not found", "No vendor is watched under that name."), 404);
    }
    return sendPage(c, rendered.put(key, await render(c, vendor, at)));
  };

  /** What both the page and its live part show: the status, open incidents and insights. */
  const loadNow = async (vendor: Vendor, at: Date, range: UptimeRange) => {
    const [status, open, maintenances] = await Promise.all([
      loadVendorStatus(store, vendor),
      store.listIncidents(vendor.slug, { limit: OPEN_SHOWN, kind: "incident", status: "open" }),
      store.listIncidents(vendor.slug, { limit: OPEN_SHOWN, kind: "maintenance", status: "open" }),
    ]);
    const insights = await loadInsights(status, at, range);
    const expected = maintenances.items
      .filter((m) => isMaintenanceInProgress(m, at.toISOString()))
      .map((m) => maintenanceWindow(m.title, [...m.affectedComponents, ...m.listedOperational]));
    return { status, insights, open: open.items, now: at, expected };
  };

  return {
    page: cached(async (c, vendor, at) => {
      const filter = parseIncidentFilter(c.req.query());
      const before = parseCursor(c.req.query("before"));
      const [current, history] = await Promise.all([
        loadNow(vendor, at, parseUptimeRange(c.req.query(), at)),
        store.listIncidents(vendor.slug, incidentQuery(filter, HISTORY_PAGE_SIZE, before)),
      ]);
      const page = vendorPage({ ...current, history, filter, paged: before !== null, renderText });
      return String(await page);
    }),
    /** The page's live region alone, for /live.js to swap in (an HTML fragment, no layout). */
    now: cached(async (c, vendor, at) =>
      String(await vendorNow(await loadNow(vendor, at, parseUptimeRange(c.req.query(), at)))),
    ),
  };
}
