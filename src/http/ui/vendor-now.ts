// The top of the vendor page: how the vendor is now (roll-up status, last check, open incidents and
// components with their uptime bars). The page renders it inside a region marked data-live-src, and
// /vendors/:slug/now serves it alone so /live.js can swap in a fresh copy when the vendor's events move.

import { html } from "hono/html";
import type { ComponentSnapshot, Incident } from "../../domain/model.ts";
import type { Vendor } from "../../domain/vendor.ts";
import { expectingMaintenance, type MaintenanceWindow } from "../../domain/maintenance.ts";
import type { VendorStatus } from "../vendor-status.ts";
import {
  componentStatusBadge,
  componentStatusLabel,
  incidentStatusBadge,
  isWebUrl,
  timeTag,
} from "./format.ts";
import { formatUtc } from "../../lib/human-time.ts";
import { historyHref } from "./history-filter.ts";
import { lastChecked } from "./home-page.ts";
import { durationText } from "./incident-facts.ts";
import { uptimeBar } from "./uptime-bar.ts";
import type { VendorInsights } from "./vendor-insights.ts";

export interface VendorNowInput {
  status: VendorStatus;
  insights: VendorInsights;
  /** Open incidents, newest first (at most OPEN_SHOWN of them). */
  open: Incident[];
  now: Date;
  /** Maintenances going on: the components they name are shown as expected to be down. */
  expected?: readonly MaintenanceWindow[];
}

/** How many open incidents the top of the page lists; the rest are one filtered history away. */
export const OPEN_SHOWN = 10;

export function vendorNow({ status, insights, open, now, expected = [] }: VendorNowInput) {
  const { vendor } = status;
  const count = vendor.openIncidents;
  // What a screen reader hears when a live update changes it (/live.js compares it before and after).
  const summary = `${vendor.name}: ${componentStatusLabel(status.status)}, ${count} open incident${count === 1 ? "" : "s"}`;
  return html`<h1 data-live-summary="${summary}">${vendor.name} ${componentStatusBadge(status.status)}</h1>
    <p>
      ${
        isWebUrl(vendor.url)
          ? html`<a href="${vendor.url}" rel="noopener nofollow">${vendor.name}'s own status page</a> ·`
          : ""
      }
      Last checked ${lastChecked(vendor, now)}
    </p>
    ${
      vendor.stale
        ? html`<p class="notice" role="status">
            The last poll failed (${vendor.lastError ?? "unknown error"}); this is the last known state.
          </p>`
        : ""
    }
    ${sourceNotes(vendor)}
    <section aria-labelledby="open-incidents">
      <h2 id="open-incidents">Open incidents</h2>
      ${openList(vendor.slug, open, count, now)}
    </section>
    <section aria-labelledby="components">
      <h2 id="components">Components</h2>
      ${componentGroups(status.components, insights, expected)}
    </section>`;
}

/** What Pingoru noticed about the source (issue 15): a breaker holding notifications, ids that change. */
function sourceNotes(vendor: Vendor) {
  return html`${
    vendor.notificationsHeld
      ? html`<p class="notice" role="status">
          Notifications are held: ${vendor.notificationsHeld}. The record is still kept;
          <code>pingoru vendors reset-breaker ${vendor.slug}</code> resumes them.
        </p>`
      : ""
  }
  ${
    vendor.unstableIdsAt
      ? html`<p class="notice">
          Unstable ids: this page has given known items new ids between fetches (first seen
          ${timeTag(vendor.unstableIdsAt)}); Pingoru matches them by title, time and first line.
        </p>`
      : ""
  }`;
}

const OPEN_FILTER = { kind: "incident", status: "open", component: null, from: null, to: null } as const;

function openList(slug: string, open: Incident[], count: number, now: Date) {
  if (open.length === 0) return html`<p class="muted">None right now.</p>`;
  const more = count - open.length;
  return html`<ul class="open-incidents">
      ${open.map(
        (i) =>
          html`<li>
            <a href="/incidents/${encodeURIComponent(i.id)}">${i.title}</a> ${incidentStatusBadge(i.status)}
            <span class="muted">since ${timeTag(i.startedAt)} (${durationText(i, now)})</span>
          </li>`,
      )}
    </ul>
    ${more > 0 ? html`<p><a href="${historyHref(slug, OPEN_FILTER, null)}">${more} more open</a></p>` : ""}`;
}

// Groups in the order their first component appears, so the vendor's own order is kept.
function componentGroups(
  components: ComponentSnapshot[],
  insights: VendorInsights,
  expected: readonly MaintenanceWindow[],
) {
  if (components.length === 0) return html`<p class="muted">This status page lists no components.</p>`;
  const groups = new Map<string | null, ComponentSnapshot[]>();
  for (const c of components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  // Ungrouped components get a heading only when grouped ones would otherwise seem to own them.
  const heading = (group: string | null) => group ?? (groups.size > 1 ? "Other components" : null);
  return html`${coverageNote(insights)}
  ${[...groups].map(([group, members]) => {
    const title = heading(group);
    return html`${title === null ? "" : html`<h3>${title}</h3>`}
      <ul class="components with-uptime" aria-label="${title ?? "Components"}">
        ${members.map(
          (c) =>
            html`<li>
              <span class="component-head"
                ><span>${c.name}</span> ${componentStatusBadge(c.status)} ${expectedNote(expected, c)}</span
              >
              ${uptimeBar(c.name, insights.uptime.get(c.id), insights.range)}
            </li>`,
        )}
      </ul>`;
  })}`;
}

/** A component a maintenance going on names: what it shows is expected, not an outage. */
function expectedNote(expected: readonly MaintenanceWindow[], c: ComponentSnapshot) {
  const by = expectingMaintenance(expected, c);
  return by === undefined
    ? ""
    : html`<span class="muted expected" title="${by.title}">in maintenance (expected)</span>`;
}

function coverageNote({ coverageStart, range }: VendorInsights) {
  const since =
    coverageStart === null ? "once Pingoru has read the status page" : `from ${formatUtc(coverageStart)}`;
  const unit = range.bucket === 7 ? "week" : "day";
  return html`<p class="muted uptime-note">
    Bars: ${range.label} in UTC, each ${unit} coloured by the component's worst status. Uptime counts time
    without a partial or major outage, ${since}; days before the record begins show as no data.
  </p>`;
}
