// What Pingoru reads from a status page, without storing anything: `pingoru check` and the admin
// page's "add a vendor" preview both show it, so the user sees the record before committing to it.
import type { ComponentSnapshot, Incident } from "../domain/model.ts";
import { buildIncident, componentOrder } from "../domain/record.ts";
import { assertSafeUrl } from "../lib/safe-url.ts";
import type { HttpClient } from "../lib/http-client.ts";
import type { Detection, Platform, PlatformContext } from "../platforms/platform.ts";
import type { PlatformOptions } from "../domain/vendor.ts";

export interface PreviewInput {
  url: string;
  platform?: string | undefined;
  feedUrl?: string | undefined;
  platformOptions?: PlatformOptions | null | undefined;
}

export interface PreviewDeps {
  http: HttpClient;
  platform: (kind: string) => Platform;
  detect: (url: string, ctx: PlatformContext) => Promise<Detection>;
  now: () => Date;
}

export interface VendorPreview {
  /** The normalized base URL (what `vendors add` would store). */
  url: string;
  platform: string;
  /** How the platform was found, or "platform X (given)". */
  evidence: string;
  feedUrl: string | null;
  pageName: string | null;
  components: ComponentSnapshot[];
  /** Built as a first poll would build them (a baseline: nothing counts as seen live). */
  incidents: Incident[];
}

/** Fetches the page once (detecting its platform unless given). Throws PingoruError on failure. */
export async function previewVendor(input: PreviewInput, deps: PreviewDeps): Promise<VendorPreview> {
  const url = assertSafeUrl(input.url).toString().replace(/\/$/, "");
  if (input.feedUrl) assertSafeUrl(input.feedUrl);
  const detection = input.platform ? null : await deps.detect(url, { http: deps.http });
  const platform = input.platform ?? detection!.kind;
  const feedUrl = input.feedUrl ?? detection?.feedUrl ?? null;
  const page = { url, feedUrl, options: input.platformOptions ?? null };
  const read = await deps.platform(platform).read(page, { http: deps.http });
  if (read.unchanged) throw new Error("unexpected: unchanged on a first read");
  const { snapshot } = read;
  const ctx = {
    vendor: "preview",
    now: deps.now().toISOString(),
    baseline: true,
    componentOrder: componentOrder(snapshot.components),
  };
  return {
    url,
    platform,
    evidence: detection?.evidence ?? `platform ${platform} (given)`,
    feedUrl,
    pageName: snapshot.pageName,
    components: snapshot.components,
    incidents: snapshot.incidents.map((seen) => buildIncident(seen, null, ctx)),
  };
}
