// Loads the figures over a window for every watched vendor (or the ones asked for) and across them
// (domain/stats.ts, domain/grade.ts), for GET /api/v1/stats, /stats and /leaderboard.
// Memory stays small for a big fleet: incidents are read as summaries (no updates) in keyset pages
// and kept only as the few numbers the figures need (VendorIncidents); first update times are read in
// batches for the incidents whose acknowledgement delay can be known, and component changes one vendor
// at a time, only those the delays read (ackChangesWindow).

import {
  ackChangesWindow,
  collectSamples,
  figuresSince,
  mergeSamples,
  summariseSamples,
  type StatFigures,
  type StatSamples,
  type StatIncident,
  type StatWindow,
} from "../domain/stats.ts";
import { gradeVendor, type GradeResult } from "../domain/grade.ts";
import { isOpenIncident } from "../domain/model.ts";
import type { Store } from "../store/store.ts";
import type { IncidentSummary } from "../store/record-store.ts";
import { FIRST_UPDATES_BATCH } from "../store/stats-store.ts";
import { checkOutageVendors } from "./outage-query.ts";
import { parseUptimeWindow } from "./uptime-load.ts";

const PAGE = 500;

export interface StatsQuery {
  from: Date;
  to: Date;
  /** Vendor slugs; empty: every watched vendor. */
  vendors: string[];
}

export interface VendorStats {
  slug: string;
  name: string;
  figures: StatFigures;
  grade: GradeResult;
}

export interface StatsReport {
  from: Date;
  to: Date;
  all: StatFigures;
  /** Most downtime first, then most incidents, then by slug. */
  vendors: VendorStats[];
}

/** from and to (dates or UTC times; default the last 12 calendar months up to now) and vendor (repeatable). */
export function parseStatsQuery(query: Record<string, string[] | undefined>, now: Date): StatsQuery {
  const { from, to } = parseUptimeWindow(
    query.from?.[0],
    query.to?.[0],
    now,
    (end) => new Date(figuresSince(end)),
  );
  const vendors = [...new Set((query.vendor ?? []).flatMap((v) => v.split(",")).filter((v) => v !== ""))];
  return { from, to, vendors };
}

export async function loadStats(store: Store, query: StatsQuery, now: Date): Promise<StatsReport> {
  await checkOutageVendors(store, { vendor: query.vendors });
  const wanted = new Set(query.vendors);
  const vendors = (await store.listVendors()).filter((v) => wanted.size === 0 || wanted.has(v.slug));
  const byVendor = await readIncidents(store, query);
  await addFirstUpdateTimes(
    store,
    [...byVendor.values()].flatMap((v) => v.acknowledgeable),
  );
  const window: StatWindow = { from: query.from, to: query.to, now };
  const samples: StatSamples[] = [];
  const rows: VendorStats[] = [];
  for (const vendor of vendors) {
    const read = byVendor.get(vendor.slug);
    const incidents = read === undefined ? [] : [...read.acknowledgeable, ...incidentsOf(read.others)];
    samples.push(await vendorSamples(store, vendor.slug, incidents, window));
    byVendor.delete(vendor.slug);
    const figures = summariseSamples(samples.at(-1)!);
    rows.push({ slug: vendor.slug, name: vendor.name, figures, grade: gradeVendor(figures) });
  }
  rows.sort(
    (a, b) =>
      b.figures.downtimeSeconds - a.figures.downtimeSeconds ||
      b.figures.incidentCount - a.figures.incidentCount ||
      a.slug.localeCompare(b.slug),
  );
  return {
    from: query.from,
    to: query.to,
    all: summariseSamples(mergeSamples(window, samples)),
    vendors: rows,
  };
}

/**
 * One vendor's samples over the window (the vendor page's figures, MCP's and these all come from here),
 * reading only the component changes its acknowledgement delays need (ackChangesWindow).
 */
export async function vendorSamples(
  store: Store,
  slug: string,
  incidents: readonly StatIncident[],
  window: StatWindow,
): Promise<StatSamples> {
  const read = ackChangesWindow(incidents, window);
  const changes = read === null ? [] : await store.listComponentChanges(slug, read.since, read.until);
  return collectSamples(incidents, changes, window);
}

type Acknowledgeable = StatIncident & { id: string };

