// Composition root: settings → store, HTTP client and the poller's dependencies, shared by every
// command. The long-running process (web, poller, notifier) is wired on top of it in serve.ts, loaded
// only by `pingoru serve`, so a command that only uses the store starts without the web server.
import type { Logger } from "pino";
import type * as Pino from "pino";
import type { Settings } from "./config/schema.ts";
import type { ClosableHttpClient } from "./lib/guarded-http.ts";
import type { AddVendorDeps } from "./poller/add-vendor.ts";
import type { VendorCache } from "./poller/memory-cache.ts";
import { lazyRequire } from "./lib/lazy-require.ts";
import { createSecretBox } from "./lib/secret-box.ts";
import { sealChannelSecrets } from "./notify/sealed-channels.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";

// Loaded when a logger is made: a short command that logs nothing never loads pino.
const pino = lazyRequire<typeof Pino.default>("pino");

export interface Runtime {
  settings: Settings;
  store: Store;
  /** Made on first use when openRuntime was given a function: a short command rarely logs. */
  readonly log: Logger;
  /**
   * What reading pages needs (the HTTP client, the platforms, each vendor's memory between polls),
   * loaded on first use: a command that only reads or writes the store never loads them.
   */
  pollDeps(): Promise<AddVendorDeps>;
  close(): Promise<void>;
}

/**
 * JSON lines on stderr. `serve` writes them to the file descriptor (pino's own fast path); a short
 * command writes through `process.stderr`, in order with the rest of what it prints there.
 */
export function createLogger(
  level = process.env.PINGORU_LOG_LEVEL ?? "info",
  to: "fd" | "stream" = "fd",
): Logger {
  return pino()({ level, base: null }, to === "fd" ? pino().destination(2) : process.stderr);
}

/** The runtime over the settings' store; `log` is the logger, or makes it when first used. */
export async function openRuntime(settings: Settings, log: Logger | (() => Logger)): Promise<Runtime> {
  let logger = typeof log === "function" ? undefined : log;
  const box =
    settings.secretKey === null ? null : createSecretBox(settings.secretKey, settings.previousSecretKeys);
  const store = sealChannelSecrets(await openStore(settings.databaseUrl), box);
  let deps: Promise<AddVendorDeps> | undefined;
  let http: ClosableHttpClient | undefined;
  const loadDeps = async (): Promise<AddVendorDeps> => {
    const [{ createHttpClient }, { detectPlatform, getPlatform }, { createMemoryCache }] = await Promise.all([
      import("./lib/guarded-http.ts"),
      import("./platforms/registry.ts"),
      import("./poller/memory-cache.ts"),
    ]);
    http = createHttpClient({
      allowPrivateTargets: settings.allowPrivateTargets,
      keepAliveMs: keepAliveFor(settings.pollIntervalSeconds),
    });
    const caches = new Map<string, VendorCache>();
    return {
      store,
      http,
      platform: getPlatform,
      detect: detectPlatform,
      now: () => new Date(),
      defaultIntervalSeconds: settings.pollIntervalSeconds,
      cacheFor: (slug) => caches.get(slug) ?? caches.set(slug, createMemoryCache()).get(slug)!,
    };
  };
  return {
    settings,
    store,
    get log() {
      return (logger ??= (log as () => Logger)());
    },
    pollDeps: () => (deps ??= loadDeps()),
    async close() {
      if (deps !== undefined) await deps;
      await http?.close();
      await store.close();
    },
  };
}

/**
 * A vendor's host keeps its connection from one poll to the next (a reused connection costs no dial,
 * no TLS handshake): a little past the poll interval, and never more than two minutes.
 */
function keepAliveFor(pollIntervalSeconds: number): number {
  return Math.min(pollIntervalSeconds + 5, 120) * 1000;
}
