// The platform registry: every platform, one line each; lookup by kind, and detection. Adding a
// platform: its file, one line here, its fixtures and its contract spec (test/platform-specs/).
import { PingoruError, isPingoruError } from "../lib/errors.ts";
import { comparablePageUrl } from "../domain/page-url.ts";
import type { Detection, Platform, PlatformContext } from "./platform.ts";
import { statuspage } from "./statuspage.ts";
import { incidentio } from "./incidentio.ts";
import { feed } from "./feed.ts";
import { statusio } from "./statusio.ts";
import { cachet } from "./cachet.ts";
import { instatus } from "./instatus.ts";
import { slack } from "./slack.ts";
import { heroku } from "./heroku.ts";
import { betterstack } from "./betterstack.ts";
import { gcp } from "./gcp.ts";
import { azure } from "./azure.ts";
import { aws } from "./aws.ts";
import { html } from "./html.ts";

export const PLATFORMS = [
  statuspage,
  incidentio,
  feed,
  instatus,
  statusio,
  cachet,
  slack,
  heroku,
  betterstack,
  gcp,
  azure,
  aws,
  html,
] as const satisfies readonly Platform[];

export function getPlatform(kind: string): Platform {
  const platform = PLATFORMS.find((p) => p.kind === kind);
  if (!platform) throw new PingoruError("input", `unknown platform "${kind}"`);
  return platform;
}

/** The page a URL names, as pages are compared; on a known platform, the platform's own page URL. */
export function pageKey(url: string, kind?: string): string {
  const platform: Platform | undefined = PLATFORMS.find((p) => p.kind === kind);
  return comparablePageUrl(platform?.pageUrl?.(url) ?? url);
}

const TRIED = `tried ${PLATFORMS.flatMap((p: Platform) => (p.tried ? [`${p.kind} ${p.tried}`] : [])).join("; ")}`;

/**
 * Runs every detector (a failing one counts as "no") and picks the most confident. When none fits and
 * the page itself cannot be fetched (blocked, unreachable), that reason is the error: it is the one the
 * user can act on.
 */
export async function detectPlatform(url: string, ctx: PlatformContext): Promise<Detection> {
  const results = await Promise.all(PLATFORMS.map((p) => p.detect(url, ctx).catch(() => null)));
  const best = results
    .filter((d): d is Detection => d !== null)
    .sort((a, b) => b.confidence - a.confidence)[0];
  if (best) return best;
  await ctx.http.get(url).catch((error: unknown) => {
    if (isPingoruError(error) && error.kind !== "http") throw error;
  });
  throw new PingoruError("detect", `no status page platform recognised at ${url} (${TRIED})`, { url });
}
