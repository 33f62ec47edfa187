// "/sla?month=YYYY-MM": every SLA target judged over a calendar month, as GET /api/v1/sla gives it,
// with links to each vendor and to the incidents that cost it uptime, and the month as a file (CSV, JSON
// lines). A plain GET form picks the month.

import { html } from "hono/html";
import type { Incident } from "../../domain/model.ts";
import { formatDuration } from "../../lib/human-time.ts";
import type { SlaItem } from "../sla-export.ts";
import { layout } from "./layout.ts";

export interface SlaPageInput {
  month: string;
  items: readonly SlaItem[];
  /** Vendor slug → name. */
  names: ReadonlyMap<string, string>;
  /** The incidents the items name, by id. */
  incidents: ReadonlyMap<string, Pick<Incident, "id" | "title">>;
}

export function slaPage({ month, items, names, incidents }: SlaPageInput) {
  const body = html`<h1>SLAs: ${month}</h1>
    <p class="muted">
      Each target over the calendar month (UTC). Major and partial outage count as down; time before a
      vendor's record begins is left out of the uptime. A vendor-wide target is down whenever any component
      is.
    </p>
    <form method="get" action="/sla">
      <label>Month <input type="month" name="month" value="${month}" required /></label>
      <button type="submit">Show</button>
      <a href="/sla?month=${shift(month, -1)}">Previous month</a> ·
      <a href="/sla?month=${shift(month, 1)}">Next month</a>
    </form>
    ${
      items.length === 0
        ? html`<p class="muted">
            No SLA targets: set one on the admin page, with <code>pingoru sla set</code> or with
            <code>sla:</code> in the config file.
          </p>`
        : html`<table class="vendors sla">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Component</th>
                  <th scope="col">Target</th>
                  <th scope="col">Uptime</th>
                  <th scope="col">Downtime</th>
                  <th scope="col">Allowed</th>
                  <th scope="col">Met</th>
                  <th scope="col">Credit</th>
                  <th scope="col">Claim by</th>
                  <th scope="col">Incidents</th>
                </tr>
              </thead>
              <tbody>
                ${items.map((item) => row(item, names, incidents))}
              </tbody>
            </table>
            <p>
              Download this month:
              <a href="/api/v1/sla?month=${month}&amp;format=csv" download>CSV</a> ·
              <a href="/api/v1/sla?month=${month}&amp;format=jsonl" download>JSON lines</a>
            </p>`
    }`;
  return layout({ title: `SLAs ${month}`, body });
}

function row(item: SlaItem, names: SlaPageInput["names"], incidents: SlaPageInput["incidents"]) {
  const met = item.met === null ? "no data" : item.met ? "met" : "missed";
  return html`<tr>
    <td>
      <a href="/vendors/${encodeURIComponent(item.vendor)}">${names.get(item.vendor) ?? item.vendor}</a>
    </td>
    <td>${item.component ?? html`<span class="muted">whole vendor</span>`}</td>
    <td>${item.targetPercent} %</td>
    <td>${item.uptimePercent === null ? "no data" : `${item.uptimePercent.toFixed(3)} %`}</td>
    <td>${formatDuration(item.downtimeSeconds)}</td>
    <td>${formatDuration(item.allowedDowntimeSeconds)}</td>
    <td>${met}</td>
    <td>${item.creditPercent === null ? "" : `${item.creditPercent} %`}</td>
    <td>${item.claimBy ?? ""}</td>
    <td>
      ${item.incidentIds.map(
        (id, k) =>
          html`${k > 0 ? ", " : ""}<a href="/incidents/${encodeURIComponent(id)}"
              >${incidents.get(id)?.title ?? id}</a
            >`,
      )}
    </td>
  </tr>`;
}

/** The month `by` months from `month` (YYYY-MM). */
function shift(month: string, by: number): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1 + by, 1)).toISOString().slice(0, 7);
}
