// "/incidents/:id": one incident with its full timeline, oldest update first.

import { html } from "hono/html";
import type { Incident } from "../../domain/model.ts";
import { isWebUrl } from "./format.ts";
import { incidentFacts } from "./incident-facts.ts";
import { layout } from "./layout.ts";
import { timeline } from "./timeline.ts";
import { revisionMarks, type Revision } from "../../domain/revisions.ts";
import { incidentMark, revisionsSection } from "./revisions-section.ts";
import type { Vendor } from "../../domain/vendor.ts";

export function incidentPage(
  incident: Incident,
  vendor: Vendor | null,
  now: Date,
  revisions: readonly Revision[] = [],
) {
  const marks = revisionMarks(incident.id, revisions);
  const vendorName = vendor?.name ?? incident.vendor;
  const body = html`<p>
      <a href="/vendors/${encodeURIComponent(incident.vendor)}">${vendorName}</a> ·
      ${incident.kind === "maintenance" ? "Maintenance" : "Incident"}
    </p>
    <h1>${incident.title}</h1>
    ${incidentMark(marks)} ${incidentFacts(incident, now)}
    ${
      isWebUrl(incident.url)
        ? html`<p><a href="${incident.url}" rel="noopener nofollow">${vendorName}'s own report</a></p>`
        : ""
    }
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      ${timeline(incident.updates, false, undefined, marks)}
    </section>
    ${revisionsSection(incident, revisions)}`;
  return layout({ title: incident.title, body });
}
