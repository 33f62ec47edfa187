import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PingoruError } from "../lib/errors.ts";
import { createMetricsRegistry, type MetricsRegistry } from "../lib/metrics.ts";
import type { PollOutcome, ReadOutcome } from "../poller/poll-vendor.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { NOW, seedRecord } from "../../test/helpers/seed-record.ts";
import { createPollMetrics, measurePoll } from "../poller/poll-metrics.ts";

interface ParsedFamily {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string }[];
}
const parsePrometheus = createRequire(import.meta.url)("parse-prometheus-text-format") as (
  text: string,
) => ParsedFamily[];

let store: Store;
let registry: MetricsRegistry;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await store.savePoll({
    vendor: "acme",
    polledAt: NOW.toISOString(),
    nextPollAt: NOW.toISOString(),
    outcome: {
      ok: true,
      components: [
        {
          id: "c-q",
          name: 'Queue "eu"\\west',
          group: null,
          position: 0,
          status: "major_outage",
          rawStatus: "x",
        },
        {
          id: "c-web",
          name: "Web app",
          group: "Core",
          position: 1,
          status: "degraded_performance",
          rawStatus: "x",
        },
      ],
    },
    events: [],
  });
  registry = createMetricsRegistry();
});
afterAll(() => store.close());

const ok = (unchanged: boolean): PollOutcome => ({ ok: true, unchanged, events: [], deliveries: 0 });
const failedRead = (error: unknown): ReadOutcome => ({ ok: false, error });

/** A clock that advances by `step` ms per reading. */
const ticking = (step: number) => {
  let t = 0;
  return () => (t += step);
};

describe("measurePoll", () => {
  it("records each outcome, its error kind and its duration, and passes the poll's result or error through", async () => {
    const local = createMetricsRegistry();
    const metrics = createPollMetrics(local);
    const readOk: ReadOutcome = { ok: true, result: { unchanged: true } };
    expect(
      await measurePoll(
        metrics,
        "acme",
        async () => readOk,
        async () => ok(true),
        ticking(200),
      ),
    ).toEqual(ok(true));
    await measurePoll(
      metrics,
      "acme",
      async () => readOk,
      async () => ok(false),
      ticking(3000),
    );
    const timeout = new PingoruError("timeout", "slow", { retryable: true });
    await measurePoll(
      metrics,
      "acme",
      async () => failedRead(timeout),
      async () => ({ ok: false, unchanged: false, events: [], deliveries: 0, error: "slow" }),
      ticking(40_000),
    );
    await measurePoll(
      metrics,
      "beta",
      async () => failedRead(new Error("boom")),
      async () => ok(false),
      ticking(1),
    );
    const broken = measurePoll(
      metrics,
      "beta",
      async () => readOk,
      async () => Promise.reject(new Error("disk full")),
      ticking(1),
    );
    await expect(broken).rejects.toThrow("disk full");

    const samples = local
      .collect()
      .flatMap((f) => [...f.samples].map((sample) => ({ ...sample, name: sample.name ?? f.name })));
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    expect(value("pingoru_polls_total", { vendor: "acme", outcome: "unchanged" })).toBe(1);
    expect(value("pingoru_polls_total", { vendor: "acme", outcome: "ok" })).toBe(1);
    expect(value("pingoru_polls_total", { vendor: "acme", outcome: "failed" })).toBe(1);
    expect(value("pingoru_polls_total", { vendor: "beta", outcome: "error" })).toBe(1);
    expect(value("pingoru_poll_errors_total", { vendor: "acme", kind: "timeout" })).toBe(1);
    expect(value("pingoru_poll_errors_total", { vendor: "beta", kind: "internal" })).toBe(1);
    expect(value("pingoru_poll_errors_total", { vendor: "beta", kind: "store" })).toBe(1);
    // Durations are fleet-wide (0.2, 3 and 40 s of acme's, two 1 ms of beta's): not a histogram a vendor.
    expect(value("pingoru_poll_duration_seconds_bucket", { le: "0.25" })).toBe(3);
    expect(value("pingoru_poll_duration_seconds_bucket", { le: "5" })).toBe(4);
    expect(value("pingoru_poll_duration_seconds_bucket", { le: "30" })).toBe(4);
    expect(value("pingoru_poll_duration_seconds_bucket", { le: "+Inf" })).toBe(5);
    expect(value("pingoru_poll_duration_seconds_sum", {})).toBeCloseTo(43.202);
  });
});

