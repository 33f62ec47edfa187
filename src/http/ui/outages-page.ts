// "/incidents": the outage history across vendors. A filter form (plain GET), a second form for
// "what was down at this moment" (one UTC date-time: from = to), the incidents newest first as a
// table, and keyset pages that keep the filters. Parsing is outage-query.ts's, shared with the API.

import { html } from "hono/html";
import type { Incident } from "../../domain/model.ts";
import type { Vendor } from "../../domain/vendor.ts";
import type { Page } from "../../store/store.ts";
import { formatDuration } from "../../lib/human-time.ts";
import { OUTAGE_FILTER_PARAMS, RANKED_IMPACTS, type OutageFilter } from "../outage-query.ts";
import { componentStatusBadge, impactLabel, timeTag } from "./format.ts";
import { durationText, resolvedText } from "./incident-facts.ts";
import { layout } from "./layout.ts";

export interface OutagesInput {
  vendors: Vendor[];
  /** Every component name among the vendors, for the component field's suggestions. */
  componentNames: string[];
  history: Page<Incident>;
  filter: OutageFilter;
  paged: boolean;
  now: Date;
}

export function outagesPage(input: OutagesInput) {
  const { history, filter, paged, now } = input;
  const names = new Map(input.vendors.map((v) => [v.slug, v.name]));
  const empty = paged
    ? "Nothing older matches."
    : isFiltered(filter)
      ? "Nothing matches."
      : "Nothing recorded yet.";
  const body = html`<h1>Outage history</h1>
    <p class="muted">Incidents and maintenance of every watched vendor, newest first. Times are UTC.</p>
    ${filterForm(input)} ${instantForm(filter)} ${windowNote(filter)}
    ${
      history.items.length === 0
        ? html`<p class="muted">${empty}</p>`
        : html`<table class="vendors outages">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Incident</th>
                <th scope="col">Impact</th>
                <th scope="col">Started</th>
                <th scope="col">Resolved</th>
                <th scope="col">Duration</th>
                <th scope="col">Affected components</th>
                <th scope="col">Detection lag</th>
              </tr>
            </thead>
            <tbody>
              ${history.items.map((incident) => row(incident, names, now))}
            </tbody>
          </table>`
    }
    ${pager(filter, history.next, paged)}`;
  return layout({ title: "Outage history", body });
}

// data-label: on a phone the table's rows become cards (style.css, table.vendors).
function row(incident: Incident, names: ReadonlyMap<string, string>, now: Date) {
  const slug = incident.vendor;
  return html`<tr>
    <td data-label="Vendor"><a href="/vendors/${encodeURIComponent(slug)}">${names.get(slug) ?? slug}</a></td>
    <td data-label="Incident">
      <a href="/incidents/${encodeURIComponent(incident.id)}">${incident.title}</a>
      ${incident.kind === "maintenance" ? html`<span class="badge">Maintenance</span>` : ""}
    </td>
    <td data-label="Impact">${impactLabel(incident.impact)}</td>
    <td data-label="Started">${timeTag(incident.startedAt)}</td>
    <td data-label="Resolved">${resolvedText(incident)}</td>
    <td data-label="Duration">${durationText(incident, now)}</td>
    <td data-label="Affected components">
      ${
        incident.affectedComponents.length === 0
          ? html`<span class="muted">none named</span>`
          : incident.affectedComponents.map(
              (c, i) => html`${i > 0 ? ", " : ""}${c.name} ${componentStatusBadge(c.worstStatus)}`,
            )
      }
    </td>
    <td data-label="Detection lag">${lagText(incident)}</td>
  </tr>`;
}

/** The lag only where Pingoru was watching when it began (DESIGN §5). */
function lagText(incident: Incident) {
  if (incident.seenLive && incident.detectionLagSeconds !== null)
    return formatDuration(incident.detectionLagSeconds);
  return html`<span class="muted">${incident.seenLive ? "open when watching began" : "from history"}</span>`;
}

