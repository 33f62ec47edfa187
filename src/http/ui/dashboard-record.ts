// What the dashboard shows of every vendor's record: open incidents, the last 7 days' incidents and a
// 90-day bar per vendor (domain/uptime.ts). Two queries however many vendors there are (no updates
// read), kept until the event stream moves on or the minute changes; where each vendor's record
// begins is read again only when a vendor is added or read for the first time.

import { isOpenIncident, type Iso } from "../../domain/model.ts";
import { computeVendorDays, historyStart, UPTIME_DAYS, type UptimeDay } from "../../domain/uptime.ts";
import type { Vendor } from "../../domain/vendor.ts";
import type { IncidentSummary, Store } from "../../store/store.ts";

export interface DashboardRecord {
  /** Incidents (not maintenances) still open, newest first. */
  open: IncidentSummary[];
  /** Incidents no longer open that started or ended in the last RECENT_DAYS days, newest first. */
  recent: IncidentSummary[];
  /** Each vendor's last 90 UTC days, oldest first. */
  bars: Map<string, UptimeDay[]>;
}

export const RECENT_DAYS = 7;
const DAY_MS = 86_400_000;

export type DashboardLoader = (vendors: readonly Vendor[], now: Date) => Promise<DashboardRecord>;

export function createDashboardLoader(store: Store): DashboardLoader {
  const records = lastOne<DashboardRecord>();
  // Where records begin moves only when history is loaded, at a vendor's first read (its baseline).
  const firstStarts = lastOne<Map<string, Iso>>();
  return async (vendors, now) => {
    const baselines = vendors.map((v) => `${v.slug}@${v.baselineAt ?? ""}`).join(" ");
    const key = `${await store.latestEventCursor()}|${Math.floor(now.getTime() / 60_000)}|${baselines}`;
    return records(key, async () => {
      const since = new Date((Math.floor(now.getTime() / DAY_MS) - (UPTIME_DAYS - 1)) * DAY_MS);
      const [incidents, starts] = await Promise.all([
        store.listIncidentSummaries(since.toISOString()),
        firstStarts(baselines, () => store.listFirstIncidentStarts()),
      ]);
      return dashboardRecord(vendors, incidents, starts, now);
    });
  };
}

/** Remembers the last value loaded and its key; a failed load is not remembered. */
function lastOne<T>() {
  let last: { key: string; value: Promise<T> } | null = null;
  return (key: string, load: () => Promise<T>): Promise<T> => {
    if (last?.key === key) return last.value;
    const mine = { key, value: load() };
    last = mine;
    mine.value.catch(() => last === mine && (last = null));
    return mine.value;
  };
}

function dashboardRecord(
  vendors: readonly Vendor[],
  summaries: readonly IncidentSummary[],
  firstStarts: ReadonlyMap<string, Iso>,
  now: Date,
): DashboardRecord {
  const byVendor = new Map<string, IncidentSummary[]>();
  for (const i of summaries) {
    const list = byVendor.get(i.vendor);
    if (list === undefined) byVendor.set(i.vendor, [i]);
    else list.push(i);
  }
  const bars = new Map(
    vendors.map((v) => {
      const coverageStart = historyStart(v.baselineAt, firstStarts.get(v.slug) ?? null);
      const incidents = byVendor.get(v.slug) ?? [];
      return [v.slug, computeVendorDays({ incidents, coverageStart, now })];
    }),
  );
  const recentSince = new Date(now.getTime() - RECENT_DAYS * DAY_MS).toISOString();
  const incidents = summaries.filter((i) => i.kind === "incident");
  return {
    open: incidents.filter(isOpenIncident),
    recent: incidents.filter((i) => !isOpenIncident(i) && (i.resolvedAt ?? i.startedAt) >= recentSince),
    bars,
  };
}
