// "/stats?from&to[&vendor…]": the figures over a period across the watched vendors (or the ones chosen), as
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
  /** The vendors asked for (empty: all of them). */
  chosen: readonly string[];
}

export function statsPage({ report, vendors, chosen }: StatsPageInput) {
  const one = chosen.length === 1 ? report.vendors.find((v) => v.slug === chosen[0]) : undefined;
  const name = chosen.length === 0 ? "all watched vendors" : listNames(report, chosen);
  const figures = one?.figures ?? report.all;
  const body = html`<h1>Figures: ${name}</h1>
    ${periodForm("/stats", report, vendorPicker(vendors, chosen, name))}
    <p class="muted">
      ${periodText(report)}. Maintenance is not counted; downtime is the time with an incident open (a
      vendor's overlapping incidents count once${one === undefined ? ", and vendors' downtimes add up" : ""}).
      <a href="/leaderboard?${periodQuery(report)}">Vendors ranked by downtime</a>
      ${one === undefined ? "" : html` · <a href="/vendors/${encodeURIComponent(one.slug)}">${one.name}</a>`}
    </p>
    ${figureFacts(figures, one?.grade)} ${monthCharts("stats", figures)}`;
  return layout({ title: `Figures: ${name}`, body });
}

const LIST = new Intl.ListFormat("en", { type: "conjunction" });

/** The chosen vendors' names, in the order asked for ("A, B and C"). */
function listNames(report: StatsReport, chosen: readonly string[]): string {
  const names = new Map(report.vendors.map((v) => [v.slug, v.name]));
  return LIST.format(chosen.map((slug) => names.get(slug) ?? slug));
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

/**
 * One vendor or all; several chosen (vendor=a&vendor=b) are one option of their own, its value the
 * slugs comma-separated (as the query reads them), so showing another period keeps them.
 */
function vendorPicker(vendors: StatsPageInput["vendors"], chosen: readonly string[], names: string) {
  const several = chosen.length > 1;
  return html`<label
    >Vendor
    <select name="vendor">
      <option value="">All vendors</option>
      ${several ? html`<option value="${chosen.join(",")}" selected>${names}</option>` : ""}
      ${vendors.map((v) => {
        const selected = !several && v.slug === chosen[0] ? "selected" : "";
        return html`<option value="${v.slug}" ${selected}>${v.name}</option>`;
      })}
    </select></label
  >`;
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
/** The last day the window covers: a window ending at midnight ends with the day before. */
const lastDateOf = (to: Date) => dateOf(new Date(to.getTime() - 1));
