// SLA targets from the admin API (GET/PUT/DELETE /api/v1/admin/vendors/:slug/sla) and the admin page's
// form: the config file's `sla:` entry (target, component, credits, claim_days), checked as
// `pingoru sla set` checks it. Like channels, the store does not record where a target came from: a
// vendor whose config file entry has `sla:` gets the file's targets back on the next start or SIGHUP;
// one without keeps what is set here.
import { Hono } from "hono";
import { z } from "zod";
import { checkClaimDays, checkPercent, formatCredits, parseCredits, type SlaTarget } from "../domain/sla.ts";
import type { Vendor } from "../domain/vendor.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Store } from "../store/store.ts";
import { noVendor, parse, readBody } from "./admin-vendors.ts";

/** A component name's longest (the uptime API's text limit). */
const MAX_COMPONENT = 200;

const SlaBody = z.strictObject({
  target: z.number(),
  /** Absent or null: the whole vendor. */
  component: z.string().min(1).max(MAX_COMPONENT).nullable().optional(),
  /** "99.0:10,95.0:25"; absent, null or "": no credits. */
  credits: z.string().max(1000).nullable().optional(),
  claim_days: z.number().nullable().optional(),
});

/** What a user gives for one target, before it is checked. */
export interface SlaFields {
  component: string | null;
  target: number | string;
  credits: string;
  claimDays: number | string | null;
}

/** The fields checked as `pingoru sla set` checks its options; bad input names the field. */
export function slaTarget(vendor: string, fields: SlaFields): SlaTarget {
  const target = typeof fields.target === "string" ? textNumber("target", fields.target) : fields.target;
  return {
    vendor,
    component: fields.component,
    targetPercent: checkPercent("target", target),
    credits: parseCredits(fields.credits),
    claimDays: fields.claimDays === null ? null : checkClaimDays("claim days", fields.claimDays),
  };
}

/** The target in the config file's shape (credits as the CLI writes them; null when none). */
export function serializeSla(target: SlaTarget) {
  return {
    vendor: target.vendor,
    component: target.component,
    target: target.targetPercent,
    credits: formatCredits(target.credits) || null,
    claim_days: target.claimDays,
  };
}

/** The vendor's targets, the whole vendor's first. */
export async function vendorSlas(store: Store, slug: string): Promise<SlaTarget[]> {
  return (await store.listSlas()).filter((t) => t.vendor === slug);
}

/**
 * Adds or replaces the target of its vendor and component; a component must be one the vendor lists
 * now (a typo would judge nothing). True when it replaced one.
 */
export async function saveSla(store: Store, vendor: Vendor, target: SlaTarget): Promise<boolean> {
  if (target.component !== null) {
    const components = await store.listComponents(vendor.slug);
    if (!components.some((c) => c.name === target.component))
      throw new PingoruError(
        "input",
        `component: ${vendor.slug} lists no component ${JSON.stringify(target.component.slice(0, 60))}`,
      );
  }
  const existed = (await vendorSlas(store, vendor.slug)).some((t) => t.component === target.component);
  if (!(await store.setSla(target))) throw noVendor(vendor.slug);
  return existed;
}

export async function removeSla(store: Store, slug: string, component: string | null): Promise<void> {
  if (await store.removeSla(slug, component)) return;
  if ((await store.getVendor(slug)) === null) throw noVendor(slug);
  const what = component === null ? "the whole vendor" : JSON.stringify(component.slice(0, 60));
  throw new PingoruError("not_found", `no SLA for ${slug} / ${what}`);
}

/** Mounted at /vendors inside the admin API, so the bearer token and the body cap guard it. */
export function createSlaAdminApi(store: Store): Hono {
  const api = new Hono();
  api.get("/:slug/sla", async (c) => {
    await findVendor(store, c.req.param("slug"));
    return c.json((await vendorSlas(store, c.req.param("slug"))).map(serializeSla));
  });
  api.put("/:slug/sla", async (c) => {
    const vendor = await findVendor(store, c.req.param("slug"));
    const body = parse(SlaBody, await readBody(c));
    const target = slaTarget(vendor.slug, {
      component: body.component ?? null,
      target: body.target,
      credits: body.credits ?? "",
      claimDays: body.claim_days ?? null,
    });
    const replaced = await saveSla(store, vendor, target);
    return c.json(serializeSla(target), replaced ? 200 : 201);
  });
  api.delete("/:slug/sla", async (c) => {
    const component = c.req.query("component");
    if (component !== undefined && component.length > MAX_COMPONENT)
      throw new PingoruError("input", `component must be at most ${MAX_COMPONENT} characters`);
    await removeSla(store, c.req.param("slug"), component || null);
    return c.body(null, 204);
  });
  return api;
}

async function findVendor(store: Store, slug: string): Promise<Vendor> {
  const vendor = await store.getVendor(slug);
  if (vendor === null) throw noVendor(slug);
  return vendor;
}

function textNumber(name: string, text: string): number {
  if (text.trim() === "") throw new PingoruError("input", `${name} is required, e.g. 99.9`);
  return Number(text);
}
