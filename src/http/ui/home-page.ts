// "/": what is broken now and since when (open incidents, the last 7 days' incidents), then every
// vendor with a 90-day bar, open incidents first, with search and filters (a plain GET form) and live
// updates (/live.js over /events/stream; without JavaScript the page reloads itself instead).

import { html } from "hono/html";
import type { PendingVendor, PollerPace } from "../health.ts";
import type { VendorStatus } from "../vendor-status.ts";
import type { UptimeDay } from "../../domain/uptime.ts";
import {
  SEVERITY_ORDER,
  STATUS_FILTERS,
  filterQuery,
  type CategoryCount,
  type DashboardFilter,
  type StatusFilter,
} from "./dashboard-filter.ts";
import { dashboardNow, type DashboardNowInput } from "./dashboard-now.ts";
import { componentStatusBadge, formatAgo, timeTag } from "./format.ts";
import { layout } from "./layout.ts";
import { miniBar } from "./mini-bar.ts";
import type { Vendor } from "../../domain/vendor.ts";

export interface HomePageInput {
  /** Already filtered and ordered. */
  shown: VendorStatus[];
  total: number;
  filter: DashboardFilter;
  categories: CategoryCount[];
  /** Open and recent incidents of the vendors shown. */
  incidents: Omit<DashboardNowInput, "now">;
  /** Each vendor's last 90 days, by slug. */
  bars: ReadonlyMap<string, UptimeDay[]>;
  now: Date;
  refreshSeconds: number;
  /** The poller's pace, when this process polls: a warning shows while it is behind schedule. */
  pace?: PollerPace | null;
  /** Config vendors still being detected at start-up (or whose detection failed). */
  pending?: readonly PendingVendor[];
}

const FILTER_LABELS: Record<StatusFilter, string> = {
  problems: "Any problem",
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
  unknown: "Unknown",
  stale: "Status page unreachable (stale)",
};

export function homePage(input: HomePageInput) {
  const { shown, total, filter, now, refreshSeconds } = input;
  const filtered = filter.q !== "" || filter.status !== null || filter.category !== null;
  const body =
    total === 0
      ? html`<h1>Vendors</h1>
          ${pendingNotice(input.pending ?? [])}
          <p>
            No vendors are watched yet. Add one with <code>pingoru vendors add &lt;status page URL&gt;</code>.
          </p>`
      : html`<h1>Status now</h1>
          ${behindNotice(input.pace ?? null)} ${pendingNotice(input.pending ?? [])}
          <div class="dashboard-now" data-live-src="/now${filterQuery(filter)}">
            ${dashboardNow({ ...input.incidents, now })}
          </div>
          <section aria-labelledby="vendors">
            <h2 id="vendors">Vendors</h2>
            ${categoryNav(input)} ${filterForm(input)}
            <p id="live-status" class="muted" role="status" aria-live="polite">
              ${filtered ? `${shown.length} of ${total} vendors match.` : ""}
            </p>
            ${
              shown.length === 0
                ? html`<p>No vendor matches. <a href="/">Show all vendors</a></p>`
                : vendorTable(shown, input.bars, now)
            }
          </section>`;
  return layout({
    title: "Vendors",
    body,
    refreshSeconds,
    scripts: ["/live.js"],
    feeds: { path: "/feed", title: "Incidents of all vendors" },
    calendar: { path: "/calendar.ics", title: "Maintenances of all vendors" },
  });
}

function vendorTable(shown: VendorStatus[], bars: HomePageInput["bars"], now: Date) {
  return html`<table class="vendors" data-live>
    <caption class="muted">
      Status of every watched vendor: open incidents first, then the worst status. Bars: the last 90 days in
      UTC (30 on a phone), each day coloured by the worst status its incidents reached.
    </caption>
    <thead>
      <tr>
        <th scope="col">Vendor</th>
        <th scope="col">Status</th>
        <th scope="col" class="bar-col">Last 90 days</th>
        <th scope="col">Open incidents</th>
        <th scope="col">Last checked</th>
      </tr>
    </thead>
    <tbody>
      ${shown.map((s) => vendorRow(s, bars.get(s.vendor.slug) ?? [], now))}
    </tbody>
  </table>`;
}

