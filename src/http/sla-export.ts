// Uptime per vendor × component over a window and SLA targets judged per month, read a vendor at a
// time: the figures behind GET /api/v1/vendors/:slug/uptime and /sla (sla-api.ts) and the files of
// `pingoru export uptime|sla`, which loads this without the web framework.

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
import { openRowExport, type RecordExport } from "./export-stream.ts";
import { loadUptimeInput } from "./uptime-load.ts";

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
