// Uptime over any window (GET /api/v1/vendors/:slug/uptime) and the month's SLAs (GET /api/v1/sla):
// the figures are domain/uptime.ts's and domain/sla.ts's over the stored record. With ?format=csv|jsonl
// each is a file, as `pingoru export uptime|sla` writes across vendors (sla-export.ts): read one vendor
// at a time, so an export holds one vendor's record, not every vendor's.

import { Hono } from "hono";
import { UPTIME_EXPORT_COLUMNS, uptimeExportRow } from "../domain/export-rows.ts";
import { monthWindow } from "../domain/sla.ts";
import type { WindowUptime } from "../domain/uptime.ts";
import type { Store } from "../store/store.ts";
import { exportResponse, openRowExport, parseExportFormat } from "./export-stream.ts";
import { loadSlaMonth, openSlaExport, vendorUptime, type SlaItem } from "./sla-export.ts";
import { parseUptimeWindow } from "./uptime-load.ts";

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
