// Cachet 2.x: /api/v1/components (+ /components/groups), /api/v1/incidents (updates embedded, else
// /api/v1/incidents/:id/updates) and /api/v1/schedules; every list paginated as {meta, data}.
import type { z } from "zod";
import type { HttpResponse } from "../lib/http-client.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";
import { isNotFound, joinUrl, jsonDeeperThan, MAX_JSON_DEPTH, parseJsonBody, readJson } from "./payload.ts";
import {
  componentPageSchema,
  groupPageSchema,
  incidentPageSchema,
  schedulePageSchema,
  updatePageSchema,
  type CachetUpdate,
} from "./cachet-schema.ts";
import { mapCachet } from "./cachet-map.ts";

export { mapCachet } from "./cachet-map.ts";

const JSON_ACCEPT = "application/json";
/** Components and groups are read whole, up to this many pages; history is the newest page only. */
export const MAX_PAGES = 10;
export const CACHET_PATHS = {
  components: "/api/v1/components?per_page=100",
  groups: "/api/v1/components/groups?per_page=100",
  incidents: "/api/v1/incidents?sort=id&order=desc&per_page=25",
  schedules: "/api/v1/schedules?per_page=25",
} as const;

/** The page's base: a URL given as …/api/v1 (or with a trailing slash) means the site above it. */
export function cachetBase(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/api\/v1$/i, "");
}

type Envelope<T> = {
  meta?: { pagination?: { links?: { next_page?: string | null } | null } | null } | null;
  data: T[];
};

/** Fetches a list and its next pages (same origin only, at most `maxPages`). */
async function getPages(url: string, ctx: PlatformContext, maxPages: number): Promise<HttpResponse[]> {
  const responses: HttpResponse[] = [];
  let next: string | null = url;
  const origin = new URL(url).origin;
  while (next && responses.length < maxPages) {
    const response: HttpResponse = await ctx.http.get(next, { cache: ctx.cache, accept: JSON_ACCEPT });
    responses.push(response);
    next = nextPage(response, origin);
  }
  return responses;
}

/**
 * The next page's URL from the envelope, without validating the items (that comes later). A 304 page
 * still leads on: its cached body names the next page, which may have changed.
 */
function nextPage(response: HttpResponse, origin: string): string | null {
  // Too deep to parse safely: the page's own validation (readJson) reports it.
  if (jsonDeeperThan(response.body, MAX_JSON_DEPTH)) return null;
  try {
    const body = JSON.parse(response.body) as { meta?: { pagination?: { links?: { next_page?: unknown } } } };
    const link = body.meta?.pagination?.links?.next_page;
    if (typeof link !== "string" || link === "") return null;
    const resolved = new URL(link, response.url);
    return resolved.origin === origin ? resolved.href : null; // never follow a page onto another host
  } catch {
    return null; // the error surfaces when the page itself is validated
  }
}

function readPages<T>(responses: readonly HttpResponse[], schema: z.ZodType<Envelope<T>>, what: string): T[] {
  return responses.flatMap((r) => readJson(r, schema, what).data);
}

async function getOptionalPages(
  url: string,
  ctx: PlatformContext,
  maxPages: number,
): Promise<HttpResponse[]> {
  try {
    return await getPages(url, ctx, maxPages);
  } catch (error) {
    if (isNotFound(error)) return []; // older Cachet: no groups or no schedules endpoint
    throw error;
  }
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const base = cachetBase(page.url);
  const [components, groups, incidents, schedules] = await Promise.all([
    getPages(joinUrl(base, CACHET_PATHS.components), ctx, MAX_PAGES),
    getOptionalPages(joinUrl(base, CACHET_PATHS.groups), ctx, MAX_PAGES),
    getPages(joinUrl(base, CACHET_PATHS.incidents), ctx, 1),
    getOptionalPages(joinUrl(base, CACHET_PATHS.schedules), ctx, 1),
  ]);
  const lists = [...components, ...groups, ...incidents, ...schedules];
  if (lists.every((r) => r.notModified)) return { unchanged: true };
  const incidentList = readPages(incidents, incidentPageSchema, "Cachet incident list");
  const updates = new Map<string, CachetUpdate[]>();
  await Promise.all(
    incidentList
      .filter((i) => i.updates === null || i.updates === undefined)
      .map(async (i) => {
        // toWellFormed: an id with a lone surrogate would make encodeURIComponent throw a URIError.
        const id = encodeURIComponent(i.id.toWellFormed());
        const url = joinUrl(base, `/api/v1/incidents/${id}/updates?per_page=100`);
        const responses = await getOptionalPages(url, ctx, 1);
        updates.set(i.id, readPages(responses, updatePageSchema, "Cachet incident update list"));
      }),
  );
  const snapshot = mapCachet(
    {
      components: readPages(components, componentPageSchema, "Cachet component list"),
      groups: readPages(groups, groupPageSchema, "Cachet component group list"),
      incidents: incidentList,
      updates,
      schedules: readPages(schedules, schedulePageSchema, "Cachet schedule list"),
    },
    base,
  );
  return { unchanged: false, snapshot };
}

/** GET /api/v1/ping answering {"data":"Pong!"} and /api/v1/version answering {"data":"<version>"}. */
async function detect(url: string, ctx: PlatformContext): Promise<Detection | null> {
  const base = cachetBase(url);
  const [ping, version] = await Promise.all([
    getData(joinUrl(base, "/api/v1/ping"), ctx),
    getData(joinUrl(base, "/api/v1/version"), ctx),
  ]);
  const pong = typeof ping === "string" && /^pong!?$/i.test(ping);
  const versioned = typeof version === "string" && /^v?\d+\.\d+/.test(version);
  if (!pong && !versioned) return null;
  const found = [
    pong ? "GET /api/v1/ping answered Pong!" : "",
    versioned ? `/api/v1/version says ${version}` : "",
  ];
  return {
    kind: "cachet",
    confidence: pong && versioned ? 0.95 : 0.8,
    evidence: `${found.filter(Boolean).join(", ")} (Cachet API)`,
  };
}

async function getData(url: string, ctx: PlatformContext): Promise<unknown> {
  try {
    const body = parseJsonBody(await ctx.http.get(url, { accept: JSON_ACCEPT }));
    return typeof body === "object" && body !== null && "data" in body ? body.data : null;
  } catch {
    return null; // detection says "no", it does not fail
  }
}

export const cachet = definePlatform({
  kind: "cachet",
  pageUrl: cachetBase,
  tried: "/api/v1/ping, /api/v1/version",
  detect,
  read,
});
