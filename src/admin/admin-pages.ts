// Admin pages under /admin: sign in with PINGORU_ADMIN_TOKEN (a session cookie, never the token),
// then POST forms, each carrying a CSRF token tied to the session. Without a token, every page says
// how to turn them on.
import { Hono } from "hono";
import type { Context, Next } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { renderDeliveriesPage } from "../http/ui/pages.ts";
import { searchCatalog } from "../catalog/catalog.ts";
import { slugFromUrl } from "../domain/slug.ts";
import { describeError, isPingoruError, PingoruError } from "../lib/errors.ts";
import type { AdminDeps } from "./admin-api.ts";
import {
  addVendorFields,
  field,
  fields,
  FORM_LIMIT_BYTES,
  formPage,
  limitBody,
  readForm,
} from "./admin-form.ts";
import { registerSlaForms } from "./admin-sla-forms.ts";
import { registerNotifyForms, testedFrom } from "./admin-notify-forms.ts";
import { signedSessions, SESSION_SECONDS, type SignedSessions } from "../lib/signed-session.ts";
import { failureStatus, setWatchedComponents } from "./admin-vendors.ts";
import { adminDisabledPage, adminLoginPage } from "./ui/admin-login.ts";
import { clientAddress } from "../lib/client-address.ts";
import { createSignInLimiter, tooManyMessage } from "./sign-in-limit.ts";
import { adminPage } from "./ui/admin-page.ts";
import type { AddVendorFields } from "./ui/admin-view.ts";
import { componentsPage, hintPage, previewPage } from "./ui/admin-vendor.ts";
import { hintUrl } from "../domain/vendor.ts";
import { publicBase } from "../http/public-base.ts";

const SESSION_COOKIE = "pingoru_admin";

type Env = { Variables: { csrf: string } };

export const DONE_MESSAGES: Record<string, (what: string) => string> = {
  added: (w) => `Added ${w}.`,
  paused: (w) => `Paused ${w}: it is no longer polled.`,
  resumed: (w) => `Resumed ${w}.`,
  removed: (w) => `Removed ${w} and its record.`,
  components: (w) => `Saved the components of ${w}.`,
  "channel-saved": (w) => `Saved channel ${w}.`,
  "channel-removed": (w) => `Removed channel ${w}.`,
  "subscription-saved": (w) => `Saved subscription ${w}.`,
  "subscription-removed": (w) => `Removed subscription ${w}.`,
};

