// Composition root: settings → store, HTTP client, poller, web. The only place that wires parts together.
import pino, { type Logger } from "pino";
import { readConfigFile } from "./config/load.ts";
import type { Settings, VendorConfig } from "./config/schema.ts";
import { describeError } from "./lib/errors.ts";
import { createApp } from "./http/app.ts";
import { startHttpServer } from "./http/server.ts";
import { createHttpClient, type ClosableHttpClient } from "./platforms/http.ts";
import { detectPlatform, getPlatform } from "./platforms/index.ts";
import { addVendor, type AddVendorDeps } from "./poller/add-vendor.ts";
import { createMemoryCache, type VendorCache } from "./poller/memory-cache.ts";
import { pollVendor } from "./poller/poll-vendor.ts";
import { createScheduler } from "./poller/scheduler.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";

export interface Runtime {
  settings: Settings;
  store: Store;
  http: ClosableHttpClient;
  deps: AddVendorDeps;
  log: Logger;
  close(): Promise<void>;
}

export function createLogger(level = process.env.PINGORU_LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: null }, pino.destination(2));
}

export async function openRuntime(settings: Settings, log: Logger): Promise<Runtime> {
  const store = await openStore(settings.databaseUrl);
  const http = createHttpClient({ allowPrivateTargets: settings.allowPrivateTargets });
  const caches = new Map<string, VendorCache>();
  const deps: AddVendorDeps = {
    store,
    http,
    platform: getPlatform,
    detect: detectPlatform,
    now: () => new Date(),
    defaultIntervalSeconds: settings.pollIntervalSeconds,
    cacheFor: (slug) => caches.get(slug) ?? caches.set(slug, createMemoryCache()).get(slug)!,
  };
  return {
    settings,
    store,
    http,
    deps,
    log,
    async close() {
      await http.close();
      await store.close();
    },
  };
}

/** Adds or updates the vendors declared in the config file; one bad vendor does not stop the rest. */
export async function syncConfigVendors(runtime: Runtime, vendors: readonly VendorConfig[]): Promise<void> {
  for (const vendor of vendors) {
    try {
      const { vendor: saved } = await addVendor(
        {
          url: vendor.url,
          name: vendor.name,
          slug: vendor.slug,
          platform: vendor.platform,
          intervalSeconds: vendor.interval,
          feedUrl: vendor.feed,
          components: vendor.components,
        },
        runtime.deps,
        true,
      );
      runtime.log.info({ vendor: saved.slug }, "vendor from config");
    } catch (error) {
      runtime.log.error({ url: vendor.url, error: describeError(error) }, "config vendor not added");
    }
  }
}

export interface Server {
  url: string;
  /** Re-reads the config file and adds or updates its vendors (SIGHUP). */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

/** Web, poller (and later notifier) in one process. */
export async function serve(runtime: Runtime, options: { tickMs?: number } = {}): Promise<Server> {
  const { settings, store, log } = runtime;
  await syncConfigVendors(runtime, settings.vendors);
  const scheduler = createScheduler({
    store,
    poll: async (vendor) => {
      const outcome = await pollVendor(vendor, runtime.deps);
      if (outcome.ok) log.debug({ vendor: vendor.slug, events: outcome.events.length }, "polled");
      else log.warn({ vendor: vendor.slug, error: outcome.error }, "poll failed");
    },
    now: runtime.deps.now,
    concurrency: 8,
    tickMs: options.tickMs ?? 1000,
    leaseSeconds: 300,
    onError: (error, vendor) =>
      log.error({ vendor: vendor?.slug, error: describeError(error) }, "poll error"),
  });
  const app = createApp({ store, now: runtime.deps.now, pollIntervalSeconds: settings.pollIntervalSeconds });
  const server = await startHttpServer(app, { port: settings.port, host: settings.host });
  scheduler.start();
  log.info({ url: server.url }, "pingoru serving");
  return {
    url: server.url,
    async reload() {
      if (settings.configFile === null) return;
      try {
        await syncConfigVendors(runtime, readConfigFile(settings.configFile, process.env).vendors);
      } catch (error) {
        log.error({ error: describeError(error) }, "config not reloaded");
      }
    },
    async stop() {
      await scheduler.stop();
      await server.close();
    },
  };
}
