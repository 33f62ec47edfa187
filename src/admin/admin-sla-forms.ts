// Admin pages: a vendor's SLA targets (/admin/vendors/:slug/sla), set and removed through the admin
// API's own checks (admin-sla.ts). Each action redirects back to the page with its outcome; a refused
// one shows the page again with the reason and what was typed.
import type { Context, Hono } from "hono";
import { describeError, isPingoruError } from "../lib/errors.ts";
import type { AdminDeps } from "./admin-api.ts";
import { field, readForm, type AdminFormHelpers } from "./admin-form.ts";
import { removeSla, saveSla, slaTarget, vendorSlas } from "./admin-sla.ts";
import { failureStatus, noVendor } from "./admin-vendors.ts";
import { EMPTY_SLA_FORM, slaPage, type SlaFormValues } from "./ui/admin-sla.ts";

const DONE: Record<string, (covers: string) => string> = {
  saved: (covers) => `Saved the SLA target of ${covers}.`,
  removed: (covers) => `Removed the SLA target of ${covers}.`,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pages' Hono carries the CSRF variable
export function registerSlaForms(pages: Hono<any>, deps: AdminDeps, { orError }: AdminFormHelpers) {
  const { store } = deps;
  const base = (slug: string) => `/admin/vendors/${encodeURIComponent(slug)}/sla`;
  const covers = (component: string | null) => component ?? "the whole vendor";

  async function render(c: Context, slug: string, error: string | null, typed: SlaFormValues, status = 200) {
    const vendor = await store.getVendor(slug);
    if (vendor === null) return orError(c, deps, () => Promise.reject(noVendor(slug)), "SLA targets");
    const [components, targets] = await Promise.all([store.listComponents(slug), vendorSlas(store, slug)]);
    const done = DONE[c.req.query("done") ?? ""];
    const notice = error === null && done ? done(c.req.query("what") ?? "") : null;
    const csrf = c.get("csrf") as string;
    return c.html(
      slaPage({ vendor, components, targets, csrf, notice, error, typed }),
      status as 200 | 400 | 404,
    );
  }
  async function refused(c: Context, slug: string, error: unknown, typed: SlaFormValues) {
    if (!isPingoruError(error)) throw error;
    const status = failureStatus(error);
    return render(c, slug, describeError(error), typed, status === 502 ? 400 : status);
  }

  pages.get("/vendors/:slug/sla", (c) => render(c, c.req.param("slug"), null, EMPTY_SLA_FORM));
  pages.post("/vendors/:slug/sla", async (c) => {
    const slug = c.req.param("slug");
    const form = await readForm(c);
    const typed: SlaFormValues = {
      component: field(form, "component"),
      target: field(form, "target"),
      credits: field(form, "credits"),
      claimDays: field(form, "claim_days"),
    };
    try {
      const vendor = await store.getVendor(slug);
      if (vendor === null) throw noVendor(slug);
      const target = slaTarget(slug, {
        component: typed.component || null,
        target: typed.target,
        credits: typed.credits,
        claimDays: typed.claimDays || null,
      });
      await saveSla(store, vendor, target);
      return redirect(c, base(slug), "saved", covers(target.component));
    } catch (error) {
      return refused(c, slug, error, typed);
    }
  });
  pages.post("/vendors/:slug/sla/remove", async (c) => {
    const slug = c.req.param("slug");
    const component = field(await readForm(c), "component") || null;
    try {
      await removeSla(store, slug, component);
      return redirect(c, base(slug), "removed", covers(component));
    } catch (error) {
      return refused(c, slug, error, EMPTY_SLA_FORM);
    }
  });
}

function redirect(c: Context, to: string, done: string, what: string) {
  return c.redirect(`${to}?done=${done}&what=${encodeURIComponent(what)}`, 303);
}
