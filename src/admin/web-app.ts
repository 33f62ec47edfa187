// The whole site: the read side (http) with the admin routes mounted on it, and their OpenAPI paths.
import type { Hono } from "hono";
import { createApp, type AppDeps } from "../http/app.ts";
import { createAdminApi, type AdminDeps } from "./admin-api.ts";
import { createAdminPages } from "./admin-pages.ts";
import { ADMIN_PATHS, ADMIN_SCHEMAS } from "./openapi-admin.ts";
import { createPushHints } from "./push-hints.ts";
import { createSignInLimiter } from "./sign-in-limit.ts";

export interface WebAppDeps extends Omit<AppDeps, "mount" | "openApi"> {
  /** Admin routes; without a token they answer 403 and say how to turn them on. */
  admin?: Omit<AdminDeps, "store" | "now">;
  /** A push hint made a vendor due now (the scheduler's wake). */
  onHint?: () => void;
}

export function createWebApp(deps: WebAppDeps): Hono {
  const { admin, onHint, ...app } = deps;
  const adminDeps: AdminDeps = {
    store: deps.store,
    now: deps.now,
    signIns: createSignInLimiter(), // one allowance for the pages and the API together
    ...(admin ?? noAdmin),
  };
  return createApp({
    ...app,
    mount: [
      { path: "/api/v1/admin", routes: createAdminApi(adminDeps) },
      { path: "/admin", routes: createAdminPages(adminDeps) as unknown as Hono },
      {
        path: "/hooks",
        routes: createPushHints({ store: deps.store, now: deps.now, onHint: onHint ?? (() => {}) }),
      },
    ],
    openApi: { paths: ADMIN_PATHS, schemas: ADMIN_SCHEMAS },
  });
}

const noAdmin: Omit<AdminDeps, "store" | "now"> = {
  adminToken: null,
  channelFor: () => {
    throw new Error("no channels in this app");
  },
};
