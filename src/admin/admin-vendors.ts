// Admin API for vendors: add by URL (as `pingoru vendors add`), remove, pause/resume, choose components.
// Mounted inside the admin API, so the bearer token guards it.
import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { describeError, isPingoruError, PingoruError, type ErrorKind } from "../lib/errors.ts";
import { htmlOptionsSchema, htmlPagePlatform } from "../platforms/html-options.ts";
import type { AddedVendor, AddVendorInput } from "../poller/add-vendor.ts";
import type { Store } from "../store/store.ts";
import { MAX_INTERVAL_SECONDS, type Vendor } from "../domain/vendor.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";

/** Adds a vendor and runs its baseline poll; absent when the app has no poller (then 501). */
export type AddVendorFn = (input: AddVendorInput) => Promise<AddedVendor>;

const AddBody = z.strictObject({
  url: z.string().min(1),
  slug: z.string().min(1).optional(),
  name: z.string().optional(),
  platform: z.enum(PLATFORM_KINDS).optional(),
  feed: z.string().min(1).optional(),
  interval: z.number().int().min(1).max(MAX_INTERVAL_SECONDS).optional(),
  components: z.array(z.string().min(1)).optional(),
  /** A page with no API: its selectors (platform html), as in the config file. */
  html: htmlOptionsSchema.optional(),
});
const ComponentsBody = z.strictObject({ components: z.array(z.string().min(1)).nullable() });

export function serializeAdminVendor(vendor: Vendor) {
  return {
    slug: vendor.slug,
    name: vendor.name,
    url: vendor.url,
    platform: vendor.platform,
    feed_url: vendor.feedUrl,
    interval_seconds: vendor.intervalSeconds,
    watched_components: vendor.watchedComponents,
    platform_options: vendor.platformOptions,
    paused: vendor.paused,
    stale: vendor.stale,
    last_error: vendor.lastError,
  };
}

export function createVendorAdminApi(store: Store, now: () => Date, add: AddVendorFn | undefined): Hono {
  const api = new Hono();
  api.post("/", async (c) => {
    if (add === undefined) return c.json({ error: "adding vendors needs the poller (pingoru serve)" }, 501);
    const { html, ...body } = parse(AddBody, await readBody(c));
    try {
      const page = htmlPagePlatform({ platform: body.platform, html });
      const added = await add({ ...body, ...page, feedUrl: body.feed, intervalSeconds: body.interval });
      return c.json(
        {
          vendor: serializeAdminVendor(added.vendor),
          detection: added.detection && { kind: added.detection.kind, evidence: added.detection.evidence },
          baseline: added.baseline.ok ? { ok: true } : { ok: false, error: added.baseline.error },
        },
        201,
      );
    } catch (error) {
      return failure(c, error);
    }
  });
  api.delete("/:slug", async (c) => {
    if (!(await store.removeVendor(c.req.param("slug")))) throw noVendor(c.req.param("slug"));
    return c.body(null, 204);
  });
  for (const [verb, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const)
    api.post(`/:slug/${verb}`, async (c) => {
      const slug = c.req.param("slug");
      if (!(await store.setVendorPaused(slug, paused))) throw noVendor(slug);
      return c.json(serializeAdminVendor((await store.getVendor(slug))!));
    });
  api.put("/:slug/components", async (c) => {
    const { components } = parse(ComponentsBody, await readBody(c));
    const vendor = await setWatchedComponents(store, c.req.param("slug"), components, now());
    return c.json(serializeAdminVendor(vendor));
  });
  return api;
}

/** Replaces the vendor's watched components (null: all); the other user fields stay as they are. */
export async function setWatchedComponents(
  store: Store,
  slug: string,
  components: readonly string[] | null,
  now: Date,
): Promise<Vendor> {
  const vendor = await store.getVendor(slug);
  if (vendor === null) throw noVendor(slug);
  const unique = components === null ? null : [...new Set(components)];
  return store.upsertVendor(
    {
      slug,
      url: vendor.url,
      platform: vendor.platform,
      feedUrl: vendor.feedUrl,
      intervalSeconds: vendor.intervalSeconds,
      watchedComponents: unique,
      platformOptions: vendor.platformOptions,
    },
    now.toISOString(),
  );
}

export const noVendor = (slug: string) => new PingoruError("not_found", `no vendor ${JSON.stringify(slug)}`);

// The user's mistakes (a bad or private URL, a taken slug) are 4xx; the page's failures are 502.
const STATUS_BY_KIND: Partial<Record<ErrorKind, 400 | 404 | 409>> = {
  input: 400,
  blocked: 400,
  detect: 400,
  not_found: 404,
  conflict: 409,
};

export function failureStatus(error: unknown): 400 | 404 | 409 | 502 {
  return (isPingoruError(error) && STATUS_BY_KIND[error.kind]) || 502;
}

function failure(c: Context, error: unknown) {
  if (!isPingoruError(error)) throw error;
  return c.json({ error: describeError(error) }, failureStatus(error));
}

export async function readBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new PingoruError("input", "the body must be a JSON object");
  }
}

/** The body checked against the schema; the first issue is the one-line error, its key first. */
export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new PingoruError("input", `${where}${issue?.message ?? "invalid body"}`);
  }
  return result.data;
}
