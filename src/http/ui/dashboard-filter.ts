// The dashboard's search, filters and order: pure, over the vendors' current statuses.

import { COMPONENT_STATUSES } from "../../domain/model.ts";
import type { ComponentStatus } from "../../domain/model.ts";
import type { VendorStatus } from "../vendor-status.ts";
import type { Vendor } from "../../domain/vendor.ts";

/** "problems": anything not plainly fine (not operational, stale, or with open incidents). */
export const STATUS_FILTERS = ["problems", ...COMPONENT_STATUSES, "stale"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface DashboardFilter {
  /** Case-insensitive part of the name or slug; "" for all. */
  q: string;
  status: StatusFilter | null;
  /** A vendor category, once vendors have one; null for all. */
  category: string | null;
}

/** Worst first; the live script sorts with the same numbers (data-severity). */
export const SEVERITY_ORDER: Record<ComponentStatus, number> = {
  major_outage: 5,
  partial_outage: 4,
  degraded_performance: 3,
  under_maintenance: 2,
  unknown: 1,
  operational: 0,
};

/** Lenient: an unknown status or an empty field means "no filter", so a hand-edited URL still works. */
export function parseDashboardFilter(query: Record<string, string | undefined>): DashboardFilter {
  const status = STATUS_FILTERS.find((s) => s === query.status) ?? null;
  const category = query.category?.trim() || null;
  return { q: (query.q ?? "").trim().slice(0, 200), status, category };
}

export function categoryOf(vendor: Vendor): string | null {
  return vendor.category ?? null;
}

/** The filter as a query string ("?q=git&category=cloud"), "" for none: links keep it. */
export function filterQuery(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  if (filter.q !== "") params.set("q", filter.q);
  if (filter.status !== null) params.set("status", filter.status);
  if (filter.category !== null) params.set("category", filter.category);
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
}

/** What the vendor alone answers: the name and the category, not the status. */
export function matchesVendor(vendor: Vendor, filter: DashboardFilter): boolean {
  const q = filter.q.toLowerCase();
  if (q !== "" && !vendor.name.toLowerCase().includes(q) && !vendor.slug.includes(q)) return false;
  return filter.category === null || categoryOf(vendor) === filter.category;
}

export function matchesFilter(s: VendorStatus, filter: DashboardFilter): boolean {
  if (!matchesVendor(s.vendor, filter)) return false;
  switch (filter.status) {
    case null:
      return true;
    case "problems":
      return s.status !== "operational" || s.vendor.stale || s.vendor.openIncidents > 0;
    case "stale":
      return s.vendor.stale;
    default:
      return s.status === filter.status;
  }
}

/** Vendors with open incidents first, then the worst status, then by name. */
export function compareVendors(a: VendorStatus, b: VendorStatus): number {
  const open = Number(b.vendor.openIncidents > 0) - Number(a.vendor.openIncidents > 0);
  if (open !== 0) return open;
  const worse = SEVERITY_ORDER[b.status] - SEVERITY_ORDER[a.status];
  if (worse !== 0) return worse;
  return a.vendor.name.localeCompare(b.vendor.name, "en", { sensitivity: "base" });
}

export function applyDashboardFilter(
  statuses: readonly VendorStatus[],
  filter: DashboardFilter,
): VendorStatus[] {
  return statuses.filter((s) => matchesFilter(s, filter)).sort(compareVendors);
}

export interface CategoryCount {
  category: string;
  vendors: number;
  /** Vendors in it that the "problems" filter shows. */
  problems: number;
}

/** The distinct categories, sorted, with their vendors; empty while vendors have none. */
export function listCategories(statuses: readonly VendorStatus[]): CategoryCount[] {
  const counts = new Map<string, CategoryCount>();
  const problems: DashboardFilter = { q: "", status: "problems", category: null };
  for (const s of statuses) {
    const category = categoryOf(s.vendor);
    if (category === null) continue;
    const count = counts.get(category) ?? { category, vendors: 0, problems: 0 };
    count.vendors++;
    if (matchesFilter(s, problems)) count.problems++;
    counts.set(category, count);
  }
  return [...counts.values()].sort((a, b) => a.category.localeCompare(b.category));
}
