// Human wording for the record's values. Every label is text, so status never relies on colour alone.

import { html } from "hono/html";
import type { ComponentStatus, Impact, IncidentStatus, Iso } from "../../domain/model.ts";
import { formatDuration, formatUtc } from "../../lib/human-time.ts";

const COMPONENT_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
  unknown: "Unknown",
};

// A shape per status as well as a colour, for readers who cannot tell the colours apart.
const COMPONENT_ICONS: Record<ComponentStatus, string> = {
  operational: "\u2714",
  degraded_performance: "\u25b2",
  partial_outage: "\u25c6",
  major_outage: "\u2716",
  under_maintenance: "\u25cf",
  unknown: "?",
};

const IMPACT_LABELS: Record<Impact, string> = {
  none: "No impact",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
  maintenance: "Maintenance",
};

export function incidentStatusLabel(status: IncidentStatus): string {
  const words = status.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function impactLabel(impact: Impact): string {
  return IMPACT_LABELS[impact];
}

export function componentStatusLabel(status: ComponentStatus): string {
  return COMPONENT_LABELS[status];
}

export function componentStatusBadge(status: ComponentStatus) {
  return html`<span class="status status-${status}"
    ><span aria-hidden="true">${COMPONENT_ICONS[status]}</span> ${COMPONENT_LABELS[status]}</span
  >`;
}

export function incidentStatusBadge(status: IncidentStatus) {
  return html`<span class="badge badge-${status}">${incidentStatusLabel(status)}</span>`;
}

/** A time in UTC, labelled; the page's script (layout.ts) may rewrite it in the viewer's zone. */
export function timeTag(iso: Iso | null) {
  if (iso === null) return html`<span class="muted">—</span>`;
  return html`<time datetime="${iso}" title="${formatUtc(iso)}">${formatUtc(iso)}</time>`;
}

export function secondsSince(iso: Iso, now: Date): number {
  return (now.getTime() - Date.parse(iso)) / 1000;
}

export function formatAgo(iso: Iso | null, now: Date): string {
  if (iso === null) return "never";
  return `${formatDuration(secondsSince(iso, now))} ago`;
}

/** Only http(s) URLs become links: stored URLs come from vendors and config, not from us. */
export function isWebUrl(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}
