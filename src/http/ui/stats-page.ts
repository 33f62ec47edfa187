// "/stats?from&to[&vendor]": the figures over a period across the watched vendors (or one), as
// GET /api/v1/stats gives them, with incidents and downtime per month as SVG charts; and the period
// form it shares with /leaderboard (plain GET, date inputs, no script).

import { html } from "hono/html";
import type { Vendor } from "../../domain/vendor.ts";
import type { StatsReport } from "../stats-load.ts";
import { figureFacts, monthCharts } from "./figures-panel.ts";
import { layout, type Markup } from "./layout.ts";

export interface StatsPageInput {
  report: StatsReport;
  /** Every watched vendor, for the picker. */
  vendors: readonly Pick<Vendor, "slug" | "name">[];
  /** The one vendor asked for, if one was. */
  vendor: string | null;
}

export function statsPage({ report, vendors, vendor }: StatsPageInput) {
  const one = vendor === null ? undefined : report.vendors.find((v) => v.slug === vendor);
  const name = one?.name ?? "all watched vendors";
  const figures = one?.figures ?? report.all;
  const body = html`<h1>Figures: ${name}</h1>
    ${periodForm("/stats", report, vendorPicker(vendors, vendor))}
    <p class="muted">
      ${periodText(report)}. Maintenance is not counted; downtime is the time with an incident open (a
      vendor's overlapping incidents count once${one === undefined ? ", and vendors' downtimes add up" : ""}).
      <a href="/leaderboard?${periodQuery(report)}">Vendors ranked by downtime</a>
      ${one === undefined ? "" : html` · <a href="/vendors/${encodeURIComponent(one.slug)}">${one.name}</a>`}
    </p>
    ${figureFacts(figures, one?.grade)} ${monthCharts("stats", figures)}`;
  return layout({ title: `Figures: ${name}`, body });
}

/** The period picker: from and to as dates (to inclusive), kept in the query, plus any other fields. */
export function periodForm(
  action: string,
  window: Pick<StatsReport, "from" | "to">,
  extra: Markup | "" = "",
) {
  return html`<form method="get" action="${action}" class="filters">
    <label>From <input type="date" name="from" value="${dateOf(window.from)}" required /></label>
    <label>To <input type="date" name="to" value="${lastDateOf(window.to)}" required /></label>
    ${extra}
    <button type="submit">Show</button>
  </form>`;
}

export function periodText({ from, to }: Pick<StatsReport, "from" | "to">): string {
  return `From ${dateOf(from)} to ${lastDateOf(to)} (UTC)`;
}

/** from and to as the period form sends them (dates), for links that keep the period. */
export function periodQuery({ from, to }: Pick<StatsReport, "from" | "to">): string {
  return `from=${dateOf(from)}&to=${lastDateOf(to)}`;
}

function vendorPicker(vendors: StatsPageInput["vendors"], chosen: string | null) {
  return html`<label
    >Vendor
    <select name="vendor">
      <option value="">All vendors</option>
      ${vendors.map(
        (v) => html`<option value="${v.slug}" ${v.slug === chosen ? "selected" : ""}>${v.name}</option>`,
      )}
    </select></label
  >`;
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
/** The last day the window covers: a window ending at midnight ends with the day before. */
const lastDateOf = (to: Date) => dateOf(new Date(to.getTime() - 1));
