// Facts shown for an incident both in a vendor's history and on the incident's own page.

import { html } from "hono/html";
import { durationSeconds, isOpenIncident } from "../../domain/model.ts";
import type { AffectedComponent, Incident, NamedComponent } from "../../domain/model.ts";
import {
  componentStatusBadge,
  impactLabel,
  incidentStatusBadge,
  isWebUrl,
  secondsSince,
  timeTag,
} from "./format.ts";
import { formatDuration } from "../../lib/human-time.ts";

export function incidentFacts(incident: Incident, now: Date) {
  return html`<dl class="facts">
    <dt>Status</dt>
    <dd>${incidentStatusBadge(incident.status)}</dd>
    <dt>Impact</dt>
    <dd>${impactLabel(incident.impact)}</dd>
    <dt>Started</dt>
    <dd>${timeTag(incident.startedAt)}</dd>
    <dt>Resolved</dt>
    <dd>${resolvedText(incident)}</dd>
    <dt>Duration</dt>
    <dd>${durationText(incident, now)}</dd>
    ${postmortemFact(incident)}
    <dt>Detected</dt>
    <dd>${timeTag(incident.detectedAt)} <span class="muted">(${detectionText(incident)})</span></dd>
    <dt>Affected components</dt>
    <dd>${affectedList(incident.affectedComponents, incident.listedOperational)}</dd>
  </dl>`;
}

/** A postmortem, when the vendor published one: its date and, if it gives one, the link to it. */
function postmortemFact(incident: Incident) {
  if (incident.postmortemPublishedAt === null) return "";
  const link = isWebUrl(incident.postmortemUrl)
    ? html` · <a href="${incident.postmortemUrl}" rel="noopener nofollow">Read the postmortem</a>`
    : "";
  return html`<dt>Postmortem</dt>
    <dd>${timeTag(incident.postmortemPublishedAt)}${link}</dd>`;
}

/** The duration once resolved; while open, how long it has been open. */
/** Closed without a resolved time (posted already closed): how long it lasted is unknown. */
export function durationText(
  incident: Pick<Incident, "startedAt" | "status" | "resolvedAt">,
  now: Date,
): string {
  const seconds = durationSeconds(incident);
  if (seconds !== null) return formatDuration(seconds);
  if (!isOpenIncident(incident)) return "unknown";
  return `open for ${formatDuration(secondsSince(incident.startedAt, now))}`;
}

/** When it was resolved: "not yet" while open, "unknown" for one closed without a resolved time. */
export function resolvedText(incident: Pick<Incident, "status" | "resolvedAt">) {
  if (incident.resolvedAt !== null) return timeTag(incident.resolvedAt);
  return html`<span class="muted">${isOpenIncident(incident) ? "not yet" : "unknown"}</span>`;
}

/** Live detection is Pingoru's own work; history was read after the fact, so it has no lag to show. */
export function detectionText(incident: Incident): string {
  if (!incident.seenLive && incident.detectionLagSeconds !== null)
    return `appeared later: already over when Pingoru first saw it, ${formatDuration(incident.detectionLagSeconds)} after it started`;
  if (!incident.seenLive) return "from history";
  if (incident.detectionLagSeconds === null) return "Detected by Pingoru: open when watching began";
  return `Detected by Pingoru ${formatDuration(incident.detectionLagSeconds)} after it started`;
}

function affectedList(components: AffectedComponent[], listed: readonly NamedComponent[]) {
  if (components.length === 0 && listed.length === 0) return html`<span class="muted">none named</span>`;
  const affected =
    components.length === 0
      ? html`<span class="muted">none</span>`
      : html`<ul>
          ${components.map((c) => html`<li>${c.name} — ${componentStatusBadge(c.worstStatus)}</li>`)}
        </ul>`;
  return html`${affected}${alsoListed(listed)}`;
}

/** The components the vendor named but kept operational: not affected, shown collapsed. */
export function alsoListed(listed: readonly NamedComponent[]) {
  if (listed.length === 0) return "";
  return html`<details class="also-listed">
    <summary>also listed as operational: ${listed.length}</summary>
    <ul>
      ${listed.map((c) => html`<li>${c.name}</li>`)}
    </ul>
  </details>`;
}
