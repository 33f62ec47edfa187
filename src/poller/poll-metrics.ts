// What the poller counts for /metrics: polls by outcome, errors by kind, and how long each took.
import { isPingoruError } from "../lib/errors.ts";
import type { MetricsRegistry } from "../lib/metrics.ts";
import type { PollOutcome, ReadOutcome } from "./poll-vendor.ts";

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface PollMetrics {
  /** outcome: ok (changes written), unchanged, failed (the page could not be read), error (not recorded). */
  record(
    vendor: string,
    outcome: "ok" | "unchanged" | "failed" | "error",
    seconds: number,
    errorKind?: string,
  ): void;
  /** How late a poll started past its due time. */
  started(delaySeconds: number): void;
}

const DELAY_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300];

export function createPollMetrics(registry: MetricsRegistry): PollMetrics {
  const polls = registry.counter("pingoru_polls_total", "Polls of a vendor's status page, by outcome.");
  const errors = registry.counter("pingoru_poll_errors_total", "Failed polls, by error kind.");
  const duration = registry.histogram(
    "pingoru_poll_duration_seconds",
    "Time to fetch, parse and record one poll.",
    DURATION_BUCKETS,
  );
  const delay = registry.histogram(
    "pingoru_poll_start_delay_seconds",
    "How late polls start past their due time (over 2 s means the poller is behind schedule).",
    DELAY_BUCKETS,
  );
  return {
    started: (delaySeconds) => delay.observe({}, delaySeconds),
    record(vendor, outcome, seconds, errorKind) {
      polls.inc({ vendor, outcome });
      if (errorKind !== undefined) errors.inc({ vendor, kind: errorKind });
      duration.observe({}, seconds); // fleet-wide: a histogram per vendor is 12 series a vendor
    },
  };
}

/** Runs one poll (read, then record) and counts it; the poll's own result or error passes through. */
export async function measurePoll(
  metrics: PollMetrics,
  vendor: string,
  read: () => Promise<ReadOutcome>,
  record: (read: ReadOutcome) => Promise<PollOutcome>,
  clock: () => number = () => performance.now(),
): Promise<PollOutcome> {
  const started = clock();
  const seconds = () => (clock() - started) / 1000;
  const outcome = await read();
  try {
    const result = await record(outcome);
    if (outcome.ok) metrics.record(vendor, result.unchanged ? "unchanged" : "ok", seconds());
    else metrics.record(vendor, "failed", seconds(), errorKind(outcome.error));
    return result;
  } catch (error) {
    metrics.record(vendor, "error", seconds(), "store");
    throw error;
  }
}

const errorKind = (error: unknown) => (isPingoruError(error) ? error.kind : "internal");
