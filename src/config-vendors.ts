// The config file's vendors, synced on start and on SIGHUP without holding up start-up: `serve`
// listens at once, and vendors not yet stored are detected (platform, feed) and get their baseline in
// the background, a few at a time, each within its own time limit. Until then each shows as
// "detecting" on the dashboard; one that fails stays listed with its reason until
// the next sync. A vendor already stored keeps its platform: a restart detects nothing again.
import type { VendorConfig } from "./config/schema.ts";
import type { PendingVendor } from "./http/health.ts";
import { comparablePageUrl } from "./domain/page-url.ts";
import { describeError, PingoruError } from "./lib/errors.ts";
import { addVendor, type AddVendorDeps } from "./poller/add-vendor.ts";
import type { Runtime } from "./main.ts";
import { slaTargetsOf } from "./config/sla-schema.ts";
import type { SlaStore } from "./store/store.ts";

/** Config vendors detected at once: each detection tries several platforms, each a few requests. */
export const DETECT_CONCURRENCY = 4;
/** One vendor's detection and baseline, at most; past it the vendor is listed as not added. */
export const DETECT_TIMEOUT_MS = 90_000;

export interface ConfigVendors {
  /** Adds or updates the vendors; resolves when every one is done (added, failed or timed out). */
  sync(vendors: readonly VendorConfig[]): Promise<void>;
  /** Config vendors not in the store yet: being detected, or failed (with the reason). */
  pending(): PendingVendor[];
}

export interface ConfigVendorOptions {
  concurrency?: number;
  timeoutMs?: number;
}

export function createConfigVendors(runtime: Runtime, options: ConfigVendorOptions = {}): ConfigVendors {
  const pending = new Map<string, PendingVendor>();
  const concurrency = options.concurrency ?? DETECT_CONCURRENCY;
  const timeoutMs = options.timeoutMs ?? DETECT_TIMEOUT_MS;
  return {
    pending: () => [...pending.values()],
    async sync(vendors) {
      const deps = await runtime.pollDeps();
      const stored = await runtime.store.listVendors();
      const since = deps.now().toISOString();
      pending.clear();
      for (const vendor of vendors)
        if (!isStored(vendor, stored))
          pending.set(pageOf(vendor), {
            page: pageOf(vendor),
            slug: vendor.slug ?? null,
            since,
            error: null,
          });
      let next = 0;
      const worker = async () => {
        while (next < vendors.length) {
          const vendor = vendors[next++]!;
          try {
            const saved = await withTimeout(addConfigVendor(vendor, deps), timeoutMs, pageOf(vendor));
            await applyUptimeSettings(runtime.store, saved, vendor);
            pending.delete(pageOf(vendor));
            runtime.log.info({ vendor: saved }, "vendor from config");
          } catch (error) {
            const entry = pending.get(pageOf(vendor));
            if (entry) entry.error = describeError(error);
            runtime.log.error(
              { url: pageOf(vendor), error: describeError(error) },
              "config vendor not added",
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, vendors.length) }, worker));
    },
  };
}

const pageOf = (vendor: VendorConfig): string => vendor.url ?? vendor.catalog!;

/** Stored already (under its slug, or at its URL): it needs no detection and no baseline. */
function isStored(vendor: VendorConfig, stored: readonly { slug: string; url: string }[]): boolean {
  const url = vendor.url === undefined ? undefined : comparablePageUrl(vendor.url);
  return stored.some((s) => (vendor.slug ? s.slug === vendor.slug : comparablePageUrl(s.url) === url));
}

async function addConfigVendor(vendor: VendorConfig, deps: AddVendorDeps): Promise<string> {
  const { vendor: saved } = await addVendor(
    {
      url: pageOf(vendor), // a catalog word resolves to its entry's page
      name: vendor.name,
      slug: vendor.slug,
      platform: vendor.html ? "html" : vendor.platform,
      intervalSeconds: vendor.interval,
      feedUrl: vendor.feed,
      components: vendor.components,
      platformOptions: vendor.html ?? null,
    },
    deps,
    true,
  );
  return saved.slug;
}

/** The entry's partial-outage weight, and its `sla:` targets when it has any (they replace the vendor's). */
async function applyUptimeSettings(store: SlaStore, slug: string, vendor: VendorConfig): Promise<void> {
  await store.setPartialOutageWeight(slug, vendor.partial_outage_weight ?? null);
  if (vendor.sla === undefined) return;
  const wanted = slaTargetsOf(slug, vendor.sla);
  for (const old of await store.listSlas())
    if (old.vendor === slug && !wanted.some((t) => t.component === old.component))
      await store.removeSla(slug, old.component);
  for (const target of wanted) await store.setSla(target);
}

/** Gives up waiting after `ms` (the work itself ends on the HTTP client's own timeouts). */
function withTimeout<T>(work: Promise<T>, ms: number, page: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PingoruError("timeout", `detecting ${page} took over ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
