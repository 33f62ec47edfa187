// The OpenAPI path and schemas of the figures over a window (stats-api.ts).
import { GRADE_FORMULA, GRADES } from "../domain/grade.ts";
import { ACK_LOOKBACK_HOURS } from "../domain/ack-delay.ts";
import { error, json, query, ref } from "./openapi-parts.ts";
import { list, nullableStr, object, str } from "./openapi-schemas.ts";
import { BUSY_RETRY_SECONDS, STATS_QUEUE } from "./stats-loader.ts";
import { MAX_WINDOW_DAYS } from "./uptime-load.ts";

const time = {
  anyOf: [
    { type: "string", format: "date" },
    { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z?$" },
  ],
};
const int = { type: "integer" } as const;
const seconds = {
  type: ["number", "null"],
  description: "Seconds; null when there is no value to take it over.",
};
const spread = (high: string) => object({ p50: seconds, [high]: seconds, count: int });

export const STATS_PATHS = {
  "/stats": {
    get: {
      summary: "Figures over a window, across the watched vendors and for each (most downtime first)",
      description:
        "Maintenances are left out of every figure. An incident counts in the month it started, when it started in the window. " +
        "Downtime is the time in the window, up to now, during which the vendor had at least one incident open (the union of its incidents' spans: overlapping incidents count once); across vendors it is the sum of theirs. " +
        "Time to resolve (p50, p90) is over the resolved incidents started in the window; detection lag (p50, p95) over those Pingoru saw appear. " +
        `The acknowledgement delay runs from the first component change Pingoru saw (to degraded, partial or major outage, on a component the incident affects, at most ${ACK_LOOKBACK_HOURS} h before) to the vendor's first update, for incidents Pingoru saw appear while open; 0 when the vendor spoke first. ` +
        "Percentiles interpolate linearly between the closest ranks (p50 is the median). " +
        "An incident closed without a resolved time counts as an incident, but neither as open nor in downtime or time to resolve (its duration is unknown). " +
        "Answers are kept a minute per window and vendors, then given while a new one loads (up to 15 minutes old); one window is loaded at a time. " +
        `Grade: ${GRADE_FORMULA}.`,
      parameters: [
        query(
          "from",
          "A UTC date or date-time; default the first day of the month 11 months before `to`.",
          time,
        ),
        query("to", "A UTC date (to the end of that day) or date-time (inclusive); default now.", time),
        query(
          "vendor",
          "A vendor slug; repeat it or separate with commas for several. Default every vendor.",
          {
            type: "array",
            items: { type: "string" },
          },
        ),
      ],
      responses: {
        "200": json(ref("Stats")),
        "400": error(
          `Bad date, from not before to, a window over ${MAX_WINDOW_DAYS} days, or an unknown vendor.`,
        ),
        "503": {
          ...error(
            `Busy: figures are loading for other windows and ${STATS_QUEUE} more are waiting; retry after the seconds given (${BUSY_RETRY_SECONDS}).`,
          ),
          headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
        },
      },
    },
  },
};

const figures = {
  incident_count: int,
  open_count: { ...int, description: "Of those, still open." },
  downtime_seconds: int,
  per_month: list(
    object({ month: { type: "string", pattern: "^\\d{4}-\\d{2}$" }, incidents: int, downtime_seconds: int }),
  ),
  resolve_seconds: spread("p90"),
  detection_lag_seconds: spread("p95"),
  acknowledgement_delay_seconds: object({ p50: seconds, count: int }),
  resolved_count: int,
  postmortem_count: int,
  postmortem_rate: { type: ["number", "null"], description: "0..1: resolved incidents with a postmortem." },
};

export const STATS_SCHEMAS = {
  Stats: object({
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time" },
    grade_formula: str,
    all: object(figures),
    vendors: list(
      object({
        vendor: object({ slug: str, name: str }),
        ...figures,
        grade: { type: ["string", "null"], enum: [...GRADES, null] },
        grade_score: { type: ["number", "null"], description: "0..100 by grade_formula." },
        grade_note: { ...nullableStr, description: "Why there is no grade (too few incidents or delays)." },
      }),
    ),
  }),
};
