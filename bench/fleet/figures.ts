// The fleet bench's figures, computed from what the fleet server logged and what Pingoru stored. Pure.
import { pollIntervalSeconds } from "../../src/poller/next-poll.ts";
import type { Change } from "./fleet-vendor.ts";

export interface Quantiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank percentiles of values (any order). */
export function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? null
      : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? null };
}

/**
 * Pingoru's own schedule for a fleet vendor at time t: a vendor with an open incident is polled more often
 * (poller/next-poll.ts), so its due interval is read from the fleet's log of changes (open from an
 * incident's first change until the change that resolves it).
 */
export function dueIntervals(changes: Change[], vendors: number, intervalSeconds: number) {
  const openAt = Array.from({ length: vendors }, (): [number, boolean][] => []);
  for (const c of changes) openAt[c.vendor]?.push([Date.parse(c.at), c.status !== "resolved"]);
  const fast = pollIntervalSeconds({ intervalSeconds, openIncidents: 1 }, intervalSeconds);
  const openAtTime = (vendor: number, t: number): boolean => {
    let open = false;
    for (const [time, isOpen] of openAt[vendor] ?? []) {
      if (time > t) break;
      open = isOpen;
    }
    return open;
  };
  /** The vendor's due interval (seconds) for a poll at t. */
  const at = (vendor: number, t: number): number => (openAtTime(vendor, t) ? fast : intervalSeconds);
  /** Polls a second Pingoru's schedule asks for over [from, to], summed over the fleet. */
  const neededPerSecond = (from: number, to: number): number => {
    let polls = 0;
    for (let v = 0; v < vendors; v++) {
      let t = from;
      let open = openAtTime(v, from);
      for (const [time, isOpen] of openAt[v] ?? []) {
        if (time <= from) continue;
        if (time >= to) break;
        polls += (time - t) / 1000 / (open ? fast : intervalSeconds);
        t = time;
        open = isOpen;
      }
      polls += (to - t) / 1000 / (open ? fast : intervalSeconds);
    }
    return polls / ((to - from) / 1000);
  };
  return { at, neededPerSecond, fastSeconds: fast };
}

/**
 * Poll starts seen by the fleet (a poll fetches summary.json once): the gaps between consecutive polls
 * of each vendor that end inside [from, to]. A poll is on time when its gap ≤ the vendor's due interval
 * at the poll before (`dueSecondsAt`, Pingoru's schedule) + 2 s. A vendor still waiting at `to` for
 * longer than that adds that open gap too (late, and a lower bound), so a vendor the poller never gets
 * back to counts against it instead of vanishing from the figures.
 */
export function pollGaps(
  byVendor: number[][],
  from: number,
  to: number,
  dueSecondsAt: (vendor: number, t: number) => number,
) {
  const gaps: number[] = [];
  let late = 0;
  let open = 0;
  byVendor.forEach((times, vendor) => {
    const lateAfter = (t: number) => (dueSecondsAt(vendor, t) + 2) * 1000;
    for (let k = 1; k < times.length; k++)
      if (times[k]! >= from && times[k]! <= to) {
        const gap = times[k]! - times[k - 1]!;
        gaps.push(gap);
        if (gap > lateAfter(times[k - 1]!)) late++;
      }
    const last = times.filter((t) => t <= to).at(-1) ?? from;
    if (to - last > lateAfter(last)) {
      gaps.push(to - last);
      late++;
      open++;
    }
  });
  return {
    onTimeShare: gaps.length === 0 ? null : (gaps.length - late) / gaps.length,
    openGaps: open,
    gapsMs: quantiles(gaps),
  };
}

/**
 * Two polls of one vendor less than half its shortest due interval apart: several workers must never
 * both take a vendor, and Pingoru's own schedule never puts two polls closer (poller/next-poll.ts:
 * half the interval while an incident is open). Judged against the shortest interval, not the bench's
 * model of which interval applies when: a vendor whose incident opened is polled at the faster rhythm
 * before the model says so, and would count.
 */
export function doublePolls(byVendor: number[][], shortestDueSeconds: number, since = -Infinity): number {
  let count = 0;
  for (const times of byVendor)
    for (let k = 1; k < times.length; k++)
      if (times[k]! >= since && times[k]! - times[k - 1]! < (shortestDueSeconds * 1000) / 2) count++;
  return count;
}

/** After a worker is killed at `killedAt`: the longest any vendor went without a poll, open gaps included. */
export function gapsAfterKill(byVendor: number[][], killedAt: number, end: number, intervalSeconds: number) {
  let longest = 0;
  let late = 0;
  for (const times of byVendor) {
    const points = [...times.filter((t) => t <= end), end];
    let worst = 0;
    for (let k = 1; k < points.length; k++)
      if (points[k]! > killedAt) worst = Math.max(worst, points[k]! - points[k - 1]!);
    longest = Math.max(longest, worst);
    if (worst > (intervalSeconds + 2) * 1000) late++;
  }
  return { longestGapMs: longest, vendorsLate: late };
}

export interface StoredEvent {
  type: string;
  vendor: string;
  at: string;
  data: string;
  vendor_incident_id: string;
}

/**
 * Detection lag of each fleet change: the `at` (when Pingoru recorded it) of the event that records it,
 * minus the change's time. Matching rule, through the incidents table (events.incident_id → incidents.id,
 * whose vendor_incident_id is the fleet's incident id):
 * - an opened incident: that incident's incident.opened event;
 * - an update (identified, monitoring, resolved): the incident.updated/resolved event whose
 *   data.update_id is the fleet's update id; else, when Pingoru first saw the incident with this update
 *   already on it (opened and moved on between two polls), its incident.opened event if recorded after
 *   the change.
 * A change with no such event was never recorded (∞), unless it was made before the vendor's baseline
 * poll (baseline_at), which records what it finds without events: those are left out and counted.
 */
export function detectionLags(
  changes: Change[],
  events: StoredEvent[],
  baselines: Map<number, string | null>,
  slugOf: (vendor: number) => string,
) {
  const byIncident = new Map<string, { type: string; at: number; updateId: unknown }[]>();
  for (const e of events) {
    const key = `${e.vendor}|${e.vendor_incident_id}`;
    const list = byIncident.get(key) ?? byIncident.set(key, []).get(key)!;
    list.push({
      type: e.type,
      at: Date.parse(e.at),
      updateId: (JSON.parse(e.data) as { update_id?: unknown }).update_id,
    });
  }
  const lags: number[] = [];
  let missed = 0;
  let beforeBaseline = 0;
  for (const change of changes) {
    const at = Date.parse(change.at);
    const found = byIncident.get(`${slugOf(change.vendor)}|${change.incidentId}`) ?? [];
    const opened = found.find((e) => e.type === "incident.opened");
    const hit =
      change.status === "investigating"
        ? opened
        : (found.find((e) => e.updateId === change.updateId) ??
          (opened && opened.at >= at ? opened : undefined));
    const baseline = baselines.get(change.vendor) ?? null;
    if (hit) lags.push(hit.at - at);
    else if (baseline !== null && at < Date.parse(baseline)) beforeBaseline++;
    else missed++;
  }
  return { lagMs: quantiles(lags), neverRecorded: missed, beforeBaseline };
}
