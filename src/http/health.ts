// What serve knows of its own state, for /healthz and the dashboard: whether the poller keeps pace.
import type { Context } from "hono";

/** The poller's pace over the last minute (the poller's own PollerHealth, as the read side sees it). */
export interface PollerPace {
  behind: boolean;
  started: number;
  lateShare: number;
  maxDelaySeconds: number;
}

/**
 * A config-file vendor not yet in the store: its platform is being detected and its baseline loaded
 * in the background after start-up (`error` set when that failed; it is tried again on SIGHUP).
 */
export interface PendingVendor {
  /** The config entry's page URL or catalog word. */
  page: string;
  slug: string | null;
  since: string;
  error: string | null;
}

export type HealthSource = () => {
  poller: PollerPace;
  pendingVendors?: readonly PendingVendor[];
  /** When the database became unavailable (down, locked or full), while it is; else null. */
  databaseUnavailableSince?: Date | null;
};

export const BEHIND_WARNING = "poller behind schedule";
export const DATABASE_WARNING = "database unavailable";

/**
 * 200 `{"status":"ok"}` once the store is open (DESIGN §4). While the poller is behind schedule it
 * says so beside that, with its figures; a script that reads only `status` sees no change.
 */
export function healthResponse(c: Context, health: HealthSource | undefined) {
  const state = health?.();
  const poller = state?.poller;
  const down = state?.databaseUnavailableSince ?? null;
  const behind = poller !== undefined && poller.behind;
  if (!behind && down === null) return c.json({ status: "ok" });
  return c.json({
    status: "ok",
    warnings: [...(behind ? [BEHIND_WARNING] : []), ...(down === null ? [] : [DATABASE_WARNING])],
    ...(behind
      ? {
          poller: {
            behind: true,
            polls_started_last_minute: poller.started,
            late_share: Math.round(poller.lateShare * 10_000) / 10_000,
            max_start_delay_seconds: Math.round(poller.maxDelaySeconds * 10) / 10,
          },
        }
      : {}),
    ...(down === null ? {} : { database: { available: false, since: down.toISOString() } }),
  });
}
