// Rendered pages kept as bytes: encoding a large page to UTF-8 on every response was half the server's
// work for a cached page. Each entry has a content ETag (so a revisit can be a 304) and, made on first
// demand, a gzip copy for clients that accept it.

import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";

export interface CachedPage {
  body: Buffer;
  etag: string;
  gzip: Buffer | null;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  put(key: string, html: string): CachedPage;
}

export function createPageCache(max = 200): PageCache {
  const pages = new Map<string, CachedPage>();
  return {
    get: (key) => pages.get(key),
    put(key, html) {
      const page = pageOf(html);
      // Oldest out first, so distinct query strings cannot grow the cache without bound.
      if (pages.size >= max) pages.delete(pages.keys().next().value!);
      pages.set(key, page);
      return page;
    },
  };
}

/** A page's bytes and ETag, to send once (sendPage) or keep. */
export function pageOf(html: string): CachedPage {
  const body = Buffer.from(html, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag, gzip: null };
}

/** Answers with the page: 304 when the client has it, gzip when it accepts gzip. */
export function sendPage(c: Context, page: CachedPage): Response {
  const headers: Record<string, string> = {
    "content-type": "text/html; charset=UTF-8",
    etag: page.etag,
    vary: "accept-encoding",
    // Revalidate every time: the ETag makes that cheap, and the page must stay current.
    "cache-control": "no-cache",
  };
  const known = c.req.header("if-none-match");
  if (known !== undefined && known.split(/\s*,\s*/).includes(page.etag)) return c.body(null, 304, headers);
  if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
    page.gzip ??= gzipSync(page.body);
    return c.body(view(page.gzip), 200, { ...headers, "content-encoding": "gzip" });
  }
  return c.body(view(page.body), 200, headers);
}

/** The same bytes as a plain Uint8Array view (no copy), the type a response body takes. */
function view(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}
