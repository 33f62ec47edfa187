// The web side: JSON API, server-rendered pages and their one stylesheet, over the stored record.

import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { Context } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { isPingoruError } from "../lib/errors.ts";
import { createMetricsRegistry, type MetricsRegistry } from "../lib/metrics.ts";
import type { Store } from "../store/store.ts";
import { createApi } from "./api.ts";
import { createSlaApi } from "./sla-api.ts";
import { createStatsApi } from "./stats-api.ts";
import { createStatsLoader } from "./stats-loader.ts";
import { createBadge } from "./badge.ts";
import { createCalendars } from "./calendar.ts";
import { createCatalogApi } from "./catalog-api.ts";
import { createFeeds } from "./feeds.ts";
import { healthResponse, type HealthSource } from "./health.ts";
import { createMetricsRoute } from "./metrics.ts";
import { createOpenApiRoute, type OpenApiExtension } from "./openapi.ts";
import { createStatuspageCompat } from "./statuspage-compat.ts";
import { createLiveHub, createLiveRoutes, type LiveOptions } from "./live.ts";
import { errorPage } from "./ui/error-page.ts";
import { FAVICON, LOCAL_TIME_SCRIPT } from "./ui/layout.ts";
import { apiPage } from "./ui/api-page.ts";
import { LIVE_SCRIPT } from "./ui/live-script.ts";
import { createPages } from "./ui/pages.ts";
import { guardReads } from "./read-access.ts";

export interface AppDeps {
  store: Store;
  now: () => Date;
  pollIntervalSeconds: number;
  /** Where unexpected failures are reported (the response only says "internal error"). */
  logError?: (error: unknown) => void;
  /** The poller's pace (serve), for /healthz and the dashboard; absent where nothing polls. */
  health?: HealthSource;
  /** More routes, mounted before the pages (the admin part's, wired by main); the read side has none. */
  mount?: readonly { path: string; routes: Hono }[];
  /** Paths and schemas those routes add to the OpenAPI document. */
  openApi?: OpenApiExtension;
  /** Absolute base for links in feeds and the compat API (PINGORU_PUBLIC_URL); else the request's origin. */
  publicUrl?: string | null;
  /** Poll counters and latencies recorded by the poller, shown at /metrics with the record's state. */
  metrics?: MetricsRegistry;
  /** PINGORU_READ_TOKEN: with it, reading the pages, API and feeds needs the token (read-access.ts). */
  readToken?: string | null;
  /** Live pushes (/events/stream): how often the store is watched while clients listen. */
  live?: Pick<LiveOptions, "pollMs" | "heartbeatMs">;
}

const STYLESHEET = readFileSync(new URL("./ui/style.css", import.meta.url), "utf8");

/**
 * Every response's security headers (hono's secureHeaders). Scripts only from Pingoru's own files,
 * never inline; inline style attributes are allowed (a mini bar cell's computed span); no framing;
 * the referrer only to Pingoru's own pages. Badges and feeds stay embeddable elsewhere
 * (Cross-Origin-Resource-Policy: cross-origin). HSTS is left to the TLS proxy in front, which knows
 * whether every subdomain speaks HTTPS.
 */
const SECURITY_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  crossOriginResourcePolicy: "cross-origin",
  referrerPolicy: "same-origin",
  strictTransportSecurity: false,
  xFrameOptions: "DENY",
});

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(SECURITY_HEADERS);
  if (deps.readToken) guardReads(app, deps.readToken, deps.now, deps.publicUrl ?? null);

  app.get("/healthz", (c) => healthResponse(c, deps.health));
  app.get("/style.css", (c) => asset(c, STYLESHEET, "text/css; charset=utf-8"));
  app.get("/local-time.js", (c) => asset(c, LOCAL_TIME_SCRIPT, "text/javascript; charset=utf-8"));
  app.get("/live.js", (c) => asset(c, LIVE_SCRIPT, "text/javascript; charset=utf-8"));
  app.get("/favicon.svg", (c) => asset(c, FAVICON, "image/svg+xml"));
  app.get("/api", (c) => c.html(apiPage(deps.openApi)));
  app.get("/favicon.ico", (c) => c.redirect("/favicon.svg", 301));
  const hub = createLiveHub({ store: deps.store, logError: deps.logError, ...deps.live });
  app.route("/", createLiveRoutes(hub, deps.live?.heartbeatMs));
  for (const { path, routes } of deps.mount ?? []) app.route(path, routes);
  app.route("/api/v1", createOpenApiRoute(deps.publicUrl, deps.openApi));
  app.route("/api/v1", createApi(deps.store));
  app.route("/api/v1", createSlaApi(deps.store, deps.now));
  const stats = createStatsLoader(deps.store, { logError: deps.logError ?? console.error });
  app.route("/api/v1", createStatsApi(stats, deps.now));
  app.route("/api/v1", createCatalogApi());
  app.route("/", createFeeds(deps));
  app.route("/", createCalendars(deps));
  app.route("/", createStatuspageCompat(deps));
  app.route("/", createBadge(deps.store));
  app.route("/", createMetricsRoute(deps.store, deps.metrics ?? createMetricsRegistry()));
  app.route("/", createPages({ ...deps, stats }));

  app.notFound((c) =>
    isApi(c)
      ? c.json({ error: "not found" }, 404)
      : c.html(errorPage("Page not found", "There is nothing here."), 404),
  );
  app.onError((error, c) => {
    const { status, message, headers } = describeFailure(error);
    if (status === 500) (deps.logError ?? console.error)(error);
    if (isApi(c)) return c.json({ error: message }, status, headers);
    const title = status === 400 ? "Bad request" : status === 503 ? "Busy" : "Something went wrong";
    return c.html(errorPage(title, message), status, headers);
  });
  return app;
}

function asset(c: Context, body: string, type: string) {
  return c.body(body, 200, { "content-type": type, "cache-control": "public, max-age=300" });
}

function isApi(c: Context): boolean {
  return c.req.path.startsWith("/api/");
}

// Bad input (an unknown kind, a mangled cursor) is the caller's mistake; too much costly work waiting
// (the figures' loads) is a 503 to retry; anything else is ours.
function describeFailure(error: unknown): {
  status: 400 | 404 | 500 | 503;
  message: string;
  headers?: Record<string, string>;
} {
  if (isPingoruError(error) && error.kind === "input") return { status: 400, message: error.message };
  if (isPingoruError(error) && error.kind === "not_found") return { status: 404, message: error.message };
  if (isPingoruError(error) && error.kind === "busy")
    return {
      status: 503,
      message: error.message,
      headers: { "retry-after": String(error.retryAfterSeconds ?? 10) },
    };
  return { status: 500, message: "internal error" };
}
