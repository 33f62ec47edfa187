// The outage history's filters (GET /incidents and GET /api/v1/incidents): the vendor history's
// (query.ts) across every vendor, plus vendor (one or more), category, minimum impact and text.
// `component` is a component's name here (ids are each vendor's own); `at` is from = to = that instant.

import { CATEGORIES, type Category } from "../catalog/categories.ts";
import type { Impact, Incident } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import type { AllIncidentQuery, Page, Store } from "../store/store.ts";
import {
  incidentQuery,
  parseCursor,
  parseIncidentFilter,
  parseWindow,
  type IncidentFilter,
} from "./query.ts";

/** The impacts in rank order: `impact=major` means major or critical. */
export const RANKED_IMPACTS = ["none", "minor", "major", "critical"] as const satisfies readonly Impact[];
export type RankedImpact = (typeof RANKED_IMPACTS)[number];

export interface OutageFilter extends IncidentFilter {
  /** Vendor slugs; empty: every vendor. */
  vendor: string[];
  category: Category | null;
  /** The least impact shown (none: any). */
  impact: RankedImpact | null;
  /** Text in the title or any update. */
  q: string | null;
}

/** Every parameter the filter reads, as the OpenAPI document lists them. */
export const OUTAGE_FILTER_PARAMS = [
  "vendor",
  "category",
  "component",
  "kind",
  "impact",
  "status",
  "from",
  "to",
  "at",
  "q",
] as const;

const MAX_TEXT = 200;

/** A request's query (each name with all its values) → the filter; bad values are input errors (400). */
export function parseOutageFilter(query: Record<string, string[] | undefined>): OutageFilter {
  const one = (name: string) => query[name]?.[0];
  const at = parseCursor(one("at"));
  if (at !== null && (parseCursor(one("from")) ?? parseCursor(one("to"))) !== null)
    throw new PingoruError("input", "at is one instant: give either at, or from and to");
  const base = parseIncidentFilter({ kind: one("kind"), status: one("status") });
  return {
    vendor: [...new Set((query.vendor ?? []).flatMap((v) => v.split(",")).filter((v) => v !== ""))],
    category: pick("category", CATEGORIES, one("category")),
    ...base,
    component: text("component", one("component")),
    impact: pick("impact", RANKED_IMPACTS, one("impact")),
    ...(at === null ? parseWindow(one("from"), one("to")) : parseWindow(at, at)),
    q: text("q", one("q")),
  };
}

/** The store query for one page of the filtered history. */
export function outageQuery(filter: OutageFilter, limit: number, before: string | null): AllIncidentQuery {
  const rank = filter.impact === null ? 0 : RANKED_IMPACTS.indexOf(filter.impact);
  return {
    ...incidentQuery({ ...filter, component: null }, limit, before),
    vendors: filter.vendor.length === 0 ? null : filter.vendor,
    category: filter.category,
    componentName: filter.component,
    impacts: rank === 0 ? null : RANKED_IMPACTS.slice(rank),
    text: filter.q,
  };
}

/** One page of the outage history; a vendor that is not watched is bad input, not an empty list. */
export async function loadOutages(
  store: Store,
  filter: OutageFilter,
  limit: number,
  before: string | null,
): Promise<Page<Incident>> {
  await checkOutageVendors(store, filter);
  return store.listAllIncidents(outageQuery(filter, limit, before));
}

/** Refuses a filter naming a vendor that is not watched (bad input). */
export async function checkOutageVendors(store: Store, filter: Pick<OutageFilter, "vendor">): Promise<void> {
  if (filter.vendor.length === 0) return;
  const known = new Set((await store.listVendors()).map((v) => v.slug));
  const unknown = filter.vendor.find((slug) => !known.has(slug));
  if (unknown !== undefined)
    throw new PingoruError("input", `vendor: no vendor ${JSON.stringify(unknown.slice(0, 60))}`);
}

/** Slug → name, each vendor read once as pages come; one no longer stored keeps its slug. */
export function vendorNames(
  store: Store,
): (slugs: readonly string[]) => Promise<ReadonlyMap<string, string>> {
  const names = new Map<string, string>();
  return async (slugs) => {
    for (const slug of new Set(slugs))
      if (!names.has(slug)) names.set(slug, (await store.getVendor(slug))?.name ?? slug);
    return names;
  };
}

function pick<T extends string>(name: string, allowed: readonly T[], value: string | undefined): T | null {
  if (value === undefined || value === "") return null;
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new PingoruError(
      "input",
      `${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  return found;
}

function text(name: string, value: string | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed.length > MAX_TEXT)
    throw new PingoruError("input", `${name} must be at most ${MAX_TEXT} characters`);
  return trimmed === "" ? null : trimmed;
}