describe("GET /metrics", () => {
  it("serves the text format with the record's state and the poller's counts", async () => {
    createPollMetrics(registry).record("acme", "failed", 0.3, "http");
    const app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60, metrics: registry });
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const families = new Map(parsePrometheus(text).map((f) => [f.name, f]));
    const ones = (name: string) =>
      families
        .get(name)
        ?.metrics.filter((m) => m.value === "1")
        .map((m) => m.labels);

    expect(ones("pingoru_vendor_status")).toEqual([
      { vendor: "acme", status: "major_outage" },
      { vendor: "quiet", status: "major_outage" }, // no components: its critical open incident
    ]);
    // One series a vendor and a component, for its current status (not one per status it could have).
    expect(families.get("pingoru_vendor_status")?.metrics).toHaveLength(2);
    expect(families.get("pingoru_component_status")?.metrics.map((m) => [m.labels, m.value])).toEqual([
      [{ vendor: "acme", component: 'Queue "eu"\\west', component_id: "c-q", status: "major_outage" }, "1"],
      [{ vendor: "acme", component: "Web app", component_id: "c-web", status: "degraded_performance" }, "1"],
    ]);
    expect(text).toContain('component="Queue \\"eu\\"\\\\west"');
    expect(families.get("pingoru_open_incidents")?.metrics).toEqual([
      { labels: { vendor: "acme" }, value: "1" },
      { labels: { vendor: "quiet" }, value: "1" },
    ]);
    expect(ones("pingoru_vendor_stale")).toEqual([{ vendor: "quiet" }]);
    expect(families.get("pingoru_deliveries")?.metrics).toEqual(
      ["pending", "delivered", "failed", "dead", "suppressed"].map((status) => ({
        labels: { status },
        value: "0",
      })),
    );
    expect(families.get("pingoru_polls_total")?.metrics).toEqual([
      { labels: { vendor: "acme", outcome: "failed" }, value: "1" },
    ]);
    expect(families.get("pingoru_poll_errors_total")?.type).toBe("COUNTER");
    expect(families.get("pingoru_poll_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(Number(families.get("pingoru_uptime_seconds")?.metrics[0]?.value)).toBeGreaterThan(0);
    // The process's memory, as the kernel and V8 count it: resident ≥ V8's heap ≥ what is in use in it.
    const gauge = (name: string) => Number(families.get(name)?.metrics[0]?.value);
    const rss = gauge("process_resident_memory_bytes");
    expect(rss).toBeGreaterThan(gauge("nodejs_heap_size_total_bytes"));
    expect(gauge("nodejs_heap_size_total_bytes")).toBeGreaterThanOrEqual(
      gauge("nodejs_heap_size_used_bytes"),
    );
    expect(gauge("nodejs_heap_size_used_bytes")).toBeGreaterThan(1_000_000);
    expect(gauge("nodejs_external_memory_bytes")).toBeGreaterThan(0);
    const status = readFileSync("/proc/self/status", "utf8");
    const vmRss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
    expect(rss).toBeGreaterThan(vmRss / 2);
    expect(rss).toBeLessThan(vmRss * 2);
  });

  it("shows the poll families, empty, before any poll", async () => {
    const metrics = createMetricsRegistry();
    createPollMetrics(metrics); // as serve does before it starts polling
    const app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60, metrics });
    const text = await (await app.request("/metrics")).text();
    expect(text).toContain("# TYPE pingoru_polls_total counter\n");
    expect(text).toContain("# TYPE pingoru_poll_duration_seconds histogram\n");
    expect(() => parsePrometheus(text)).not.toThrow();
  });
});