export function createAdminPages(deps: AdminDeps): Hono<Env> {
  const pages = new Hono<Env>();
  pages.use(
    "*",
    limitBody(FORM_LIMIT_BYTES, (c, message) => c.text(message, 413)),
  );
  if (!deps.adminToken) {
    pages.all("*", (c) => c.html(adminDisabledPage(), 403));
    return pages;
  }
  const sessions = signedSessions(deps.adminToken, "admin");
  const signIns = deps.signIns ?? createSignInLimiter();
  pages.get("/login", (c) => c.html(adminLoginPage(null)));
  pages.post("/login", sameOrigin, async (c) => {
    const client = clientAddress(c);
    const wait = signIns.retryAfter(client, deps.now().getTime());
    if (wait > 0) return c.html(adminLoginPage(tooManyMessage(wait)), 429, { "retry-after": String(wait) });
    const token = field(await readForm(c), "token");
    if (!sessions.tokenMatches(token)) {
      signIns.fail(client, deps.now().getTime());
      return c.html(adminLoginPage("That is not the admin token."), 401);
    }
    setCookie(c, SESSION_COOKIE, sessions.issue(deps.now()), {
      path: "/admin",
      httpOnly: true,
      sameSite: "Strict",
      secure: isHttps(c, deps.publicUrl),
      maxAge: SESSION_SECONDS,
    });
    return c.redirect("/admin", 303);
  });
  pages.use("*", requireSession(sessions, deps.now));
  pages.post("/logout", (c) => {
    // Revoked on the server too: a copy of the cookie kept elsewhere no longer signs anyone in.
    sessions.revoke(getCookie(c, SESSION_COOKIE)!, deps.now());
    deleteCookie(c, SESSION_COOKIE, { path: "/admin" });
    return c.redirect("/admin/login", 303);
  });

  pages.get("/deliveries", async (c) =>
    c.html(await renderDeliveriesPage(deps.store, deps.now(), (name) => c.req.query(name))),
  );
  pages.get("/", async (c) => {
    const done = DONE_MESSAGES[c.req.query("done") ?? ""];
    return c.html(await dashboard(c, deps, done ? done(c.req.query("what") ?? "") : null, null));
  });
  pages.post("/vendors/preview", async (c) => {
    const form = await readForm(c);
    const typed = addVendorFields(form);
    const page = formPage(form);
    if ("error" in page) return badSelectors(c, deps, typed, page.error);
    const attempt = async () => {
      if (deps.previewVendor === undefined) throw new PingoruError("input", "previews need pingoru serve");
      const preview = await deps.previewVendor({ url: typed.url, feedUrl: typed.feed || undefined, ...page });
      const slug = slugFromUrl(preview.url);
      return c.html(previewPage(preview, slug, c.get("csrf"), page.platformOptions));
    };
    return orError(c, deps, attempt, `could not read ${typed.url}`, typed);
  });
  pages.post("/vendors", async (c) => {
    const form = await readForm(c);
    // The preview page sends the selectors back in a hidden field: checked again, never trusted.
    const page = formPage(form);
    if ("error" in page) return badSelectors(c, deps, addVendorFields(form), page.error);
    const attempt = async () => {
      if (deps.addVendor === undefined) throw new PingoruError("input", "adding vendors needs pingoru serve");
      const components = fields(form, "components");
      const added = await deps.addVendor({
        url: field(form, "url"),
        slug: field(form, "slug") || undefined,
        name: field(form, "name") || undefined,
        ...page,
        feedUrl: field(form, "feed") || undefined,
        components: components.length === 0 ? undefined : components,
      });
      return done(c, "added", added.vendor.name);
    };
    return orError(c, deps, attempt, "could not add the vendor");
  });
  for (const [verb, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const)
    pages.post(`/vendors/:slug/${verb}`, async (c) => {
      const slug = c.req.param("slug");
      const ok = await deps.store.setVendorPaused(slug, paused);
      if (!ok) return c.html(await dashboard(c, deps, null, `No vendor "${slug}".`), 404);
      return done(c, paused ? "paused" : "resumed", slug);
    });
  pages.post("/vendors/:slug/remove", async (c) => {
    const slug = c.req.param("slug");
    if (!(await deps.store.removeVendor(slug)))
      return c.html(await dashboard(c, deps, null, `No vendor "${slug}".`), 404);
    return done(c, "removed", slug);
  });
  pages.get("/vendors/:slug/components", async (c) => {
    const vendor = await deps.store.getVendor(c.req.param("slug"));
    if (vendor === null) return c.html(await dashboard(c, deps, null, "No such vendor."), 404);
    const components = await deps.store.listComponents(vendor.slug);
    return c.html(componentsPage(vendor, components, c.get("csrf"), null));
  });
  pages.get("/vendors/:slug/hint", async (c) => {
    const vendor = await deps.store.getVendor(c.req.param("slug"));
    if (vendor === null) return c.html(await dashboard(c, deps, null, "No such vendor."), 404);
    const token = (await deps.store.hintToken(vendor.slug))!;
    const url = hintUrl(publicBase(c, deps.publicUrl), vendor.slug, token);
    return c.html(hintPage(vendor, url, c.get("csrf")));
  });
  pages.post("/vendors/:slug/components", async (c) => {
    const chosen = fields(await readForm(c), "components");
    const slug = c.req.param("slug");
    const attempt = async () => {
      const vendor = await setWatchedComponents(deps.store, slug, chosen.length ? chosen : null, deps.now());
      return done(c, "components", vendor.name);
    };
    return orError(c, deps, attempt, "could not save the components");
  });
  registerNotifyForms(pages, deps, { done, orError });
  registerSlaForms(pages, deps, { done, orError });
  return pages;
}

/** Signed in for every page but the sign-in; POSTs also need the session's CSRF token. */
function requireSession(sessions: SignedSessions, now: () => Date) {
  return async (c: Context<Env>, next: Next) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (!sessions.valid(session, now())) {
      if (c.req.method === "GET") return c.redirect("/admin/login", 303);
      return c.html(adminLoginPage("Your session has ended: sign in again."), 403);
    }
    if (c.req.method === "POST") {
      const given = (await readForm(c))["csrf"];
      if (!sessions.csrfValid(session, typeof given === "string" ? given : undefined) || !originOk(c))
        return c.html(adminLoginPage("The form was stale or came from another site: try again."), 403);
    }
    c.set("csrf", sessions.csrf(session));
    await next();
  };
}

async function sameOrigin(c: Context, next: Next) {
  if (!originOk(c)) return c.html(adminLoginPage("The form came from another site."), 403);
  await next();
}

// Browsers send Origin on POST; when they do, it must be this site (defence in depth beside SameSite).
function originOk(c: Context): boolean {
  const origin = c.req.header("origin");
  return origin === undefined || origin === new URL(c.req.url).origin;
}

function isHttps(c: Context, publicUrl: string | null | undefined): boolean {
  return new URL(c.req.url).protocol === "https:" || (publicUrl ?? "").startsWith("https:");
}

function done(c: Context, what: keyof typeof DONE_MESSAGES, subject: string) {
  return c.redirect(`/admin?done=${what}&what=${encodeURIComponent(subject)}`, 303);
}

/**
 * Runs a form action; the user's or the page's failures show on the admin page, anything else throws.
 * `typed`: what the user typed in "add a vendor", shown again in that form.
 */
async function orError(
  c: Context<Env>,
  deps: AdminDeps,
  attempt: () => Promise<Response>,
  what: string,
  typed?: AddVendorFields,
): Promise<Response> {
  try {
    return await attempt();
  } catch (error) {
    if (!isPingoruError(error)) throw error;
    const message = `${what}: ${describeError(error)}`;
    return c.html(await dashboard(c, deps, null, message, typed), failureStatus(error));
  }
}

async function badSelectors(c: Context<Env>, deps: AdminDeps, typed: AddVendorFields, error: string) {
  return c.html(await dashboard(c, deps, null, error, { ...typed, htmlInvalid: true }), 400);
}

async function dashboard(
  c: Context<Env>,
  deps: AdminDeps,
  notice: string | null,
  error: string | null,
  addVendor?: AddVendorFields,
) {
  const [vendors, channels, subscriptions, slas] = await Promise.all([
    deps.store.listVendors(),
    deps.store.listChannels(),
    deps.store.listSubscriptions(),
    deps.store.listSlas(),
  ]);
  const q = c.req.query("catalog")?.trim().slice(0, 200);
  const catalog = q ? { q, entries: searchCatalog(q) } : null;
  return adminPage({
    csrf: c.get("csrf"),
    vendors,
    channels,
    subscriptions,
    slas,
    notice,
    error,
    catalog,
    addVendor,
    tested: testedFrom((name) => c.req.query(name)),
  });
}
