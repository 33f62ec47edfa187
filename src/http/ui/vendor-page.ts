// "/vendors/:slug": how the vendor is now (status, open incidents, components in their groups, each with
// a 90-day uptime bar; live-updated by /live.js), a small panel of figures, then the incident history
// with filters and pages.

import { html } from "hono/html";
import type { Incident } from "../../domain/model.ts";
import type { Page } from "../../store/store.ts";
import type { VendorStatus } from "../vendor-status.ts";
import { figuresPanel } from "./figures-panel.ts";
import type { HistoryFilter } from "./history-filter.ts";
import { layout } from "./layout.ts";
import type { TextRenderer } from "./text-cache.ts";
import { historySection } from "./vendor-history.ts";
import type { VendorInsights } from "./vendor-insights.ts";
import { vendorNow } from "./vendor-now.ts";
import { rangeSwitch } from "./uptime-range.ts";

export interface VendorPageInput {
  status: VendorStatus;
  insights: VendorInsights;
  /** Open incidents for the top of the page (see vendor-now.ts). */
  open: Incident[];
  history: Page<Incident>;
  filter: HistoryFilter;
  /** True when this is not the first page of the history. */
  paged: boolean;
  now: Date;
  renderText: TextRenderer;
}

export function vendorPage(input: VendorPageInput) {
  const { status, insights, history, filter, paged, now, renderText } = input;
  const { vendor } = status;
  const slug = encodeURIComponent(vendor.slug);
  // /live.js refreshes the marked region from its data-live-src on this vendor's events only.
  const live = `/vendors/${slug}/now${insights.range.query === "" ? "" : `?${insights.range.query}`}`;
  const body = html`${rangeSwitch(vendor.slug, insights.range)}
    <div data-live-src="${live}" data-live-vendor="${vendor.slug}">${vendorNow(input)}</div>
    <p id="live-status" class="visually-hidden" role="status" aria-live="polite"></p>
    ${figuresPanel(insights.figures, insights.grade, vendor.slug)}
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
  return layout({
    title: vendor.name,
    body,
    scripts: ["/live.js"],
    feeds: { path: `/vendors/${encodeURIComponent(vendor.slug)}/feed`, title: `${vendor.name} incidents` },
    calendar: { path: `/vendors/${slug}/calendar.ics`, title: `${vendor.name} maintenances` },
  });
}
