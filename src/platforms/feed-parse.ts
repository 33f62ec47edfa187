// RSS 2.0 / Atom 1.0 → a flat list of items. No entity expansion, ever: a DOCTYPE is refused
// before parsing, the parser's entity processing is off, and only XML's five predefined entities
// and numeric references are decoded here, once.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import type { Iso } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import { toIso } from "../lib/time.ts";
import { looksLikeHtml } from "./payload.ts";

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

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: "#cdata",
  trimValues: false,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

const node = z.unknown();
const rssTree = z.object({ rss: z.object({ channel: z.record(z.string(), node) }) });
const atomTree = z.object({ feed: z.record(z.string(), node) });

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
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new PingoruError("parse", `invalid XML from ${url}: ${msg.replace(/\s+/g, " ")} (line ${line})`, {
      url,
    });
  }
  const tree = parseTree(body, url);
  const rss = rssTree.safeParse(tree);
  if (rss.success) return rssDocument(rss.data.rss.channel);
  const atom = atomTree.safeParse(tree);
  if (atom.success) return atomDocument(atom.data.feed);
  throw new PingoruError("shape", `${url} is not an RSS 2.0 or Atom 1.0 feed`, { url });
}

// The parser throws plain errors for what the validator lets through (tags nested past its limit).
function parseTree(body: string, url: string): unknown {
  try {
    return parser.parse(body) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, " ") : "unreadable";
    throw new PingoruError("parse", `invalid XML from ${url}: ${reason}`, { url, cause: error });
  }
}

function rssDocument(channel: Record<string, unknown>): FeedDocument {
  const items = asArray(channel["item"]).map((raw) => {
    const item = asRecord(raw);
    const description = text(item["description"]);
    return {
      guid: text(item["guid"]) || null,
      link: asArray(item["link"]).map(text).find(Boolean) ?? null,
      title: text(item["title"]).trim(),
      published: toIso(text(item["pubDate"]) || text(item["dc:date"])),
      updated: null,
      content: text(item["content:encoded"]) || description,
      summary: description,
    };
  });
  return {
    format: "rss",
    title: text(channel["title"]).trim(),
    author: text(channel["managingEditor"]).trim() || null,
    generator: text(channel["generator"]).trim() || null,
    updated: toIso(text(channel["lastBuildDate"]) || text(channel["pubDate"])),
    items,
  };
}

function atomDocument(feed: Record<string, unknown>): FeedDocument {
  const items = asArray(feed["entry"]).map((raw) => {
    const entry = asRecord(raw);
    const content = text(entry["content"]);
    const summary = text(entry["summary"]);
    return {
      guid: text(entry["id"]).trim() || null,
      link: atomLink(entry["link"]),
      title: text(entry["title"]).trim(),
      published: toIso(text(entry["published"])),
      updated: toIso(text(entry["updated"])),
      content: content || summary,
      summary: summary || content,
    };
  });
  return {
    format: "atom",
    title: text(feed["title"]).trim(),
    author: text(asRecord(feed["author"])["name"]).trim() || null,
    generator: text(feed["generator"]).trim() || null,
    updated: toIso(text(feed["updated"])),
    items,
  };
}

/** The alternate (or rel-less) link's href. */
function atomLink(value: unknown): string | null {
  const links = asArray(value).map(asRecord);
  const pick = links.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? links[0];
  const href = pick ? pick["@_href"] : undefined;
  return typeof href === "string" && href ? decodeXml(href).trim() : null;
}

/** A node's text: its decoded text plus its CDATA (which is never decoded). */
function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === "string") return decodeXml(value);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const plain = typeof record["#text"] === "string" ? decodeXml(record["#text"]) : "";
    return plain + asArray(record["#cdata"]).map(String).join("");
  }
  return "";
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's predefined entities and character references only; anything else is left as written. */
export function decodeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name.toLowerCase()] ?? whole;
  });
}
