// Prometheus /metrics: the record's state read at scrape time (vendor and component status, open
// incidents, deliveries) plus what the poller counted in the registry (polls, errors, durations).
import { Hono } from "hono";
import { exposition, type MetricFamily, type MetricsRegistry } from "../lib/metrics.ts";
import type { Store } from "../store/store.ts";
import { loadAllVendorStatuses } from "./vendor-status.ts";

export const METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export function createMetricsRoute(store: Store, registry: MetricsRegistry): Hono {
  const route = new Hono();
  route.get("/metrics", async (c) => {
    const families = [...(await recordFamilies(store)), ...registry.collect(), ...processFamilies()];
    const text = new TextEncoder();
    const body = ReadableStream.from(
      (function* () {
        for (const piece of exposition(families)) yield text.encode(piece);
      })(),
    );
    return c.body(body, 200, {
      "content-type": METRICS_TYPE,
      "cache-control": "no-store",
    });
  });
  return route;
}

async function recordFamilies(store: Store): Promise<MetricFamily[]> {
  const [statuses, deliveries] = await Promise.all([loadAllVendorStatuses(store), store.countDeliveries()]);
  const gauge = (name: string, help: string, samples: MetricFamily["samples"]): MetricFamily => ({
    name,
    help,
    type: "gauge",
    samples,
  });
  return [
    // Each vendor and component has one series, for its current status: at 10,000 vendors of 20
    // components a series per possible status would be six million lines a scrape.
    gauge(
      "pingoru_vendor_status",
      "1, labelled with the vendor's current roll-up status.",
      (function* () {
        for (const { vendor, status } of statuses)
          yield { labels: { vendor: vendor.slug, status }, value: 1 };
      })(),
    ),
    gauge(
      "pingoru_component_status",
      "1, labelled with the component's current status.",
      (function* () {
        for (const { vendor, components } of statuses)
          for (const comp of components)
            yield {
              labels: {
                vendor: vendor.slug,
                component: comp.name,
                component_id: comp.id,
                status: comp.status,
              },
              value: 1,
            };
      })(),
    ),
    gauge(
      "pingoru_open_incidents",
      "Open incidents (not maintenances) in the record.",
      statuses.map(({ vendor }) => ({ labels: { vendor: vendor.slug }, value: vendor.openIncidents })),
    ),
    gauge(
      "pingoru_vendor_stale",
      "1 when the vendor's status page could not be read at the last poll.",
      statuses.map(({ vendor }) => ({ labels: { vendor: vendor.slug }, value: vendor.stale ? 1 : 0 })),
    ),
    gauge(
      "pingoru_deliveries",
      "Notification deliveries in the outbox, by status.",
      Object.entries(deliveries).map(([status, count]) => ({ labels: { status }, value: count })),
    ),
  ];
}

function processFamilies(): MetricFamily[] {
  const uptime = process.uptime();
  const memory = process.memoryUsage();
  const bytes = (name: string, help: string, value: number): MetricFamily => ({
    name,
    help,
    type: "gauge",
    samples: [{ labels: {}, value }],
  });
  return [
    bytes("process_resident_memory_bytes", "Resident memory size in bytes.", memory.rss),
    bytes(
      "nodejs_heap_size_total_bytes",
      "V8's heap size in bytes: what it holds for objects.",
      memory.heapTotal,
    ),
    bytes(
      "nodejs_heap_size_used_bytes",
      "V8's heap in use in bytes: objects live or not yet collected.",
      memory.heapUsed,
    ),
    bytes(
      "nodejs_external_memory_bytes",
      "Memory outside V8's heap held by JavaScript objects (buffers, sockets' data), in bytes.",
      memory.external,
    ),
    {
      name: "process_start_time_seconds",
      help: "Start time of the process since the Unix epoch, in seconds.",
      type: "gauge",
      samples: [{ labels: {}, value: Math.round(Date.now() / 1000 - uptime) }],
    },
    {
      name: "pingoru_uptime_seconds",
      help: "Seconds since the process started.",
      type: "gauge",
      samples: [{ labels: {}, value: Math.round(uptime * 1000) / 1000 }],
    },
  ];
}