/**
 * A vendor's incidents as the figures read them. Those whose acknowledgement delay may be known are
 * kept whole; the others (most of a fleet's year) as four numbers each, in columns: ms since the epoch,
 * NaN for none; `ended` is CLOSED_UNDATED for one closed without a resolved time. About 40 bytes an
 * incident instead of an object with its id and ISO strings.
 */
interface VendorIncidents {
  acknowledgeable: Acknowledgeable[];
  others: { started: number[]; ended: number[]; lag: number[]; postmortem: number[] };
}

const CLOSED_UNDATED = -Infinity;

/** Every incident overlapping the window, by vendor (first update times to come). */
async function readIncidents(store: Store, query: StatsQuery): Promise<Map<string, VendorIncidents>> {
  const byVendor = new Map<string, VendorIncidents>();
  const [since, until] = [query.from.toISOString(), query.to.toISOString()];
  let before: string | null = null;
  do {
    // Not filtered by kind in SQL: that would leave the (started_at, id) index for the kind one and
    // sort every matching row for each page (25 s instead of 6 s for 100,000 incidents on SQLite).
    const page = await store.listAllIncidentSummaries({
      limit: PAGE,
      before,
      since,
      until,
      vendors: query.vendors.length === 0 ? null : query.vendors,
    });
    for (const summary of page.items) {
      if (summary.kind !== "incident") continue;
      let read = byVendor.get(summary.vendor);
      if (read === undefined) {
        read = { acknowledgeable: [], others: { started: [], ended: [], lag: [], postmortem: [] } };
        byVendor.set(summary.vendor, read);
      }
      keep(read, summary, query.from);
    }
    before = page.next;
  } while (before !== null);
  return byVendor;
}

/** Only what the figures read; components only where an acknowledgement delay may be known. */
function keep(read: VendorIncidents, s: IncidentSummary, from: Date): void {
  const acknowledgeable = s.seenLive && s.detectionLagSeconds !== null && Date.parse(s.startedAt) >= +from;
  const affected = acknowledgeable ? s.affectedComponents.filter((c) => c.id !== null) : [];
  if (affected.length > 0) {
    read.acknowledgeable.push({
      id: s.id,
      kind: s.kind,
      status: s.status,
      startedAt: s.startedAt,
      resolvedAt: s.resolvedAt,
      seenLive: s.seenLive,
      detectionLagSeconds: s.detectionLagSeconds,
      postmortemPublishedAt: s.postmortemPublishedAt,
      affectedComponents: affected,
      firstUpdateAt: null,
    });
    return;
  }
  const { started, ended, lag, postmortem } = read.others;
  started.push(Date.parse(s.startedAt));
  ended.push(s.resolvedAt !== null ? Date.parse(s.resolvedAt) : isOpenIncident(s) ? NaN : CLOSED_UNDATED);
  lag.push(s.detectionLagSeconds ?? NaN);
  postmortem.push(s.postmortemPublishedAt === null ? NaN : Date.parse(s.postmortemPublishedAt));
}

/** The incidents kept as numbers, as the figures read them again (one vendor at a time). */
function incidentsOf(others: VendorIncidents["others"]): StatIncident[] {
  const iso = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms).toISOString());
  return others.started.map((started, k) => {
    const ended = others.ended[k]!;
    return {
      kind: "incident",
      // Only whether it is closed is read: resolved or closed undated, else open.
      status: Number.isNaN(ended) ? "investigating" : "resolved",
      startedAt: iso(started)!,
      resolvedAt: ended === CLOSED_UNDATED ? null : iso(ended),
      seenLive: false,
      detectionLagSeconds: Number.isNaN(others.lag[k]!) ? null : others.lag[k]!,
      postmortemPublishedAt: iso(others.postmortem[k]!),
      affectedComponents: [],
      firstUpdateAt: null,
    };
  });
}

/** Fills in the first update time of each incident whose acknowledgement delay may be known. */
async function addFirstUpdateTimes(store: Store, incidents: readonly Acknowledgeable[]): Promise<void> {
  for (let k = 0; k < incidents.length; k += FIRST_UPDATES_BATCH) {
    const batch = incidents.slice(k, k + FIRST_UPDATES_BATCH);
    const times = await store.listFirstUpdateTimes(batch.map((i) => i.id));
    for (const incident of batch) incident.firstUpdateAt = times.get(incident.id) ?? null;
  }
}
