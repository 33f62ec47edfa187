// Test-only: the app as `serve` wires it, with adding and previewing a vendor over the real poller code.
import type { CatalogEntry } from "../../src/catalog/catalog.ts";
import { createWebApp } from "../../src/admin/web-app.ts";
import type { ClosableHttpClient } from "../../src/lib/guarded-http.ts";
import { detectPlatform, getPlatform } from "../../src/platforms/registry.ts";
import { addVendor, type AddVendorDeps } from "../../src/poller/add-vendor.ts";
import { createMemoryCache } from "../../src/poller/memory-cache.ts";
import { previewVendor } from "../../src/poller/preview.ts";
import type { Store } from "../../src/store/store.ts";

/** `catalog`: where adding by slug looks (the built-in catalog when absent). */
export function adminApp(
  s: Store,
  client: ClosableHttpClient,
  adminToken: string | null,
  catalog?: readonly CatalogEntry[],
) {
  const deps: AddVendorDeps = {
    ...(catalog ? { catalog } : {}),
    store: s,
    http: client,
    platform: getPlatform,
    detect: detectPlatform,
    now: () => new Date(),
    defaultIntervalSeconds: 60,
    cacheFor: () => createMemoryCache(),
  };
  return createWebApp({
    store: s,
    now: () => new Date(),
    pollIntervalSeconds: 60,
    admin: {
      adminToken,
      channelFor: (config) => ({ id: config.id, type: config.type, send: async () => {} }),
      addVendor: (input) => addVendor(input, deps),
      previewVendor: (input) => previewVendor(input, deps),
    },
  });
}
