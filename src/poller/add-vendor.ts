// Adding a vendor: find its platform, name it, store it, and load its history as the baseline.
import type { CatalogEntry } from "../catalog/catalog.ts";
import { resolveVendorRequest } from "../catalog/resolve-vendor.ts";
import { slugFromUrl, slugify } from "../domain/slug.ts";
import { PingoruError, isPingoruError, type ErrorKind } from "../lib/errors.ts";
import { assertSavableUrl } from "../lib/safe-url.ts";
import type { Detection, PlatformContext } from "../platforms/platform.ts";
import { recordPoll, type PollDeps, type PollOutcome } from "./poll-vendor.ts";
import { pageKey } from "../platforms/registry.ts";
import { readVendorPage } from "./read-page.ts";
import type { Vendor } from "../domain/vendor.ts";
import type { PlatformOptions } from "../domain/vendor.ts";

const UNFIXABLE: ReadonlySet<ErrorKind> = new Set(["blocked", "input"]);

export interface AddVendorInput {
  url: string;
  name?: string | undefined;
  slug?: string | undefined;
  platform?: string | undefined;
  intervalSeconds?: number | undefined;
  feedUrl?: string | undefined;
  components?: readonly string[] | undefined;
  /** The platform's own settings (html: its selectors). */
  platformOptions?: PlatformOptions | null | undefined;
  /** A catalog category; filled from the catalog when the URL is a catalog slug, name or page. */
  category?: string | null | undefined;
}

export interface AddVendorDeps extends PollDeps {
  detect: (url: string, ctx: PlatformContext) => Promise<Detection>;
  /** Where slugs and names like "github" are looked up; the built-in catalog when absent. */
  catalog?: readonly CatalogEntry[];
}

export interface AddedVendor {
  vendor: Vendor;
  detection: Detection | null;
  baseline: PollOutcome;
}

/**
 * Adds (or, with `update`, updates) a vendor and polls it once: everything that first poll loads is
 * history (the baseline) and notifies nothing. A failed first poll still adds the vendor, marked stale.
 */
export async function addVendor(
  request: AddVendorInput,
  deps: AddVendorDeps,
  update = false,
): Promise<AddedVendor> {
  const input = resolveVendorRequest(request, deps.catalog);
  // A page or feed on a forbidden address (cloud metadata) is refused before anything is stored.
  const url = assertSavableUrl(input.url).toString().replace(/\/$/, "");
  if (input.feedUrl) assertSavableUrl(input.feedUrl);
  const slug = input.slug ? checkedSlug(input.slug) : slugFromUrl(url);
  const vendors = await deps.store.listVendors();
  // One page, one vendor: a second would record it twice and notify twice. An update is its own page.
  const others = update ? vendors.filter((v) => v.slug !== slug) : vendors;
  assertNotWatched(others, url, input.platform);
  const existing = vendors.find((v) => v.slug === slug) ?? null;
  if (existing && !update) throw takenSlug(existing, url, input.slug === undefined, vendors);
  // An update never points a slug at another page: the two pages' histories would merge under it.
  const samePage = (v: Vendor) => pageKey(v.url, v.platform) === pageKey(url, v.platform);
  if (existing && (!samePage(existing) || (input.platform && input.platform !== existing.platform)))
    throw new PingoruError(
      "conflict",
      `vendor "${slug}" watches ${existing.url} (${existing.platform}), not ${url}${input.platform ? ` (${input.platform})` : ""}: ` +
        `give this page a slug of its own, or remove "${slug}" first (pingoru vendors remove ${slug}), which deletes its record`,
    );
  // A stored vendor keeps the platform (and feed) found when it was added: a restart that syncs the
  // config file's vendors again never detects again.
  const detection = input.platform || existing ? null : await deps.detect(url, { http: deps.http });
  const platform = input.platform ?? existing?.platform ?? detection!.kind;
  // The detected platform may know the page by another of its URLs (cachet's …/api/v1).
  if (detection) assertNotWatched(others, url, platform);
  const feedUrl = input.feedUrl ?? (existing ? existing.feedUrl : (detection?.feedUrl ?? null));
  const platformOptions = input.platformOptions ?? null;
  const probe = { slug, url, platform, feedUrl, platformOptions };
  const read = existing ? null : await readVendorPage(probe, deps);
  // A page Pingoru may never fetch (blocked address, bad URL) is refused, not stored as forever stale.
  if (read && !read.ok && isPingoruError(read.error) && UNFIXABLE.has(read.error.kind)) throw read.error;
  const fields = {
    slug,
    url,
    platform,
    // An empty name lets the page's own name (from the first poll) stand until the user gives one.
    name: input.name ?? "",
    feedUrl,
    intervalSeconds: input.intervalSeconds ?? null,
    watchedComponents: input.components ? [...input.components] : null,
    platformOptions,
    category: input.category,
  };
  const now = deps.now().toISOString();
  const vendor = update
    ? await deps.store.upsertVendor(fields, now)
    : await deps.store.addVendor(fields, now);
  // The next poll is due at once, so a running `serve` takes the vendor over on its own schedule.
  const baseline = read
    ? await recordPoll(vendor, read, { ...deps, defaultIntervalSeconds: 0 })
    : { ok: true, unchanged: true, events: [], deliveries: 0 };
  return { vendor: (await deps.store.getVendor(slug)) ?? vendor, detection, baseline };
}

function assertNotWatched(vendors: readonly Vendor[], url: string, platform: string | undefined): void {
  const key = pageKey(url, platform);
  const same = vendors.find((v) => pageKey(v.url, v.platform) === key);
  if (same) throw new PingoruError("conflict", `${url} is already watched as \`${same.slug}\``);
}

/** The slug is another page's; one derived from the host comes with a free one to give instead. */
function takenSlug(owner: Vendor, url: string, derived: boolean, vendors: readonly Vendor[]): PingoruError {
  const taken = `the slug "${owner.slug}" is taken by ${owner.url}`;
  if (!derived) return new PingoruError("conflict", `${taken}: choose another`);
  return new PingoruError(
    "conflict",
    `${taken}: give this page its own with --slug ${freeSlug(url, vendors)}`,
  );
}

/** The page's whole host (and port) as a slug, numbered on until no vendor has it. */
function freeSlug(url: string, vendors: readonly Vendor[]): string {
  const base = slugify(new URL(url).host.replace(/^www\./, "")).slice(0, 60) || "vendor";
  const used = new Set(vendors.map((v) => v.slug));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

function checkedSlug(slug: string): string {
  if (slugify(slug) !== slug)
    throw new PingoruError("input", `invalid slug "${slug}": use lower-case letters, digits and dashes`);
  return slug;
}
