// "/leaderboard?from&to": the watched vendors ranked by downtime over a period (the time each had an
// incident open), with their incidents, time to resolve and accuracy grade, its formula printed below.

import { html } from "hono/html";
import { GRADE_FORMULA, GRADE_MIN_ACKNOWLEDGED, GRADE_MIN_RESOLVED } from "../../domain/grade.ts";
import { formatDuration } from "../../lib/human-time.ts";
import type { StatsReport, VendorStats } from "../stats-load.ts";
import { layout } from "./layout.ts";
import { periodForm, periodQuery, periodText } from "./stats-page.ts";

export function leaderboardPage(report: StatsReport) {
  const body = html`<h1>Leaderboard</h1>
    ${periodForm("/leaderboard", report)}
    <p class="muted">
      ${periodText(report)}: the watched vendors, most downtime first. Downtime is the time a vendor had an
      incident open (maintenance not counted). <a href="/stats?${periodQuery(report)}">Figures and charts</a>
    </p>
    ${
      report.vendors.length === 0
        ? html`<p class="muted">No vendor is watched yet.</p>`
        : html`<table class="vendors leaderboard">
            <caption class="visually-hidden">
              Vendors ranked by downtime
            </caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Vendor</th>
                <th scope="col">Downtime</th>
                <th scope="col">Incidents</th>
                <th scope="col">Time to resolve (median)</th>
                <th scope="col">Grade</th>
              </tr>
            </thead>
            <tbody>
              ${report.vendors.map(row)}
            </tbody>
          </table>`
    }
    <p class="muted grade-formula">
      Grade: ${GRADE_FORMULA}. “No data”: fewer than ${GRADE_MIN_RESOLVED} resolved incidents or
      ${GRADE_MIN_ACKNOWLEDGED} known acknowledgement delays in the period; the acknowledgement delay runs
      from the first component change Pingoru saw live to the vendor's first update.
    </p>`;
  return layout({ title: "Leaderboard", body });
}

function row(v: VendorStats, k: number) {
  const { figures, grade } = v;
  return html`<tr>
    <td data-label="Rank">${k + 1}</td>
    <td data-label="Vendor"><a href="/vendors/${encodeURIComponent(v.slug)}">${v.name}</a></td>
    <td data-label="Downtime">${formatDuration(figures.downtimeSeconds)}</td>
    <td data-label="Incidents">${figures.incidentCount}</td>
    <td data-label="Time to resolve">
      ${figures.resolve.p50 === null ? html`<span class="muted">none resolved</span>` : formatDuration(figures.resolve.p50)}
    </td>
    <td data-label="Grade">
      ${
        grade.grade === null
          ? html`<span class="muted" title="${grade.reason}">no data</span>`
          : html`<strong class="grade">${grade.grade}</strong> <span class="muted">(${grade.score})</span>`
      }
    </td>
  </tr>`;
}
