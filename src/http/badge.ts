// A shields-style SVG status badge per vendor: /vendors/:slug/badge.svg. Label = the vendor's name,
// message = its roll-up status, colour by status (dark enough for white text at 4.5:1).
import { Hono } from "hono";
import { etag } from "hono/etag";
import type { ComponentStatus } from "../domain/model.ts";
import type { Store } from "../store/store.ts";
import { xml } from "./feed-formats.ts";
import { loadVendorStatus } from "./vendor-status.ts";

export const BADGE_COLOURS: Record<ComponentStatus, string> = {
  operational: "#1a7f37",
  degraded_performance: "#9a6700",
  partial_outage: "#bc4c00",
  major_outage: "#cf222e",
  under_maintenance: "#0969da",
  unknown: "#57606a",
};

export const BADGE_WORDS: Record<ComponentStatus, string> = {
  operational: "operational",
  degraded_performance: "degraded",
  partial_outage: "partial outage",
  major_outage: "major outage",
  under_maintenance: "maintenance",
  unknown: "unknown",
};

const LABEL_COLOUR = "#555";
const HEADERS = { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=30" };

export function createBadge(store: Store): Hono {
  const badges = new Hono();
  badges.get("/vendors/:slug/badge.svg", etag(), async (c) => {
    const vendor = await store.getVendor(c.req.param("slug"));
    if (vendor === null)
      return c.body(renderBadge("pingoru", "unknown vendor", BADGE_COLOURS.unknown), 404, HEADERS);
    const { status } = await loadVendorStatus(store, vendor);
    // A stale vendor keeps its last known state (DESIGN §5) but says it could not be checked.
    const message = vendor.stale ? `${BADGE_WORDS[status]} (stale)` : BADGE_WORDS[status];
    return c.body(renderBadge(vendor.name, message, BADGE_COLOURS[status]), 200, HEADERS);
  });
  return badges;
}

/** A flat two-part badge; widths estimated from Verdana 11px metrics, as shields does. */
export function renderBadge(label: string, message: string, colour: string): string {
  const left = textWidth(label) + 10;
  const right = textWidth(message) + 10;
  const width = left + right;
  const title = xml(`${label}: ${message}`);
  const text = (x: number, value: string) =>
    `<text x="${x}" y="14" fill="#010101" fill-opacity=".3" aria-hidden="true">${xml(value)}</text>` +
    `<text x="${x}" y="13">${xml(value)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}"><title>${title}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${left}" height="20" fill="${LABEL_COLOUR}"/><rect x="${left}" width="${right}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">${text(left / 2, label)}${text(left + right / 2, message)}</g></svg>`;
}

// Rough Verdana 11px advance widths: exact metrics would need the font; this keeps text inside its box.
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (/[ijlI.,:;'|!]/.test(ch)) width += 3.6;
    else if (/[frt ()\-[\]]/.test(ch)) width += 4.6;
    else if (/[mwMW%@]/.test(ch)) width += 10.5;
    else if (/[A-Z0-9#&]/.test(ch)) width += 7.6;
    else width += 6.9;
  }
  return Math.ceil(width);
}
