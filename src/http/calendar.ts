// Maintenance calendars (RFC 5545): every vendor's at /calendar.ics, one vendor's at
// /vendors/:slug/calendar.ics. One event per scheduled maintenance of the last 30 days or later.
import { Hono } from "hono";
import { etag } from "hono/etag";
import type { Context } from "hono";
import type { Vendor } from "../domain/vendor.ts";
import type { Store } from "../store/store.ts";
import { fingerprint, isScheduledMaintenance, toCalendarEvent } from "./calendar-events.ts";
import { ICS_TYPE, renderIcs, type IcsEvent } from "./ics.ts";
import { publicBase } from "./public-base.ts";

export interface CalendarDeps {
  store: Store;
  now: () => Date;
  publicUrl?: string | null;
}

const PAST_DAYS = 30;
/** The latest windows win when there are more: the future and the recent past matter most. */
const MAX_EVENTS = 500;

export function createCalendars(deps: CalendarDeps): Hono {
  const calendars = new Hono();
  // Calendar apps poll a subscription: an ETag lets them get a 304 instead of the whole calendar.
  calendars.get("/calendar.ics", etag(), (c) => serveCalendar(c, deps, null));
  calendars.get("/vendors/:slug/calendar.ics", etag(), async (c) => {
    const vendor = await deps.store.getVendor(c.req.param("slug"));
    if (vendor === null) return c.text("no such vendor", 404);
    return serveCalendar(c, deps, vendor);
  });
  return calendars;
}

async function serveCalendar(c: Context, deps: CalendarDeps, vendor: Vendor | null) {
  const base = publicBase(c, deps.publicUrl);
  const now = deps.now().toISOString();
  const since = new Date(Date.parse(now) - PAST_DAYS * 86_400_000).toISOString();
  const [maintenances, vendors] = await Promise.all([
    deps.store.listMaintenances({ since, limit: MAX_EVENTS, vendor: vendor?.slug ?? null }),
    vendor === null ? deps.store.listVendors() : Promise.resolve([vendor]),
  ]);
  const names = new Map(vendors.map((v) => [v.slug, v.name]));
  const drafts = maintenances
    .filter(isScheduledMaintenance)
    .map((m) => toCalendarEvent(m, names.get(m.vendor) ?? m.vendor, base))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : 1));
  const revisions = await deps.store.reviseCalendarEvents(
    drafts.map((e) => ({ incidentId: e.incidentId, fingerprint: fingerprint(e) })),
    now,
  );
  const events: IcsEvent[] = drafts.map(({ incidentId, ...event }) => {
    const revision = revisions.get(incidentId);
    return { ...event, sequence: revision?.sequence ?? 0, stamp: revision?.revisedAt ?? now };
  });
  const calendar =
    vendor === null
      ? { name: "Pingoru: maintenances", description: "Scheduled maintenances of every watched vendor." }
      : {
          name: `Pingoru: ${vendor.name} maintenances`,
          description: `Scheduled maintenances of ${vendor.name}.`,
        };
  return c.body(renderIcs(calendar, events), 200, {
    "content-type": ICS_TYPE,
    "cache-control": "public, max-age=300",
  });
}
