// "/" and its live part "/now": the vendors the filter shows, with their statuses, 90-day bars and
// open and recent incidents (dashboard-record.ts), rendered by home-page.ts and dashboard-now.ts.

import type { Context } from "hono";
import type { Vendor } from "../../domain/vendor.ts";
import { loadAllVendorStatuses, type VendorStatus } from "../vendor-status.ts";
import {
  applyDashboardFilter,
  listCategories,
  matchesVendor,
  parseDashboardFilter,
} from "./dashboard-filter.ts";
import { dashboardNow } from "./dashboard-now.ts";
import { createDashboardLoader } from "./dashboard-record.ts";
import { homePage } from "./home-page.ts";
import { pageOf, sendPage } from "./page-cache.ts";
import type { PageDeps } from "./pages.ts";

// The dashboard reloads about once per poll, never more than every 10 seconds.
const MIN_REFRESH_SECONDS = 10;

export function createDashboardRoutes({ store, now, pollIntervalSeconds, health }: Omit<PageDeps, "stats">) {
  const loadRecord = createDashboardLoader(store);
  /** Of the record, what concerns the vendors shown. */
  const incidentsOf = async (vendors: Vendor[], shown: readonly Vendor[], at: Date) => {
    const record = await loadRecord(vendors, at);
    const names = new Map(shown.map((v) => [v.slug, v.name]));
    const open = record.open.filter((i) => names.has(i.vendor));
    const recent = record.recent.filter((i) => names.has(i.vendor));
    return { incidents: { open, recent, names }, bars: record.bars };
  };

  const page = async (c: Context) => {
    const at = now();
    const statuses = await loadAllVendorStatuses(store);
    const filter = parseDashboardFilter(c.req.query());
    const shown = applyDashboardFilter(statuses, filter);
    const vendors = (list: VendorStatus[]) => list.map((s) => s.vendor);
    const { incidents, bars } = await incidentsOf(vendors(statuses), vendors(shown), at);
    // Sent as the vendor page is (ETag, gzip): a thousand vendors' rows and bars are a few MB of HTML.
    const html = await homePage({
      shown,
      total: statuses.length,
      filter,
      categories: listCategories(statuses),
      incidents,
      bars,
      now: at,
      refreshSeconds: Math.max(MIN_REFRESH_SECONDS, Math.round(pollIntervalSeconds)),
      pace: health?.().poller ?? null,
      pending: health?.().pendingVendors ?? [],
    });
    return sendPage(c, pageOf(String(html)));
  };

  /** The dashboard's live part alone, for /live.js to swap in (an HTML fragment, no layout). */
  const fragment = async (c: Context) => {
    const at = now();
    const filter = parseDashboardFilter(c.req.query());
    // Statuses cost a query per vendor: only a status filter needs them.
    const statuses = filter.status === null ? null : await loadAllVendorStatuses(store);
    const vendors = statuses?.map((s) => s.vendor) ?? (await store.listVendors());
    const shown = statuses
      ? applyDashboardFilter(statuses, filter).map((s) => s.vendor)
      : vendors.filter((v) => matchesVendor(v, filter));
    const { incidents } = await incidentsOf(vendors, shown, at);
    c.header("cache-control", "no-cache");
    return c.html(dashboardNow({ ...incidents, now: at }));
  };

  return { page, now: fragment };
}
