// A vendor's 90-day bar on the dashboard: like a component's (uptime-bar.ts), but a run of quiet days
// is one element, so a thousand vendors' bars stay a few elements each instead of 90. Days with
// incidents stay one cell each, linked to the first incident. It is a 90-column grid: phones show the
// last 30 days of it, in wider cells (style.css).

import { html } from "hono/html";
import type { UptimeDay } from "../../domain/uptime.ts";
import { barSummary, dayText, isQuiet } from "./uptime-bar.ts";

interface Run {
  first: UptimeDay;
  last: UptimeDay;
  length: number;
}

export function miniBar(name: string, days: readonly UptimeDay[]) {
  return html`<div class="mini-bar-frame">
    <span class="visually-hidden">Last ${days.length} days (UTC): ${barSummary(days)}.</span>
    <ol class="mini-bar" aria-label="${name}: each of the last ${days.length} UTC days, oldest first">
      ${runsOf(days).map(runCell)}
    </ol>
  </div>`;
}

// Kept terse: a thousand vendors' bars are most of the page. An incident day's link is named by its title.
function runCell({ first, last, length }: Run) {
  const cls = `day day-${first.status}`;
  const incident = first.incidents[0];
  if (incident === undefined) {
    const dates = length === 1 ? first.date : `${first.date} – ${last.date}`;
    const span = length === 1 ? "" : html`style="--span: ${length}"`;
    return html`<li class="${cls}" ${span} title="${dayText(first, dates)}" aria-hidden="true"></li>`;
  }
  const href = `/incidents/${encodeURIComponent(incident.id)}`;
  return html`<li class="${cls}"><a href="${href}" title="${dayText(first)}"></a></li>`;
}

/** Consecutive quiet days of one status fold into one run; a day with incidents is a run of its own. */
function runsOf(days: readonly UptimeDay[]): Run[] {
  const runs: Run[] = [];
  for (const day of days) {
    const open = runs.at(-1);
    const joins = open !== undefined && isQuiet(day) && isQuiet(open.last) && open.last.status === day.status;
    if (joins && day.incidents.length === 0 && open.last.incidents.length === 0) {
      open.last = day;
      open.length++;
    } else runs.push({ first: day, last: day, length: 1 });
  }
  return runs;
}