function filterForm({ vendors, componentNames, filter }: OutagesInput) {
  const option = (value: string, label: string, current: string | null) =>
    html`<option value="${value}" ${(current ?? "") === value ? "selected" : ""}>${label}</option>`;
  const categories = [...new Set(vendors.flatMap((v) => (v.category === null ? [] : [v.category])))].sort();
  const date = (value: string | null) => (value !== null && isDate(value) ? value : "");
  return html`<form class="filters" method="get" action="/incidents" aria-label="Filter the outage history">
    <label
      >Vendors
      <select name="vendor" multiple size="${Math.min(5, Math.max(2, vendors.length))}">
        ${vendors.map(
          (v) =>
            html`<option value="${v.slug}" ${filter.vendor.includes(v.slug) ? "selected" : ""}>
              ${v.name}
            </option>`,
        )}
      </select></label
    >
    ${
      categories.length === 0
        ? ""
        : html`<label
            >Category
            <select name="category">
              ${option("", "Any", filter.category)} ${categories.map((c) => option(c, c, filter.category))}
            </select></label
          >`
    }
    <label
      >Component
      <input type="text" name="component" list="component-names" value="${filter.component ?? ""}" />
      <datalist id="component-names">
        ${componentNames.map((name) => html`<option value="${name}"></option>`)}
      </datalist></label
    >
    <label
      >Show
      <select name="kind">
        ${option("", "Incidents and maintenance", filter.kind)}
        ${option("incident", "Incidents", filter.kind)} ${option("maintenance", "Maintenance", filter.kind)}
      </select></label
    >
    <label
      >Impact at least
      <select name="impact">
        ${option("", "Any", filter.impact)}
        ${RANKED_IMPACTS.slice(1).map((i) => option(i, impactLabel(i), filter.impact))}
      </select></label
    >
    <label
      >Status
      <select name="status">
        ${option("", "Any", filter.status)} ${option("open", "Open", filter.status)}
        ${option("resolved", "Resolved", filter.status)}
      </select></label
    >
    <label>From <input type="date" name="from" value="${date(filter.from)}" /></label>
    <label>To <input type="date" name="to" value="${date(filter.to)}" /></label>
    <label>Text <input type="search" name="q" value="${filter.q ?? ""}" /></label>
    <button type="submit">Apply</button>
    ${isFiltered(filter) ? html`<a href="/incidents">Clear filters</a>` : ""}
  </form>`;
}

/** One moment: the same list with from = to; the other filters ride along. */
function instantForm(filter: OutageFilter) {
  const instant = instantOf(filter);
  const kept = Object.entries(hrefParams(filter)).filter(([name]) => !["from", "to", "at"].includes(name));
  return html`<form class="filters" method="get" action="/incidents" aria-label="What was down at a moment">
    ${kept.flatMap(([name, values]) => values.map((v) => html`<input type="hidden" name="${name}" value="${v}" />`))}
    <label
      >What was down at (UTC)
      <input type="datetime-local" name="at" value="${instant ?? ""}" />
    </label>
    <button type="submit">Show</button>
  </form>`;
}

function windowNote(filter: OutageFilter) {
  const instant = instantOf(filter);
  if (instant !== null) return html`<p>Going on at ${instant.replace("T", " ")} UTC:</p>`;
  return "";
}

/** The datetime-local value of a one-instant window, else null. */
function instantOf({ from, to }: OutageFilter): string | null {
  if (from === null || from !== to || isDate(from)) return null;
  return from.replace(/Z$/, "").slice(0, 16);
}

function pager(filter: OutageFilter, next: string | null, paged: boolean) {
  if (next === null && !paged) return "";
  return html`<nav class="pager" aria-label="History pages">
    ${paged ? html`<a href="${outagesHref(filter, null)}">Newest</a>` : html`<span></span>`}
    ${next === null ? "" : html`<a href="${outagesHref(filter, next)}" rel="next">Older</a>`}
  </nav>`;
}

/** The page's URL for these filters and a cursor. */
export function outagesHref(filter: OutageFilter, before: string | null): string {
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(hrefParams(filter)))
    for (const value of values) query.append(name, value);
  if (before !== null) query.set("before", before);
  const text = query.toString();
  return `/incidents${text === "" ? "" : `?${text}`}`;
}

function hrefParams(filter: OutageFilter): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const name of OUTAGE_FILTER_PARAMS) {
    const value = name === "at" ? null : filter[name];
    if (Array.isArray(value)) params[name] = value;
    else if (value !== null) params[name] = [value];
  }
  return params;
}

function isFiltered(filter: OutageFilter): boolean {
  return Object.values(filter).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null));
}

const isDate = (text: string) => text.length === 10;
