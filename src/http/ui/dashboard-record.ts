// What the dashboard shows of every vendor's record: open incidents, the last 7 days' incidents and a
// 90-day bar per vendor (domain/uptime.ts). Two queries however many vendors there are (no updates
// read), kept until the event stream moves on, the minute changes or a vendor is added or read first.

import { isClosedStatus } from "../../domain/model.ts";
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
  let cached: { key: string; value: Promise<DashboardRecord> } | null = null;
  return async (vendors, now) => {
    const baselines = vendors.map((v) => `${v.slug}@${v.baselineAt ?? ""}`).join(" ");
    const key = `${await store.latestEventCursor()}|${Math.floor(now.getTime() / 60_000)}|${baselines}`;
    if (cached?.key === key) return cached.value;
    const value = loadDashboardRecord(store, vendors, now);
    const mine = { key, value };
    cached = mine;
    // A failed load is not remembered (unless a newer one already replaced it).
    value.catch(() => cached === mine && (cached = null));
    return value;
  };
}

async function loadDashboardRecord(
  store: Store,
  vendors: readonly Vendor[],
  now: Date,
): Promise<DashboardRecord> {
  const windowStart = new Date((Math.floor(now.getTime() / DAY_MS) - (UPTIME_DAYS - 1)) * DAY_MS);
  const [summaries, firstStarts] = await Promise.all([
    store.listIncidentSummaries(windowStart.toISOString()),
    store.listFirstIncidentStarts(),
  ]);
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
    open: incidents.filter(isOpen),
    recent: incidents.filter((i) => !isOpen(i) && (i.resolvedAt ?? i.startedAt) >= recentSince),
    bars,
  };
}

function isOpen(incident: IncidentSummary): boolean {
  return incident.resolvedAt === null && !isClosedStatus(incident.status);
}
