// The top of the dashboard: what is broken right now and since when (each open incident with its
// impact, components and how long it has been open), then the last 7 days' incidents. The page renders
// it inside a region marked data-live-src, and /now serves it alone for /live.js to swap in.

import { html } from "hono/html";
import type { IncidentSummary } from "../../store/store.ts";
import { RECENT_DAYS } from "./dashboard-record.ts";
import { componentStatusBadge, impactLabel, incidentStatusBadge, timeTag } from "./format.ts";
import { alsoListed, durationText } from "./incident-facts.ts";

export interface DashboardNowInput {
  /** Open incidents of the vendors shown, newest first. */
  open: IncidentSummary[];
  /** Their incidents of the last RECENT_DAYS days that are no longer open, newest first. */
  recent: IncidentSummary[];
  /** Vendor names by slug. */
  names: ReadonlyMap<string, string>;
  now: Date;
}

/** Enough for a screen; the rest are one vendor page away. */
const SHOWN = 25;

export function dashboardNow({ open, recent, names, now }: DashboardNowInput) {
  const vendors = new Set(open.map((i) => i.vendor)).size;
  // What a screen reader hears when a live update changes it (/live.js compares it before and after).
  const summary =
    open.length === 0
      ? "No open incidents"
      : `${plural(open.length, "open incident")} at ${plural(vendors, "vendor")}`;
  return html`<section aria-labelledby="open-now">
      <h2 id="open-now" data-live-summary="${summary}">Open incidents</h2>
      ${
        open.length === 0
          ? html`<p class="all-clear">No open incidents: no watched vendor reports anything broken.</p>`
          : html`<p class="muted">${summary}, newest first.</p>
              <ul class="open-now">
                ${open.slice(0, SHOWN).map((i) => openItem(i, names, now))}
              </ul>
              ${more(open.length)}`
      }
    </section>
    <section aria-labelledby="recent">
      <h2 id="recent">Recent incidents <span class="muted">(last ${RECENT_DAYS} days)</span></h2>
      ${
        recent.length === 0
          ? html`<p class="muted">None resolved in the last ${RECENT_DAYS} days.</p>`
          : html`<ol class="recent">
                ${recent.slice(0, SHOWN).map((i) => recentItem(i, names, now))}
              </ol>
              ${more(recent.length)}`
      }
      <p><a href="/incidents">Older incidents: the outage history across vendors</a></p>
    </section>`;
}

function openItem(incident: IncidentSummary, names: ReadonlyMap<string, string>, now: Date) {
  return html`<li class="impact-${incident.impact}">
    <p class="incident-title">${vendorLink(incident.vendor, names)}: ${incidentLink(incident)}</p>
    <p class="incident-line">
      ${impactBadge(incident)} ${incidentStatusBadge(incident.status)}
      <span>${durationText(incident, now)}, since ${timeTag(incident.startedAt)}</span>
    </p>
    ${affected(incident)}
  </li>`;
}

function recentItem(incident: IncidentSummary, names: ReadonlyMap<string, string>, now: Date) {
  return html`<li>
    ${vendorLink(incident.vendor, names)}: ${incidentLink(incident)}
    <span class="incident-line">
      ${impactBadge(incident)}
      <span class="muted">${timeTag(incident.startedAt)}, lasted ${durationText(incident, now)}</span>
    </span>
  </li>`;
}

function affected({ affectedComponents: components, listedOperational: listed }: IncidentSummary) {
  if (components.length === 0 && listed.length === 0) return html`<p class="muted">No components named.</p>`;
  const list =
    components.length === 0
      ? html`<p class="muted">No component affected.</p>`
      : html`<ul class="affected" aria-label="Affected components">
          ${components.map((c) => html`<li>${c.name} ${componentStatusBadge(c.worstStatus)}</li>`)}
        </ul>`;
  return html`${list}${alsoListed(listed)}`;
}

function impactBadge({ impact }: IncidentSummary) {
  const words =
    impact === "none" || impact === "maintenance" ? impactLabel(impact) : `${impactLabel(impact)} impact`;
  return html`<span class="badge impact impact-${impact}">${words}</span>`;
}

function vendorLink(slug: string, names: ReadonlyMap<string, string>) {
  return html`<a class="vendor" href="/vendors/${encodeURIComponent(slug)}">${names.get(slug) ?? slug}</a>`;
}

function incidentLink(incident: IncidentSummary) {
  return html`<a href="/incidents/${encodeURIComponent(incident.id)}">${incident.title}</a>`;
}

function more(count: number) {
  return count > SHOWN ? html`<p class="muted">and ${count - SHOWN} more: see the vendors' pages.</p>` : "";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
