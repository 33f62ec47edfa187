// "/vendors/:slug": the vendor's components now (in their groups, each with a 90-day uptime bar), a
// small panel of figures, then the incident history with filters and pages.

import { html } from "hono/html";
import type { ComponentSnapshot, Incident } from "../../domain/model.ts";
import type { Page } from "../../store/store.ts";
import type { VendorStatus } from "../vendor-status.ts";
import { figuresPanel } from "./figures-panel.ts";
import { componentStatusBadge, formatUtc, isWebUrl } from "./format.ts";
import type { HistoryFilter } from "./history-filter.ts";
import { lastChecked } from "./home-page.ts";
import { layout } from "./layout.ts";
import type { TextRenderer } from "./text-cache.ts";
import { uptimeBar } from "./uptime-bar.ts";
import { historySection } from "./vendor-history.ts";
import type { VendorInsights } from "./vendor-insights.ts";

export interface VendorPageInput {
  status: VendorStatus;
  insights: VendorInsights;
  history: Page<Incident>;
  filter: HistoryFilter;
  /** True when this is not the first page of the history. */
  paged: boolean;
  now: Date;
  renderText: TextRenderer;
}

export function vendorPage({ status, insights, history, filter, paged, now, renderText }: VendorPageInput) {
  const { vendor } = status;
  const body = html`<h1>${vendor.name} ${componentStatusBadge(status.status)}</h1>
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
    <section aria-labelledby="components">
      <h2 id="components">Components</h2>
      ${componentGroups(status.components, insights)}
    </section>
    ${figuresPanel(insights.figures)}
    ${historySection({
      slug: vendor.slug,
      vendorName: vendor.name,
      components: status.components,
      history,
      filter,
      paged,
      now,
      renderText,
    })}`;
  return layout({ title: vendor.name, body });
}

// Groups in the order their first component appears, so the vendor's own order is kept.
function componentGroups(components: ComponentSnapshot[], insights: VendorInsights) {
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
              <span class="component-head"><span>${c.name}</span> ${componentStatusBadge(c.status)}</span>
              ${uptimeBar(c.name, insights.uptime.get(c.id))}
            </li>`,
        )}
      </ul>`;
  })}`;
}

function coverageNote({ coverageStart }: VendorInsights) {
  const since =
    coverageStart === null ? "once Pingoru has read the status page" : `from ${formatUtc(coverageStart)}`;
  return html`<p class="muted uptime-note">
    Bars: the last 90 days in UTC, each day coloured by the component's worst status. Uptime counts time
    without a partial or major outage, ${since}; days before the record begins show as no data.
  </p>`;
}
