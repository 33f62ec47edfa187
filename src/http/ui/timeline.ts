// An incident's updates, oldest first, each with its components' states: the incident page shows it
// whole, the vendor page's history on demand inside <details>.

import { isUndatedUpdate, UNDATED_NOTE } from "../../domain/undated.ts";
import { html, raw } from "hono/html";
import type { ComponentState, UpdateSnapshot } from "../../domain/model.ts";
import { renderVendorText } from "../sanitize.ts";
import type { TextRenderer } from "./text-cache.ts";
import { componentStatusBadge, incidentStatusBadge, timeTag } from "./format.ts";
import { NO_MARKS, type RevisionMarks } from "../../domain/revisions.ts";
import { updateMark } from "./revisions-section.ts";

/** `nested`: inside a card whose title is an h3, so each update heads with h4. */
export function timeline(
  updates: readonly UpdateSnapshot[],
  nested = false,
  render: TextRenderer = renderVendorText,
  marks: UpdateMarks = NO_MARKS,
) {
  if (updates.length === 0) return html`<p class="muted">The vendor has posted no updates.</p>`;
  return html`<ol class="timeline">
    ${updates.map((update) => updateItem(update, nested, render, marks))}
  </ol>`;
}

type UpdateMarks = Pick<RevisionMarks, "editedUpdates" | "deletedUpdates">;

function updateItem(update: UpdateSnapshot, nested: boolean, render: TextRenderer, marks: UpdateMarks) {
  // An update the vendor gave no date is dated by Pingoru's first sight of it, and says so.
  const undated = isUndatedUpdate(update)
    ? html` <small class="muted" title="${UNDATED_NOTE}">(first seen; undated by the vendor)</small>`
    : "";
  const head = html`${incidentStatusBadge(update.status)}
  ${timeTag(update.at)}${undated}${updateMark(marks, update.id)}`;
  return html`<li>
    <article>
      ${nested ? html`<h4>${head}</h4>` : html`<h3>${head}</h3>`}
      <div class="message">${raw(render(update.message))}</div>
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