/** Quick links to each category, with how many of its vendors have problems. */
function categoryNav({ categories, filter }: HomePageInput) {
  if (categories.length === 0) return "";
  const link = (href: string, label: string, current: boolean, problems = 0) =>
    html`<li>
      <a href="${href}" ${current ? html`aria-current="page"` : ""}>${label}</a>${
        problems > 0 ? html` <span class="problems">${problems} with problems</span>` : ""
      }
    </li>`;
  return html`<nav aria-label="Categories">
    <ul class="categories">
      ${link("/", "All", filter.category === null)}
      ${categories.map((c) =>
        link(
          `/?category=${encodeURIComponent(c.category)}`,
          `${c.category} (${c.vendors})`,
          filter.category === c.category,
          c.problems,
        ),
      )}
    </ul>
  </nav>`;
}

function filterForm({ filter, categories }: HomePageInput) {
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? "selected" : ""}>${label}</option>`;
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Filter vendors">
    <label>Name <input type="search" name="q" value="${filter.q}" autocomplete="off" /></label>
    <label
      >Status
      <select name="status">
        ${option("", "All", filter.status === null)}
        ${STATUS_FILTERS.map((s) => option(s, FILTER_LABELS[s], filter.status === s))}
      </select></label
    >
    ${
      categories.length === 0
        ? ""
        : html`<label
            >Category
            <select name="category">
              ${option("", "All", filter.category === null)}
              ${categories.map(({ category: c }) => option(c, c, filter.category === c))}
            </select></label
          >`
    }
    <button type="submit">Filter</button>
  </form>`;
}

function vendorRow({ vendor, status }: VendorStatus, days: readonly UptimeDay[], now: Date) {
  return html`<tr
    data-slug="${vendor.slug}"
    data-name="${vendor.name}"
    data-open="${vendor.openIncidents}"
    data-status="${status}"
    data-severity="${SEVERITY_ORDER[status]}"
  >
    <th scope="row"><a href="/vendors/${encodeURIComponent(vendor.slug)}">${vendor.name}</a></th>
    <td data-label="Status" data-cell="status">${componentStatusBadge(status)}</td>
    <td data-label="Last 90 days" data-cell="bar">${miniBar(vendor.name, days)}</td>
    <td data-label="Open incidents" data-cell="open">${vendor.openIncidents}</td>
    <td data-label="Last checked" data-cell="checked">${lastChecked(vendor, now)}</td>
  </tr>`;
}

export function lastChecked(vendor: Vendor, now: Date) {
  const when =
    vendor.lastPolledAt === null
      ? html`<span class="muted">not yet</span>`
      : html`${timeTag(vendor.lastPolledAt)}
          <span class="muted">(${formatAgo(vendor.lastPolledAt, now)})</span>`;
  const paused = vendor.paused
    ? html` <span class="badge" title="Not polled until resumed">paused</span>`
    : "";
  if (!vendor.stale) return html`${when}${paused}`;
  const reason = vendor.lastError ?? "the last poll failed";
  return html`${when}
    <span class="stale" title="${reason}">stale<span class="visually-hidden">: ${reason}</span></span
    >${paused}`;
}

/** Config vendors not in the record yet: "detecting" while their platform is found, else why not. */
function pendingNotice(pending: readonly PendingVendor[]) {
  if (pending.length === 0) return "";
  return html`<section class="notice" aria-label="Vendors from the config file not added yet">
    <ul class="pending-vendors">
      ${pending.map(
        (p) =>
          html`<li data-pending="${p.slug ?? p.page}">
            <strong>${p.slug ?? p.page}</strong> ${p.slug ? html`(${p.page})` : ""} —
            ${
              p.error === null
                ? html`<span class="status">detecting</span>: finding its platform and loading its history`
                : html`<span class="status">not added</span>: ${p.error}`
            }
          </li>`,
      )}
    </ul>
  </section>`;
}

/** Polls starting late make every status here older than it looks: say so. */
function behindNotice(pace: PollerPace | null) {
  if (pace === null || !pace.behind) return "";
  const share = Math.round(pace.lateShare * 100);
  return html`<p class="notice" role="alert">
    The poller is behind schedule: ${share}% of polls in the last minute started more than 2 s late (up to
    ${Math.round(pace.maxDelaySeconds)} s). Statuses may be older than they look; see <code>/healthz</code>.
  </p>`;
}
