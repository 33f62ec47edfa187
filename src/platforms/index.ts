// The platform list, lookup by kind, and detection. Adding a platform: its file, one line here.
import type { PlatformKind } from "../domain/model.ts";
import { PingoruError, isPingoruError } from "../lib/errors.ts";
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

export const PLATFORMS: readonly Platform[] = [
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
  html, // never detected (it needs selectors), so not in TRIED below
];

export function getPlatform(kind: PlatformKind): Platform {
  const platform = PLATFORMS.find((p) => p.kind === kind);
  if (!platform) throw new PingoruError("input", `unknown platform "${kind}"`);
  return platform;
}

const TRIED =
  "tried statuspage /api/v2/summary.json, incidentio /api/v2/summary.json with ULID ids and the page, " +
  "feed RSS/Atom at the URL, its <link rel=alternate> and /history.atom, /history.rss, /feed.rss, /feed.atom; " +
  "instatus /summary.json and /v3/summary.json; statusio api.status.io/1.0/status/<id> or /pages/<id> links; " +
  "cachet /api/v1/ping, /api/v1/version; " +
  "slack /api/v2.0.0/current; heroku /api/v4/current-status; betterstack /index.json; gcp /products.json and /incidents.json; azure an RSS feed titled Azure; aws /public/currentevents";

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
