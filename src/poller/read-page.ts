// Reading a vendor's page for a poll: through the vendor's memory (validators, not bodies), cheaply
// where the platform allows, and again in full when a document it needs came back without a body.
import type { Vendor } from "../domain/vendor.ts";
import type { ConditionalCache, HttpClient } from "../lib/http-client.ts";
import type { PageRef, Platform, ReadResult } from "../platforms/platform.ts";
import type { VendorCache } from "./memory-cache.ts";
import type { PollDeps, ReadOutcome } from "./poll-deps.ts";

/** Fetches and parses the vendor's page; failures are returned as data, never thrown. */
export async function readVendorPage(
  vendor: Pick<Vendor, "slug" | "url" | "feedUrl" | "platform" | "platformOptions"> &
    Partial<Pick<Vendor, "lastPolledAt">>,
  deps: PollDeps,
): Promise<ReadOutcome> {
  const cache = deps.cacheFor?.(vendor.slug);
  const page = { url: vendor.url, feedUrl: vendor.feedUrl, options: vendor.platformOptions };
  cache?.useFor(JSON.stringify([vendor.platform, page]), vendor.lastPolledAt ?? null);
  const platform = deps.platform(vendor.platform);
  try {
    if (!cache) return { ok: true, result: await platform.read(page, { http: deps.http }) };
    const now = deps.now().getTime();
    const fullRead = cache.fullReadDue(now);
    const result = await readKeepingNoBodies(platform, page, { cache, fullRead }, deps.http);
    if (fullRead) cache.fullReadDone(now);
    return { ok: true, result };
  } catch (error) {
    // What arrived could not be read: forget it, so the next poll parses and compares everything.
    deps.cacheFor?.(vendor.slug).clear();
    return { ok: false, error };
  }
}

/**
 * The vendor's memory keeps validators, not bodies. So when some of a page's documents come back
 * unchanged (a 304, or the same bytes) while another changed, the platform had no body for the
 * unchanged ones and its read says nothing true: read once more, this time without validators.
 */
async function readKeepingNoBodies(
  platform: Platform,
  page: PageRef,
  { cache, fullRead }: { cache: VendorCache; fullRead: boolean },
  http: HttpClient,
): Promise<ReadResult> {
  let bodyless = false;
  const watching: HttpClient = {
    async get(url, options) {
      const response = await http.get(url, options);
      if (response.notModified && response.body === "") bodyless = true;
      return response;
    },
  };
  try {
    const ctx = { http: watching, cache, fullRead };
    const result = await platform.read(page, ctx);
    if (result.unchanged || !bodyless) return result;
  } catch (error) {
    if (!bodyless) throw error;
  }
  const validatorsOnlyOnWrite: ConditionalCache = {
    get: () => undefined,
    set: (url, e) => cache.set(url, e),
  };
  return platform.read(page, {
    http,
    cache: validatorsOnlyOnWrite,
    fullRead: true,
  });
}
