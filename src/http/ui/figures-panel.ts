// The vendor page's figures: incidents per month (a table with bars), median time to resolve and
// median detection lag, each with how many incidents it is taken over.

import { html } from "hono/html";
import type { IncidentFigures } from "../../domain/stats.ts";
import { formatDuration } from "../../lib/human-time.ts";

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function figuresPanel(figures: IncidentFigures) {
  const most = Math.max(1, ...figures.perMonth.map((m) => m.count));
  const total = figures.perMonth.reduce((sum, m) => sum + m.count, 0);
  return html`<section aria-labelledby="figures" class="figures">
    <h2 id="figures">Figures</h2>
    <dl class="facts">
      <dt>Incidents, last ${figures.perMonth.length} months</dt>
      <dd>${total}</dd>
      <dt>Median time to resolve</dt>
      <dd>
        ${median(figures.medianResolveSeconds, figures.resolvedCount, ["resolved incident", "resolved incidents"])}
      </dd>
      <dt>Median detection lag</dt>
      <dd>
        ${median(figures.medianDetectionLagSeconds, figures.detectedCount, ["incident seen appearing", "incidents seen appearing"])}
      </dd>
    </dl>
    <table class="months">
      <caption class="muted">
        Incidents per month (maintenance not counted)
      </caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Incidents</th>
        </tr>
      </thead>
      <tbody>
        ${figures.perMonth.map(
          (m) =>
            html`<tr>
              <th scope="row">${monthName(m.month)}</th>
              <td>
                <span class="month-bar" style="width: ${Math.round((100 * m.count) / most)}%"></span>
                ${m.count}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function median(seconds: number | null, count: number, [one, many]: [string, string]) {
  if (seconds === null) return html`<span class="muted">no ${one} yet</span>`;
  return html`${formatDuration(seconds)}
    <span class="muted">(over ${count} ${count === 1 ? one : many})</span>`;
}

/** "2024-05" → "May 2024". */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}
