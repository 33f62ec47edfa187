// "/incidents/:id": one incident with its full timeline, oldest update first.

import { html, raw } from "hono/html";
import type { ComponentState, Incident, UpdateSnapshot } from "../../domain/model.ts";
import type { Vendor } from "../../store/store.ts";
import { renderVendorText } from "../sanitize.ts";
import { componentStatusBadge, incidentStatusBadge, isWebUrl, timeTag } from "./format.ts";
import { incidentFacts } from "./incident-facts.ts";
import { layout } from "./layout.ts";

export function incidentPage(incident: Incident, vendor: Vendor | null, now: Date) {
  const vendorName = vendor?.name ?? incident.vendor;
  const body = html`<p>
      <a href="/vendors/${encodeURIComponent(incident.vendor)}">${vendorName}</a> ·
      ${incident.kind === "maintenance" ? "Maintenance" : "Incident"}
    </p>
    <h1>${incident.title}</h1>
    ${incidentFacts(incident, now)}
    ${
      isWebUrl(incident.url)
        ? html`<p><a href="${incident.url}" rel="noopener nofollow">${vendorName}'s own report</a></p>`
        : ""
    }
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      ${
        incident.updates.length === 0
          ? html`<p class="muted">The vendor has posted no updates.</p>`
          : html`<ol class="timeline">
              ${incident.updates.map(updateItem)}
            </ol>`
      }
    </section>`;
  return layout({ title: incident.title, body });
}

function updateItem(update: UpdateSnapshot) {
  return html`<li>
    <article>
      <h3>${incidentStatusBadge(update.status)} ${timeTag(update.at)}</h3>
      <div class="message">${raw(renderVendorText(update.message))}</div>
      ${componentStates(update.components)}
    </article>
  </li>`;
}

function componentStates(components: ComponentState[]) {
  if (components.length === 0) return "";
  return html`<ul class="components" aria-label="Component states at this update">
    ${components.map((c) => html`<li><span>${c.name}</span> ${componentStatusBadge(c.status)}</li>`)}
  </ul>`;
}
