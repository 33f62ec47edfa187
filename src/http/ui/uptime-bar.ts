// One component's 90-day bar: a cell per UTC day coloured by its worst status, the day's incidents in
// the cell's title and in hidden text for screen readers; cells with incidents link to the first one,
// so the keyboard reaches them too.

import { html } from "hono/html";
import type { ComponentUptime, UptimeDay } from "../../domain/uptime.ts";
import { componentStatusLabel } from "./format.ts";

export function uptimeBar(
  name: string,
  uptime: ComponentUptime | undefined,
  range: { bucket: number; label: string; kind?: string } = { bucket: 1, label: "" },
) {
  if (uptime === undefined) return "";
  const days = uptime.days.length;
  const weeks = range.bucket === 7;
  const unit = weeks ? "week" : "day";
  const custom = range.kind === "custom";
  const summary = custom ? `${weeks ? "Weeks" : "Days"} ${range.label} (UTC)` : `Last ${days} ${unit}s (UTC)`;
  const each = custom ? `each ${unit} ${range.label} (UTC)` : `each of the last ${days} UTC ${unit}s`;
  return html`<div class="uptime">
    <span class="visually-hidden">${summary}: ${barSummary(uptime.days, unit)}.</span>
    <ol class="uptime-bar" aria-label="${name}: ${each}, oldest first">
      ${uptime.days.map((d) => dayCell(d, weeks))}
    </ol>
    <span class="uptime-pct">${percentText(uptime.percent)}</span>
  </div>`;
}

/** Rounded down, so an outage never shows as 100.00%. */
export function percentText(percent: number | null): string {
  if (percent === null) return "no data yet";
  return `${(Math.floor(percent * 100) / 100).toFixed(2)}% uptime`;
}

/** "2024-05-01 (UTC): Partial outage — Title; Title": a day cell's tooltip and hidden text. */
export function dayText(day: UptimeDay, date = day.date): string {
  const titles = day.incidents.map((i) => i.title);
  return `${date} (UTC): ${dayStatusLabel(day.status)}${titles.length > 0 ? ` — ${titles.join("; ")}` : ""}`;
}

function dayStatusLabel(status: UptimeDay["status"]): string {
  return status === "no_data" ? "No data" : componentStatusLabel(status);
}

function dayCell(day: UptimeDay, week: boolean) {
  const text = dayText(day, week ? `week of ${day.date}` : day.date);
  const first = day.incidents[0];
  // Quiet days only repeat the summary above the bar: screen readers skip them, the pointer still gets a tooltip.
  if (first === undefined && isQuiet(day))
    return html`<li class="day day-${day.status}" title="${text}" aria-hidden="true"></li>`;
  const inner =
    first === undefined
      ? html`<span class="visually-hidden">${text}</span>`
      : html`<a href="/incidents/${encodeURIComponent(first.id)}"
          ><span class="visually-hidden">${text}</span></a
        >`;
  return html`<li class="day day-${day.status}" title="${text}">${inner}</li>`;
}

export function isQuiet(day: UptimeDay): boolean {
  return day.status === "operational" || day.status === "no_data";
}

/** "86 days operational, 2 with problems, 2 without data": what the hidden quiet cells would have said. */
export function barSummary(days: readonly UptimeDay[], unit = "day"): string {
  const count = (test: (d: UptimeDay) => boolean) => days.filter(test).length;
  const parts = [
    [count((d) => d.status === "operational" && d.incidents.length === 0), "operational"],
    [count((d) => !isQuiet(d) || d.incidents.length > 0), "with problems or incidents, listed below"],
    [count((d) => d.status === "no_data" && d.incidents.length === 0), "without data"],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${unit}${n === 1 ? "" : "s"} ${what}`)
    .join(", ");
}
