// Uptime over any window (GET /api/v1/vendors/:slug/uptime) and the month's SLAs (GET /api/v1/sla):
// the figures are domain/uptime.ts's and domain/sla.ts's over the stored record. With ?format=csv|jsonl
// each is a file, as `pingoru export uptime|sla` writes across vendors: read one vendor at a time, so
// an export holds one vendor's record, not every vendor's.

import { Hono } from "hono";
import {
  SLA_EXPORT_COLUMNS,
  slaExportRow,
  UPTIME_EXPORT_COLUMNS,
  uptimeExportRow,
  type ExportFormat,
  type ExportVendor,
  type UptimeFigure,
} from "../domain/export-rows.ts";
import { judgeSla, monthWindow, type SlaResult, type SlaTarget } from "../domain/sla.ts";
import {
  computeCombinedUptime,
  computeWindowUptime,
  type WindowUptime,
  type WindowUptimeInput,
} from "../domain/uptime.ts";
import type { Vendor } from "../domain/vendor.ts";
import type { Store } from "../store/store.ts";
import { exportResponse, openRowExport, parseExportFormat, type RecordExport } from "./export-stream.ts";
import { loadUptimeInput, parseUptimeWindow } from "./uptime-load.ts";

export function createSlaApi(store: Store, now: () => Date): Hono {
  const api = new Hono();

  api.get("/vendors/:slug/uptime", async (c) => {
    const slug = c.req.param("slug");
    const at = now();
    const { from, to } = parseUptimeWindow(c.req.query("from"), c.req.query("to"), at);
    const format = parseExportFormat(c.req.query("format"));
    const vendor = await store.getVendor(slug);
    if (vendor === null) return c.json({ error: `no vendor ${JSON.stringify(slug)}` }, 404);
    const wanted = c.req.query("component") || null;
    const figures = await vendorUptime(store, vendor, { from, to }, at, wanted);
    if (figures.length === 0 && wanted)
      return c.json({ error: `no component ${JSON.stringify(wanted)} at ${slug}` }, 404);
    if (format !== null) {
      const rows = (async function* () {
        yield figures.map(uptimeExportRow);
      })();
      const exported = await openRowExport(format, UPTIME_EXPORT_COLUMNS, rows);
      return exportResponse(c, format, exported, `uptime-${slug}`);
    }
    return c.json({
      vendor: slug,
      from: from.toISOString(),
      to: to.toISOString(),
      partial_outage_weight: figures[0]?.partialOutageWeight ?? (await store.partialOutageWeight(slug)) ?? 1,
      components: figures.map((f) => ({ name: f.component, ...uptimeJson(f.uptime) })),
    });
  });

  api.get("/sla", async (c) => {
    const at = now();
    const month = c.req.query("month") || at.toISOString().slice(0, 7);
    monthWindow(month); // a bad month is a 400 before anything is read or sent
    const format = parseExportFormat(c.req.query("format"));
    if (format !== null)
      return exportResponse(c, format, await openSlaExport(store, [month], null, format, at), `sla-${month}`);
    return c.json(slaJson(month, await loadSlaMonth(store, month, at)));
  });

  return api;
}

/** The vendor's components' uptime over the window; `component` (a name or id): only that one. */
export async function vendorUptime(
  store: Store,
  vendor: Vendor,
  window: { from: Date; to: Date },
  now: Date,
  component: string | null = null,
): Promise<UptimeFigure[]> {
  const input = await loadUptimeInput(store, vendor, window.from, window.to, now);
  const components = input.components.filter(
    (k) => component === null || k.name === component || k.id === component,
  );
  const figures = computeWindowUptime({ ...input, components });
  return figures.map((uptime, k) => ({
    vendor: { slug: vendor.slug, name: vendor.name },
    component: components[k]!.name,
    ...window,
    partialOutageWeight: input.partialOutageWeight ?? 1,
    uptime,
  }));
}

/**
 * Every component of each vendor (in the order given) over one window: a row per vendor × component.
 * The first vendor is read before returning (openRowExport).
 */
export function openUptimeExport(
  store: Store,
  vendors: readonly Vendor[],
  window: { from: Date; to: Date },
  format: ExportFormat,
  now: Date,
): Promise<RecordExport> {
  async function* perVendor() {
    for (const vendor of vendors) yield (await vendorUptime(store, vendor, window, now)).map(uptimeExportRow);
  }
  return openRowExport(format, UPTIME_EXPORT_COLUMNS, perVendor());
}

/**
 * Every SLA target (of `vendors`; null: all) judged over each month in turn: a row per target × month.
 * The targets and the first vendor's month are read before returning (openRowExport).
 */
export function openSlaExport(
  store: Store,
  months: readonly string[],
  vendors: readonly string[] | null,
  format: ExportFormat,
  now: Date,
): Promise<RecordExport> {
  async function* perVendor() {
    const targets = (await store.listSlas()).filter((t) => vendors === null || vendors.includes(t.vendor));
    for (const month of months)
      for await (const { vendor, items } of judgeSlaMonth(store, month, now, targets))
        yield items.map((item) => slaExportRow(month, vendor, item));
  }
  return openRowExport(format, SLA_EXPORT_COLUMNS, perVendor());
}

export type SlaItem = SlaTarget & SlaResult;

/** Every SLA target judged over the month, by vendor then component. */
export async function loadSlaMonth(store: Store, month: string, now: Date): Promise<SlaItem[]> {
  const all: SlaItem[] = [];
  for await (const { items } of judgeSlaMonth(store, month, now, await store.listSlas())) all.push(...items);
  return all;
}

/** The targets judged over the month, a vendor at a time (its record read once for all its targets). */
export async function* judgeSlaMonth(
  store: Store,
  month: string,
  now: Date,
  targets: readonly SlaTarget[],
): AsyncGenerator<{ vendor: ExportVendor; items: SlaItem[] }> {
  const { from, to } = monthWindow(month);
  for (const [slug, own] of Map.groupBy(targets, (t) => t.vendor)) {
    const vendor = await store.getVendor(slug);
    const input = vendor === null ? null : await loadUptimeInput(store, vendor, from, to, now);
    yield {
      vendor: { slug, name: vendor?.name ?? slug },
      items: own.map((target) => ({
        ...target,
        ...judgeSla(target, month, uptimeOf(target, input, from, to)),
      })),
    };
  }
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
