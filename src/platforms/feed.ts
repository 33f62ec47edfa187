// Any RSS 2.0 / Atom 1.0 incident feed (Statuspage's history.atom included).
// Reads PageRef.feedUrl, else the page URL; when that is an HTML page, the feed it advertises
// (or serves at a usual path).
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { PingoruError } from "../lib/errors.ts";
import { looksLikeFeed, parseFeed } from "./feed-parse.ts";
import { mapFeed } from "./feed-map.ts";
import { discoverFeed } from "./feed-discover.ts";
import { looksLikeHtml } from "./payload.ts";

export { mapFeed } from "./feed-map.ts";

export const FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8";

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  let response = await ctx.http.get(page.feedUrl ?? page.url, { cache: ctx.cache, accept: FEED_ACCEPT });
  if (!page.feedUrl && looksLikeHtml(response.body) && !looksLikeFeed(response.body)) {
    const found = await discoverFeed(page.url, response.body, ctx);
    if (!found)
      throw new PingoruError("shape", `no RSS or Atom feed found at ${page.url}`, { url: page.url });
    // Only the feed's own freshness matters: the HTML page was read just to find it.
    response = await ctx.http.get(found, { cache: ctx.cache, accept: FEED_ACCEPT });
  }
  if (response.notModified) return { unchanged: true };
  return { unchanged: false, snapshot: mapFeed(parseFeed(response.body, response.url)) };
}

/** The URL itself is a feed → 0.95; a page that links to one or serves one at a usual path → 0.5. */
async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    const response = await ctx.http.get(url, { accept: `${FEED_ACCEPT}, text/html;q=0.7` });
    const type = response.headers["content-type"] ?? "";
    if (looksLikeFeed(response.body) || /(rss|atom)\+xml/i.test(type)) {
      parseFeed(response.body, response.url);
      return { kind: "feed", confidence: 0.95, evidence: `${url} is an RSS/Atom feed` };
    }
    const found = await discoverFeed(url, response.body, ctx);
    return found
      ? { kind: "feed", confidence: 0.5, evidence: `found an RSS/Atom feed at ${found}`, feedUrl: found }
      : null;
  } catch {
    return null;
  }
}

export const feed = definePlatform({
  kind: "feed",
  tried:
    "RSS/Atom at the URL, its <link rel=alternate> and /history.atom, /history.rss, /feed.rss, /feed.atom",
  detect,
  read,
});
