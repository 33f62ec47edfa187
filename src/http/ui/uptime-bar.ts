// One component's 90-day bar: a cell per UTC day coloured by its worst status, the day's incidents in
// the cell's title and in hidden text for screen readers; cells with incidents link to the first one,
// so the keyboard reaches them too.

import { html } from "hono/html";
import type { ComponentUptime, UptimeDay } from "../../domain/uptime.ts";
import { componentStatusLabel } from "./format.ts";

export function uptimeBar(name: string, uptime: ComponentUptime | undefined) {
  if (uptime === undefined) return "";
  const days = uptime.days.length;
  return html`<div class="uptime">
    <ol class="uptime-bar" aria-label="${name}: each of the last ${days} days, oldest first">
      ${uptime.days.map(dayCell)}
    </ol>
    <span class="uptime-pct">${percentText(uptime.percent)}</span>
  </div>`;
}

/** Rounded down, so an outage never shows as 100.00%. */
export function percentText(percent: number | null): string {
  if (percent === null) return "no data yet";
  return `${(Math.floor(percent * 100) / 100).toFixed(2)}% uptime`;
}

function dayCell(day: UptimeDay) {
  const what = day.status === "no_data" ? "No data" : componentStatusLabel(day.status);
  const titles = day.incidents.map((i) => i.title);
  const text = `${day.date}: ${what}${titles.length > 0 ? ` — ${titles.join("; ")}` : ""}`;
  const first = day.incidents[0];
  const inner =
    first === undefined
      ? html`<span class="visually-hidden">${text}</span>`
      : html`<a href="/incidents/${encodeURIComponent(first.id)}"
          ><span class="visually-hidden">${text}</span></a
        >`;
  return html`<li class="day day-${day.status}" title="${text}">${inner}</li>`;
}
