// Finding a page's feed: <link rel="alternate" type="application/rss+xml|atom+xml"> in its HTML,
// else the usual paths status-page software serves one at.
import type { PlatformContext } from "./platform.ts";
import { joinUrl } from "./payload.ts";
import { looksLikeFeed } from "./feed-parse.ts";

export const FEED_PATHS = ["/history.atom", "/history.rss", "/feed.rss", "/feed.atom"] as const;

/** Feed URLs an HTML page advertises, absolute, in document order. */
export function feedLinksInHtml(html: string, pageUrl: string): string[] {
  const links: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(tag)?.[1];
    if (!/\balternate\b/i.test(attr("rel") ?? "")) continue;
    if (!/application\/(rss|atom)\+xml/i.test(attr("type") ?? "")) continue;
    const href = attr("href");
    if (!href) continue;
    try {
      links.push(new URL(href.replace(/&amp;/g, "&"), pageUrl).toString());
    } catch {
      // an unusable href is not a feed
    }
  }
  return links;
}

/** The page's feed URL: advertised in its HTML, else the first usual path that serves a feed. */
export async function discoverFeed(
  pageUrl: string,
  html: string,
  ctx: PlatformContext,
): Promise<string | null> {
  const advertised = feedLinksInHtml(html, pageUrl)[0];
  if (advertised) return advertised;
  for (const path of FEED_PATHS) {
    const url = joinUrl(pageUrl, path);
    try {
      const response = await ctx.http.get(url, {
        accept: "application/atom+xml, application/rss+xml, text/xml",
      });
      if (looksLikeFeed(response.body)) return url;
    } catch {
      // not served here; try the next usual path
    }
  }
  return null;
}
