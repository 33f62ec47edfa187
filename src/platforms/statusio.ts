// status.io: the public status document at https://api.status.io/1.0/status/<page_id>.
// The page URL may be that API URL itself, or the hosted status page (e.g. https://status.gitlab.com),
// whose HTML names its page id in status.io's own links (see findStatusioPageId).
import { PingoruError } from "../lib/errors.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { looksLikeHtml, parseJsonBody, readJson } from "./payload.ts";
import { statusDocumentSchema } from "./statusio-schema.ts";
import { mapStatusio, type StatusioLinks } from "./statusio-map.ts";

export { mapStatusio } from "./statusio-map.ts";

export const STATUSIO_API = "https://api.status.io/1.0/status/";
const PAGE_ID = "[0-9a-f]{24}"; // status.io ids are 24-hex object ids
const API_PATH = new RegExp(`/1\\.0/status/(${PAGE_ID})/?$`, "i");

/**
 * Markers a status.io hosted page carries, each naming the page id: its feeds (/pages/<id>/rss,
 * /pages/<id>/atom), its history (/pages/history/<id>), incident and maintenance pages
 * (/pages/incident/<id>/<incident>, /pages/maintenance/<id>/<maintenance>), and any direct link to
 * the public API (api.status.io/1.0/status/<id>).
 */
const PAGE_MARKERS = [
  new RegExp(`/pages/(${PAGE_ID})/(?:rss|atom|subscribe)\\b`, "i"),
  new RegExp(`/pages/(?:history|incident|maintenance)/(${PAGE_ID})\\b`, "i"),
  new RegExp(`api\\.status\\.io/1\\.0/(?:status|summary|incidents)/(${PAGE_ID})\\b`, "i"),
];

/** The page id named by the API URL itself (…/1.0/status/<id>), else null. */
export function statusioApiPageId(url: string): string | null {
  try {
    return API_PATH.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? null;
  } catch {
    return null;
  }
}

/** The page id a status.io hosted page's HTML names, else null. */
export function findStatusioPageId(html: string): string | null {
  for (const marker of PAGE_MARKERS) {
    const id = marker.exec(html)?.[1];
    if (id) return id.toLowerCase();
  }
  return null;
}

interface Resolved {
  apiUrl: string;
  links: StatusioLinks;
}

async function resolve(url: string, ctx: PlatformContext): Promise<Resolved> {
  const direct = statusioApiPageId(url);
  if (direct)
    return { apiUrl: url.replace(/\/+$/, ""), links: { pageId: direct, origin: "https://status.io" } };
  // Only the page id matters here, so the page's own freshness does not decide "unchanged".
  const page = await ctx.http.get(url, { cache: ctx.cache, accept: "text/html" });
  const pageId = findStatusioPageId(page.body);
  if (!pageId) {
    throw new PingoruError(
      "shape",
      `no status.io page id found in ${url} (looked for /pages/<id>/rss and similar links)`,
      {
        url,
      },
    );
  }
  return { apiUrl: STATUSIO_API + pageId, links: { pageId, origin: new URL(page.url).origin } };
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const { apiUrl, links } = await resolve(page.url, ctx);
  const response = await ctx.http.get(apiUrl, { cache: ctx.cache, accept: "application/json" });
  if (response.notModified) return { unchanged: true };
  const document = readJson(response, statusDocumentSchema, "status.io status");
  // The document lists open incidents and active or upcoming maintenances only: one that drops out ended.
  return { unchanged: false, snapshot: { ...mapStatusio(document, links), listsAllOpen: true } };
}

/** The API URL answering a status document → 0.95; a page whose HTML names a status.io page id → 0.85. */
async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  try {
    if (statusioApiPageId(url)) {
      const response = await ctx.http.get(url, { accept: "application/json" });
      if (!statusDocumentSchema.safeParse(parseJsonBody(response)).success) return null;
      return { kind: "statusio", confidence: 0.95, evidence: `${url} returned a status.io status document` };
    }
    const page = await ctx.http.get(url, { accept: "text/html" });
    const pageId =
      looksLikeHtml(page.body) || /<html/i.test(page.body) ? findStatusioPageId(page.body) : null;
    if (!pageId) return null;
    return {
      kind: "statusio",
      confidence: 0.85,
      evidence: `the page links to status.io page ${pageId} (read from ${STATUSIO_API}${pageId})`,
    };
  } catch {
    return null; // detection says "no", it does not fail
  }
}

export const statusio = definePlatform({
  kind: "statusio",
  tried: "api.status.io/1.0/status/<id> or /pages/<id> links",
  detect,
  read,
});
