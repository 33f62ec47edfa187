// Figures over a window (domain/stats.ts) as the pages show them: the facts (incidents, downtime, time
// to resolve, detection lag, acknowledgement delay, postmortem rate, grade with its formula), incidents
// and downtime per month as SVG bar charts, and the same numbers as a table. The vendor page's panel
// covers the last 12 months; /stats uses the same parts over any window.

import { html } from "hono/html";
import { GRADE_FORMULA, type GradeResult } from "../../domain/grade.ts";
import type { Spread, StatFigures } from "../../domain/stats.ts";
import { formatDuration } from "../../lib/human-time.ts";
import { barChart } from "./bar-chart.ts";

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The vendor page's panel, with a link to the same figures over another period. */
export function figuresPanel(figures: StatFigures, grade: GradeResult, slug: string) {
  return html`<section aria-labelledby="figures" class="figures">
    <h2 id="figures">Figures</h2>
    <p class="muted">
      The last ${figures.perMonth.length} months (UTC), maintenance not counted.
      <a href="/stats?vendor=${encodeURIComponent(slug)}">Another period</a>
    </p>
    ${figureFacts(figures, grade)} ${monthCharts("vendor", figures)}
  </section>`;
}

export function figureFacts(figures: StatFigures, grade?: GradeResult) {
  const rate = figures.postmortemRate;
  return html`<dl class="facts">
    <dt>Incidents</dt>
    <dd>
      ${figures.incidentCount}${
        figures.openCount > 0 ? html` <span class="muted">(${figures.openCount} still open)</span>` : ""
      }
    </dd>
    <dt>Downtime</dt>
    <dd>
      ${formatDuration(figures.downtimeSeconds)}
      <span class="muted">(time with an incident open)</span>
    </dd>
    <dt>Time to resolve</dt>
    <dd>${spread(figures.resolve, "p90", ["resolved incident", "resolved incidents"])}</dd>
    <dt>Detection lag</dt>
    <dd>${spread(figures.detectionLag, "p95", ["incident seen appearing", "incidents seen appearing"])}</dd>
    <dt>Acknowledgement delay</dt>
    <dd>
      ${spread(figures.acknowledgement, null, [
        "incident with a component change seen live",
        "incidents with a component change seen live",
      ])}
    </dd>
    <dt>Postmortems</dt>
    <dd>
      ${
        rate === null
          ? html`<span class="muted">no resolved incident</span>`
          : html`${Math.round(rate * 100)} %
              <span class="muted">(${figures.postmortemCount} of ${figures.resolvedCount} resolved)</span>`
      }
    </dd>
    ${
      grade === undefined
        ? ""
        : html`<dt>Accuracy grade</dt>
            <dd>
              ${gradeText(grade)}<br /><span class="muted grade-formula">Formula: ${GRADE_FORMULA}</span>
            </dd>`
    }
  </dl>`;
}

export function gradeText(grade: GradeResult) {
  return grade.grade === null
    ? html`<span class="muted">${grade.reason}</span>`
    : html`<strong class="grade">${grade.grade}</strong> <span class="muted">(score ${grade.score})</span>`;
}

/** Incidents and downtime per month, as two charts and one table. */
export function monthCharts(id: string, figures: StatFigures) {
  const bars = (value: (m: StatFigures["perMonth"][number]) => number, text: (n: number) => string) =>
    figures.perMonth.map((m) => ({
      label: MONTH_NAMES[Number(m.month.slice(5, 7)) - 1]!,
      name: monthName(m.month),
      value: value(m),
      text: text(value(m)),
    }));
  return html`<div class="charts">
      ${barChart(
        `${id}-incidents`,
        "Incidents per month",
        bars((m) => m.incidents, String),
      )}
      ${barChart(
        `${id}-downtime`,
        "Downtime per month",
        bars((m) => m.downtimeSeconds, formatDuration),
      )}
    </div>
    <details>
      <summary>The same as a table</summary>
      <table class="months">
        <caption class="visually-hidden">
          Incidents and downtime per month
        </caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Incidents</th>
            <th scope="col">Downtime</th>
          </tr>
        </thead>
        <tbody>
          ${figures.perMonth.map(
            (m) =>
              html`<tr>
                <th scope="row">${monthName(m.month)}</th>
                <td>${m.incidents}</td>
                <td>${formatDuration(m.downtimeSeconds)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
}

function spread(s: Spread, high: "p90" | "p95" | null, [one, many]: [string, string]) {
  if (s.p50 === null) return html`<span class="muted">no ${one} yet</span>`;
  return html`median
    ${formatDuration(s.p50)}${
      high === null || s.high == null ? "" : html`, ${high} ${formatDuration(s.high)}`
    } <span class="muted">(over ${s.count} ${s.count === 1 ? one : many})</span>`;
}

/** "2024-05" → "May 2024". */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}
