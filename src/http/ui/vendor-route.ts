// "/vendors/:slug": loads the vendor, its history page and its insights, and renders the page.
// Rendered pages are kept briefly: a page is reused while the vendor's row (every poll, failure or edit
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
import { vendorPage } from "./vendor-page.ts";

const HISTORY_PAGE_SIZE = 25;
const CLOCK_MS = 10_000;

export function createVendorRoute(store: Store, now: () => Date) {
  const loadInsights = createInsightsLoader(store);
  const renderText = createTextRenderer();
  const rendered = createPageCache();

  return async (c: Context) => {
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
    const filter = parseIncidentFilter(c.req.query());
    const before = parseCursor(c.req.query("before"));
    const [status, history] = await Promise.all([
      loadVendorStatus(store, vendor),
      store.listIncidents(vendor.slug, incidentQuery(filter, HISTORY_PAGE_SIZE, before)),
    ]);
    const insights = await loadInsights(status, at);
    const page = vendorPage({
      status,
      insights,
      history,
      filter,
      paged: before !== null,
      now: at,
      renderText,
    });
    return sendPage(c, rendered.put(key, String(await page)));
  };
}
