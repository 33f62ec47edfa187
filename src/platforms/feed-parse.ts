// RSS 2.0 / Atom 1.0 → a flat list of items. No entity expansion, ever: a DOCTYPE is refused
// before parsing, and only XML's five predefined entities and numeric references are decoded, once
// (xml-tree.ts, which also caps nesting and size while it reads).
import { XMLValidator } from "fast-xml-parser";
import type { Iso } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import { toIso } from "../lib/time.ts";
import { looksLikeHtml } from "./payload.ts";
import { childNamed, childrenNamed, decodeXml, readXmlTree, textOf, type XmlElement } from "./xml-tree.ts";

export { decodeXml };

export interface FeedItem {
  /** RSS guid or Atom id. */
  guid: string | null;
  link: string | null;
  title: string;
  published: Iso | null;
  updated: Iso | null;
  /** HTML (already XML-decoded): Atom content / RSS content:encoded or description. */
  content: string;
  /** HTML: Atom summary / RSS description (incident.io puts the component list here). */
  summary: string;
}

export interface FeedDocument {
  format: "rss" | "atom";
  title: string;
  /** Atom author / RSS managingEditor: the organisation, when the feed names it. */
  author: string | null;
  generator: string | null;
  updated: Iso | null;
  items: FeedItem[];
}

/** True when the body is XML that claims to be a feed (used by detection, no parsing). */
export function looksLikeFeed(body: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed)[\s>]/i.test(body);
}

export function parseFeed(body: string, url: string): FeedDocument {
  if (/<!DOCTYPE/i.test(body) && !looksLikeHtml(body)) {
    throw new PingoruError(
      "parse",
      `refusing a feed with a DOCTYPE from ${url} (entities are never expanded)`,
      {
        url,
      },
    );
  }
  if (looksLikeHtml(body))
    throw new PingoruError("shape", `expected a feed but got an HTML page from ${url}`, { url });
  // The bounded read comes first: the validator, too, builds a stack as deep as the body nests.
  const roots = readXmlTree(body, url);
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new PingoruError("parse", `invalid XML from ${url}: ${msg.replace(/\s+/g, " ")} (line ${line})`, {
      url,
    });
  }
  const root = roots.find((element) => element.name === "rss" || element.name === "feed");
  const channel = root?.name === "rss" ? childNamed(root, "channel") : undefined;
  const field = fieldReader(url);
  if (channel) return rssDocument(channel, field);
  if (root?.name === "feed") return atomDocument(root, field);
  throw new PingoruError("shape", `${url} is not an RSS 2.0 or Atom 1.0 feed`, { url });
}

function rssDocument(channel: XmlElement, field: FieldReader): FeedDocument {
  const items = childrenNamed(channel, "item").map((item) => {
    const description = field(item, "description");
    return {
      guid: field(item, "guid") || null,
      link:
        childrenNamed(item, "link")
          .map((link) => field(link, null))
          .find(Boolean) ?? null,
      title: field(item, "title").trim(),
      published: toIso(field(item, "pubDate") || field(item, "dc:date")),
      updated: null,
      content: field(item, "content:encoded") || description,
      summary: description,
    };
  });
  return {
    format: "rss",
    title: field(channel, "title").trim(),
    author: field(channel, "managingEditor").trim() || null,
    generator: field(channel, "generator").trim() || null,
    updated: toIso(field(channel, "lastBuildDate") || field(channel, "pubDate")),
    items,
  };
}

function atomDocument(feed: XmlElement, field: FieldReader): FeedDocument {
  const items = childrenNamed(feed, "entry").map((entry) => {
    const content = field(entry, "content");
    const summary = field(entry, "summary");
    return {
      guid: field(entry, "id").trim() || null,
      link: atomLink(childrenNamed(entry, "link")),
      title: field(entry, "title").trim(),
      published: toIso(field(entry, "published")),
      updated: toIso(field(entry, "updated")),
      content: content || summary,
      summary: summary || content,
    };
  });
  return {
    format: "atom",
    title: field(feed, "title").trim(),
    author: field(childNamed(feed, "author"), "name").trim() || null,
    generator: field(feed, "generator").trim() || null,
    updated: toIso(field(feed, "updated")),
    items,
  };
}

/** An update is a few kilobytes; a history entry with every update of a long incident, some tens. */
export const MAX_FEED_TEXT = 512 * 1024;

/** The decoded text of an element's first child with this name (or of the element itself, name null). */
type FieldReader = (element: XmlElement | undefined, name: string | null) => string;

/** Reads decoded text, refusing a value over MAX_FEED_TEXT characters. */
function fieldReader(url: string): FieldReader {
  return (element, name) => {
    const target = name === null ? element : childNamed(element, name);
    const text = textOf(target);
    if (text.length <= MAX_FEED_TEXT) return text;
    const what = `a <${target?.name ?? name}> of more than ${MAX_FEED_TEXT} characters`;
    throw new PingoruError("parse", `feed from ${url} has ${what}`, { url });
  };
}

/** The alternate (or rel-less) link's href. */
function atomLink(links: readonly XmlElement[]): string | null {
  const pick = links.find((l) => !l.attributes["rel"] || l.attributes["rel"] === "alternate") ?? links[0];
  const href = pick?.attributes["href"];
  return href ? decodeXml(href).trim() : null;
}
