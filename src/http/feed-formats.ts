// The three feed formats over the same entries: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1. Pure.
import type { FeedEntry, FeedMeta } from "./feed-entries.ts";

export const FEED_TYPES = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
} as const;
export type FeedFormat = keyof typeof FEED_TYPES;

export function renderFeed(format: FeedFormat, meta: FeedMeta, entries: readonly FeedEntry[]): string {
  if (format === "atom") return renderAtom(meta, entries);
  if (format === "rss") return renderRss(meta, entries);
  return JSON.stringify(toJsonFeed(meta, entries), null, 2);
}

function renderAtom(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const items = entries.map(
    (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title type="text">${xml(e.title)}</title>
    <updated>${e.at}</updated>
    <published>${e.at}</published>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>${
      e.vendorLink ? `\n    <link rel="related" type="text/html" href="${xml(e.vendorLink)}"/>` : ""
    }
    <author><name>${xml(e.vendorName)}</name></author>
    <category term="${xml(e.status)}"/>
    <content type="html">${xml(e.contentHtml)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(meta.selfUrl)}</id>
  <title type="text">${xml(meta.title)}</title>
  <subtitle type="text">${xml(meta.description)}</subtitle>
  <updated>${meta.updated}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(meta.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(meta.homeUrl)}"/>
  <author><name>Pingoru</name></author>
  <generator>Pingoru</generator>
${items.join("\n")}
</feed>
`;
}

function renderRss(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const items = entries.map(
    (e) => `    <item>
      <title>${xml(e.title)}</title>
      <link>${xml(e.link)}</link>
      <guid isPermaLink="false">${xml(e.id)}</guid>
      <pubDate>${rfc822(e.at)}</pubDate>
      <category>${xml(e.status)}</category>
      <description>${xml(e.contentHtml)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xml(meta.title)}</title>
    <link>${xml(meta.homeUrl)}</link>
    <description>${xml(meta.description)}</description>
    <lastBuildDate>${rfc822(meta.updated)}</lastBuildDate>
    <atom:link href="${xml(meta.selfUrl)}" rel="self" type="application/rss+xml"/>
    <generator>Pingoru</generator>
${items.join("\n")}
  </channel>
</rss>
`;
}

function toJsonFeed(meta: FeedMeta, entries: readonly FeedEntry[]) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: meta.title,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    description: meta.description,
    authors: [{ name: "Pingoru" }],
    items: entries.map((e) => ({
      id: e.id,
      url: e.link,
      ...(e.vendorLink ? { external_url: e.vendorLink } : {}),
      title: e.title,
      content_html: e.contentHtml,
      date_published: e.at,
      tags: [e.status],
      authors: [{ name: e.vendorName }],
    })),
  };
}

// Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot even be
// escaped: a vendor message holding one would make the whole feed unreadable, so they are dropped.
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    cp >= 0x10000
  );
}

function dropInvalid(text: string): string {
  let out = "";
  for (const ch of text) if (isXmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

export function xml(text: string): string {
  return dropInvalid(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** RSS dates: RFC 822 with a four-digit year, in GMT ("Fri, 01 May 2024 10:05:00 GMT"). */
const rfc822 = (iso: string) => new Date(iso).toUTCString();
