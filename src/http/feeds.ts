// Feeds of incident updates, one entry per update, newest first: per vendor
// (/vendors/:slug/feed.atom|rss|json) and for all vendors (/feed.atom|rss|json).
import { Hono } from "hono";
import { etag } from "hono/etag";
import type { Context } from "hono";
import type { Store } from "../store/store.ts";
import { toFeedEntries, type FeedMeta } from "./feed-entries.ts";
import { FEED_TYPES, renderFeed, type FeedFormat } from "./feed-formats.ts";
import { publicBase } from "./public-base.ts";
import { parseLimit } from "./query.ts";
import type { Vendor } from "../domain/vendor.ts";

export interface FeedDeps {
  store: Store;
  now: () => Date;
  publicUrl?: string | null;
}

const FORMATS = Object.keys(FEED_TYPES) as FeedFormat[];

export function createFeeds(deps: FeedDeps): Hono {
  const feeds = new Hono();
  for (const format of FORMATS) {
    // Feed readers poll: an ETag lets them get a 304 instead of the whole feed.
    feeds.get(`/feed.${format}`, etag(), (c) => serveFeed(c, deps, format, null));
    feeds.get(`/vendors/:slug/feed.${format}`, etag(), async (c) => {
      const vendor = await deps.store.getVendor(c.req.param("slug"));
      if (vendor === null) return c.text("no such vendor", 404);
      return serveFeed(c, deps, format, vendor);
    });
  }
  return feeds;
}

async function serveFeed(c: Context, deps: FeedDeps, format: FeedFormat, vendor: Vendor | null) {
  const base = publicBase(c, deps.publicUrl);
  const [updates, vendors] = await Promise.all([
    deps.store.listRecentUpdates({ limit: parseLimit(c.req.query("limit")), vendor: vendor?.slug ?? null }),
    vendor === null ? deps.store.listVendors() : Promise.resolve([vendor]),
  ]);
  const entries = toFeedEntries(updates, new Map(vendors.map((v) => [v.slug, v.name])), base);
  const path = vendor === null ? "" : `/vendors/${encodeURIComponent(vendor.slug)}`;
  const meta: FeedMeta = {
    title: vendor === null ? "Pingoru: all vendors" : `Pingoru: ${vendor.name}`,
    selfUrl: `${base}${path}/feed.${format}`,
    homeUrl: `${base}${path === "" ? "/" : path}`,
    description:
      vendor === null
        ? "Every incident update of every watched vendor, newest first."
        : `Every incident update of ${vendor.name}, newest first.`,
    updated: entries[0]?.at ?? deps.now().toISOString(),
  };
  return c.body(renderFeed(format, meta, entries), 200, {
    "content-type": FEED_TYPES[format],
    "cache-control": "public, max-age=60",
  });
}
