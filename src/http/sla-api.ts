// Uptime over any window (GET /api/v1/vendors/:slug/uptime) and the month's SLAs (GET /api/v1/sla):
// the figures are domain/uptime.ts's and domain/sla.ts's over the stored record.

import { Hono } from "hono";
import { judgeSla, monthWindow, type SlaResult, type SlaTarget } from "../domain/sla.ts";
import {
  computeCombinedUptime,
  computeWindowUptime,
  type WindowUptime,
  type WindowUptimeInput,
} from "../domain/uptime.ts";
import type { Store } from "../store/store.ts";
import { loadUptimeInput, parseUptimeWindow } from "./uptime-load.ts";

export function createSlaApi(store: Store, now: () => Date): Hono {
  const api = new Hono();

  api.get("/vendors/:slug/uptime", async (c) => {
    const slug = c.req.param("slug");
    const at = now();
    const { from, to } = parseUptimeWindow(c.req.query("from"), c.req.query("to"), at);
    const vendor = await store.getVendor(slug);
    if (vendor === null) return c.json({ error: `no vendor ${JSON.stringify(slug)}` }, 404);
    const input = await loadUptimeInput(store, vendor, from, to, at);
    const wanted = c.req.query("component");
    const components = input.components.filter((k) => !wanted || k.name === wanted || k.id === wanted);
    if (components.length === 0 && wanted)
      return c.json({ error: `no component ${JSON.stringify(wanted)} at ${slug}` }, 404);
    const figures = computeWindowUptime({ ...input, components });
    return c.json({
      vendor: slug,
      from: from.toISOString(),
      to: to.toISOString(),
      partial_outage_weight: input.partialOutageWeight ?? 1,
      components: figures.map((f, k) => ({ name: components[k]!.name, ...uptimeJson(f) })),
    });
  });

  api.get("/sla", async (c) => {
    const at = now();
    const month = c.req.query("month") || at.toISOString().slice(0, 7);
    return c.json(slaJson(month, await loadSlaMonth(store, month, at)));
  });

  return api;
}

export type SlaItem = SlaTarget & SlaResult;

/** Every SLA target judged over the month, by vendor then component. */
export async function loadSlaMonth(store: Store, month: string, now: Date): Promise<SlaItem[]> {
  const { from, to } = monthWindow(month);
  const targets = await store.listSlas();
  const inputs = new Map<string, WindowUptimeInput | null>();
  for (const slug of new Set(targets.map((t) => t.vendor))) {
    const vendor = await store.getVendor(slug);
    inputs.set(slug, vendor === null ? null : await loadUptimeInput(store, vendor, from, to, now));
  }
  return targets.map((target) => ({
    ...target,
    ...judgeSla(target, month, uptimeOf(target, inputs.get(target.vendor) ?? null, from, to)),
  }));
}

function uptimeOf(target: SlaTarget, input: WindowUptimeInput | null, from: Date, to: Date): WindowUptime {
  const component = input?.components.find((k) => k.name === target.component);
  if (input !== null && target.component === null) return computeCombinedUptime(input);
  if (input !== null && component !== undefined)
    return computeWindowUptime({ ...input, components: [component] })[0]!;
  // A component the vendor no longer lists: nothing known.
  const noData = (to.getTime() - from.getTime()) / 1000;
  return { percent: null, downSeconds: 0, noDataSeconds: noData, incidentIds: [] };
}

function uptimeJson(f: WindowUptime) {
  return {
    uptime_percent: f.percent,
    downtime_seconds: Math.round(f.downSeconds),
    no_data_seconds: Math.round(f.noDataSeconds),
  };
}

export function slaJson(month: string, items: readonly SlaItem[]) {
  return {
    month,
    items: items.map((i) => ({
      vendor: i.vendor,
      component: i.component,
      target_percent: i.targetPercent,
      uptime_percent: i.uptimePercent,
      downtime_seconds: Math.round(i.downtimeSeconds),
      allowed_downtime_seconds: i.allowedDowntimeSeconds,
      met: i.met,
      credit_percent: i.creditPercent,
      claim_by: i.claimBy,
      incident_ids: i.incidentIds,
    })),
  };
}
