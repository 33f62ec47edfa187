// The figures' answers kept and loaded one at a time (GET /api/v1/stats, /stats and /leaderboard share
// one loader): a fleet's year is seconds of reading and tens of MB, and these routes are public.
//
// - At most one load runs. A request for a window already loading (or queued) waits for that load; a
//   request for another window waits its turn in a small queue. Past the queue the answer is a 503
//   ("busy", Retry-After), so a flood of distinct windows costs one load at a time, never memory.
// - Answers are kept by window and vendors (a window ending now is keyed "now", plus its first day).
//   One younger than a minute is given as it is; one older but younger than STALE_MS is given at once
//   while a new one loads (stale-while-revalidate); an older one is loaded again before answering.
//   A busy record does not empty the cache: new events wait for the minute to pass, not for a miss.

import { PingoruError } from "../lib/errors.ts";
import type { Store } from "../store/store.ts";
import { loadStats, type StatsQuery, type StatsReport } from "./stats-load.ts";

export interface StatsLoaderOptions {
  /** An answer this young is given as it is. */
  freshMs?: number;
  /** An answer this young is given while a new one loads; older, the request waits for the new one. */
  staleMs?: number;
  /** Windows that may wait behind the one loading. */
  queue?: number;
  /** Answers kept (the oldest goes first). */
  kept?: number;
  /** Where a failed refresh in the background is reported (a request waiting for one gets the error). */
  logError?: (error: unknown) => void;
}

export interface StatsLoader {
  load(query: StatsQuery, now: Date): Promise<StatsReport>;
  /** Resolves once nothing is loading or queued (refreshes in the background included). */
  idle(): Promise<void>;
}

/** Seconds a refused request is told to wait: about one fleet's load. */
export const BUSY_RETRY_SECONDS = 10;
/** Windows that may wait behind the one loading, by default. */
export const STATS_QUEUE = 4;

export function createStatsLoader(store: Store, options: StatsLoaderOptions = {}): StatsLoader {
  const { freshMs = 60_000, staleMs = 15 * 60_000, queue = STATS_QUEUE, kept: keep = 16 } = options;
  const kept = new Map<string, { report: StatsReport; at: number }>();
  const pending = new Map<string, Promise<StatsReport>>();
  let turn: Promise<unknown> = Promise.resolve();

  /** The load of `key`, started after every load before it; the one already pending if any. */
  function schedule(key: string, query: StatsQuery, now: Date): Promise<StatsReport> {
    const waiting = pending.get(key);
    if (waiting !== undefined) return waiting;
    if (pending.size > queue)
      throw new PingoruError("busy", "figures are being loaded for other windows; retry shortly", {
        retryable: true,
        retryAfterSeconds: BUSY_RETRY_SECONDS,
      });
    const loading = turn.then(() => loadStats(store, query, now));
    turn = loading.catch(() => undefined);
    pending.set(key, loading);
    // Registered before any caller's, so whoever is answered next finds the answer kept.
    loading.then(
      (report) => {
        pending.delete(key);
        kept.delete(key);
        kept.set(key, { report, at: now.getTime() });
        if (kept.size > keep) kept.delete(kept.keys().next().value!);
      },
      () => pending.delete(key),
    );
    return loading;
  }

  return {
    async load(query, now) {
      const key = keyOf(query, now);
      const hit = kept.get(key);
      const age = hit === undefined ? Infinity : now.getTime() - hit.at;
      if (hit !== undefined && age < freshMs) return hit.report;
      if (hit !== undefined && age < staleMs) {
        try {
          schedule(key, query, now).catch((error: unknown) => options.logError?.(error));
        } catch {
          // Busy: the kept answer stands until a later request finds room.
        }
        return hit.report;
      }
      return schedule(key, query, now);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending.values()]);
    },
  };
}

function keyOf(query: StatsQuery, now: Date): string {
  const to = query.to.getTime() === now.getTime() ? "now" : query.to.toISOString();
  return `${query.from.toISOString()}|${to}|${[...query.vendors].sort().join(",")}`;
}
