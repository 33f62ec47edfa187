// What serve knows of its own state, for /healthz and the dashboard: whether the poller keeps pace.
import type { Context } from "hono";

/** The poller's pace over the last minute (the poller's own PollerHealth, as the read side sees it). */
export interface PollerPace {
  behind: boolean;
  started: number;
  lateShare: number;
  maxDelaySeconds: number;
}

export type HealthSource = () => { poller: PollerPace };

export const BEHIND_WARNING = "poller behind schedule";

/** 200 once the store is open; with a poller, its pace, and a warning when it falls behind. */
export function healthResponse(c: Context, health: HealthSource | undefined) {
  if (health === undefined) return c.json({ status: "ok" });
  const { poller } = health();
  return c.json({
    status: "ok",
    warnings: poller.behind ? [BEHIND_WARNING] : [],
    poller: {
      behind: poller.behind,
      polls_started_last_minute: poller.started,
      late_share: Math.round(poller.lateShare * 10_000) / 10_000,
      max_start_delay_seconds: Math.round(poller.maxDelaySeconds * 10) / 10,
    },
  });
}
