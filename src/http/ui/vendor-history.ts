// The vendor page's incident history: a filter form (plain GET), the incidents newest first with
// their facts and the timeline on demand, and keyset pages that keep the filters.

import { html } from "hono/html";
import type { ComponentSnapshot, Incident } from "../../domain/model.ts";
import type { Page } from "../../store/store.ts";
import { isWebUrl } from "./format.ts";
import { incidentFacts } from "./incident-facts.ts";
import { historyHref, isFiltered, type HistoryFilter } from "./history-filter.ts";
import type { TextRenderer } from "./text-cache.ts";
import { timeline } from "./timeline.ts";

export interface HistoryInput {
  slug: string;
  vendorName: string;
  components: ComponentSnapshot[];
  history: Page<Incident>;
  filter: HistoryFilter;
  paged: boolean;
  now: Date;
  renderText: TextRenderer;
}

export function historySection(input: HistoryInput) {
  const { slug, history, filter, paged, now } = input;
  const empty = paged
    ? "Nothing older matches."
    : isFiltered(filter)
      ? "Nothing matches these filters."
      : "Nothing recorded yet.";
  return html`<section aria-labelledby="history">
    <h2 id="history">History</h2>
    ${filterForm(input)}
    ${
      history.items.length === 0
        ? html`<p class="muted">${empty}</p>`
        : html`<ol class="incidents">
            ${history.items.map((incident) => incidentCard(incident, input, now))}
          </ol>`
    }
    ${pager(slug, filter, history.next, paged)}
  </section>`;
}

function filterForm({ slug, components, filter }: HistoryInput) {
  const option = (value: string, label: string, current: string | null) =>
    html`<option value="${value}" ${(current ?? "") === value ? "selected" : ""}>${label}</option>`;
  return html`<form
    class="filters"
    method="get"
    action="/vendors/${encodeURIComponent(slug)}#history"
    aria-label="Filter the history"
  >
    <label
      >Show
      <select name="kind">
        ${option("", "Incidents and maintenance", filter.kind)}
        ${option("incident", "Incidents", filter.kind)} ${option("maintenance", "Maintenance", filter.kind)}
      </select></label
    >
    <label
      >Status
      <select name="status">
        ${option("", "Any", filter.status)} ${option("open", "Open", filter.status)}
        ${option("resolved", "Resolved", filter.status)}
      </select></label
    >
    ${
      components.length === 0
        ? ""
        : html`<label
            >Component
            <select name="component">
              ${option("", "Any", filter.component)}
              ${components.map((c) => option(c.id, c.name, filter.component))}
            </select></label
          >`
    }
    <label>From <input type="date" name="from" value="${filter.from ?? ""}" /></label>
    <label>To <input type="date" name="to" value="${filter.to ?? ""}" /></label>
    <button type="submit">Apply</button>
    ${isFiltered(filter) ? html`<a href="${historyHref(slug, noFilter, null)}">Clear filters</a>` : ""}
  </form>`;
}

const noFilter: HistoryFilter = { kind: null, status: null, component: null, from: null, to: null };

function incidentCard(incident: Incident, { vendorName, renderText }: HistoryInput, now: Date) {
  const updates = incident.updates.length;
  return html`<li class="card">
    <article>
      <h3>
        <a href="/incidents/${encodeURIComponent(incident.id)}">${incident.title}</a>
        ${incident.kind === "maintenance" ? html`<span class="badge">Maintenance</span>` : ""}
      </h3>
      ${incidentFacts(incident, now)}
      ${
        isWebUrl(incident.url)
          ? html`<p><a href="${incident.url}" rel="noopener nofollow">${vendorName}'s report</a></p>`
          : ""
      }
      ${
        updates === 0
          ? ""
          : html`<details>
              <summary>Timeline (${updates} update${updates === 1 ? "" : "s"})</summary>
              ${timeline(incident.updates, true, renderText)}
            </details>`
      }
    </article>
  </li>`;
}

function pager(slug: string, filter: HistoryFilter, next: string | null, paged: boolean) {
  if (next === null && !paged) return "";
  return html`<nav class="pager" aria-label="History pages">
    ${paged ? html`<a href="${historyHref(slug, filter, null)}">Newest</a>` : html`<span></span>`}
    ${next === null ? "" : html`<a href="${historyHref(slug, filter, next)}" rel="next">Older</a>`}
  </nav>`;
}
