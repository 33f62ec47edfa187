// Loads what the vendor page's uptime bars and figures need and derives them (domain/uptime.ts,
// domain/stats.ts). Cached per vendor until the event stream moves on or the minute changes, so a
// busy page does not re-read a year of incidents on every request.

import type { Iso } from "../../domain/model.ts";
import { gradeVendor, type GradeResult } from "../../domain/grade.ts";
import { figuresSince, statIncident, summariseSamples, type StatFigures } from "../../domain/stats.ts";
import { computeUptime, historyStart, type ComponentUptime } from "../../domain/uptime.ts";
import { groupDays, parseUptimeRange, type UptimeRange } from "./uptime-range.ts";
import type { Store } from "../../store/store.ts";
import { vendorSamples } from "../stats-load.ts";
import { allIncidents } from "../uptime-load.ts";
import type { VendorStatus } from "../vendor-status.ts";

export interface VendorInsights {
  uptime: Map<string, ComponentUptime>;
  /** The last 12 months' figures (domain/stats.ts) and the grade they earn. */
  figures: StatFigures;
  grade: GradeResult;
  /** Where the record begins (see historyStart). */
  coverageStart: Iso | null;
  /** The bars' window (90 days unless the page asks for another). */
  range: UptimeRange;
}

const DAY_MS = 86_400_000;

export type InsightsLoader = (
  status: VendorStatus,
  now: Date,
  range?: UptimeRange,
) => Promise<VendorInsights>;

export function createInsightsLoader(store: Store): InsightsLoader {
  const cache = new Map<string, { key: string; value: Promise<VendorInsights> }>();
  return async (status, now, range = parseUptimeRange({}, now)) => {
    const slug = status.vendor.slug;
    const key = `${await store.latestEventCursor()}|${Math.floor(now.getTime() / 60_000)}|${status.vendor.baselineAt}|${range.query}`;
    const hit = cache.get(slug);
    if (hit?.key === key) return hit.value;
    const value = loadInsights(store, status, now, range);
    cache.set(slug, { key, value });
    // A failed load is not remembered (unless a newer one already replaced it).
    value.catch(() => cache.get(slug)?.value === value && cache.delete(slug));
    return value;
  };
}

async function loadInsights(
  store: Store,
  { vendor, components }: VendorStatus,
  now: Date,
  range: UptimeRange,
): Promise<VendorInsights> {
  const windowStart = new Date(
    (Math.floor(range.end.getTime() / DAY_MS) - (range.days - 1)) * DAY_MS,
  ).toISOString();
  const since = figuresSince(now) < windowStart ? figuresSince(now) : windowStart;
  const [incidents, changes, older, weight] = await Promise.all([
    allIncidents(store, vendor.slug, since),
    store.listComponentChanges(vendor.slug, windowStart, range.end.toISOString()),
    store.listIncidents(vendor.slug, { limit: 1, until: since }),
    store.partialOutageWeight(vendor.slug),
  ]);
  const earliest = older.items[0]?.startedAt ?? incidents.map((i) => i.startedAt).sort()[0] ?? null;
  const coverageStart = historyStart(vendor.baselineAt, earliest);
  const uptime = computeUptime({
    components,
    incidents,
    changes,
    coverageStart,
    now: range.end,
    days: range.days,
    partialOutageWeight: weight ?? undefined,
  });
  const window = { from: new Date(figuresSince(now)), to: now, now };
  const figures = summariseSamples(
    await vendorSamples(store, vendor.slug, incidents.map(statIncident), window),
  );
  return {
    uptime: new Map(uptime.map((u) => [u.componentId, { ...u, days: groupDays(u.days, range.bucket) }])),
    figures,
    grade: gradeVendor(figures),
    coverageStart,
    range,
  };
}
