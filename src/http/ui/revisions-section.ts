// What the vendor changed after Pingoru saw it (domain/revisions.ts), on the incident page: a mark under
// the title and on each update concerned, and a "Revisions" section with the old and new values.
import { html, raw } from "hono/html";
import type { Incident } from "../../domain/model.ts";
import { MAX_REVISIONS_PER_SUBJECT, type Revision, type RevisionMarks } from "../../domain/revisions.ts";
import { renderVendorText } from "../sanitize.ts";
import { timeTag } from "./format.ts";

/** The incident's own mark, under its title: edited, or taken down (and kept here). */
export function incidentMark(marks: RevisionMarks) {
  if (marks.deleted)
    return html`<p class="vendor-edit">
      Deleted by the vendor: its page no longer lists this incident, though it still covers its time. Kept
      here as Pingoru saw it. <a href="#revisions">Revisions</a>
    </p>`;
  if (marks.edited)
    return html`<p class="vendor-edit">
      Edited by the vendor after Pingoru saw it. <a href="#revisions">Revisions</a>
    </p>`;
  return "";
}

/** An update's mark in the timeline. */
export function updateMark(marks: Pick<RevisionMarks, "editedUpdates" | "deletedUpdates">, updateId: string) {
  if (marks.deletedUpdates.includes(updateId))
    return html` <a class="vendor-edit" href="#revisions">deleted by the vendor</a>`;
  if (marks.editedUpdates.includes(updateId))
    return html` <a class="vendor-edit" href="#revisions">edited by the vendor</a>`;
  return "";
}

export function revisionsSection(incident: Pick<Incident, "updates">, revisions: readonly Revision[]) {
  if (revisions.length === 0) return "";
  return html`<section aria-labelledby="revisions">
    <h2 id="revisions">Revisions</h2>
    <p class="muted">
      What the vendor changed after Pingoru first saw it, oldest first: the record above shows what the vendor
      says now; the first value here is the original. At most ${MAX_REVISIONS_PER_SUBJECT} are kept per
      incident.
    </p>
    <ol class="revisions">
      ${revisions.map((r) => revisionItem(incident, r))}
    </ol>
  </section>`;
}

const FIELD_NAMES: Record<Revision["field"], string> = {
  title: "Title",
  impact: "Impact",
  started_at: "Start",
  message: "Text",
  at: "Time",
  status: "Status",
  deleted_by_vendor: "Listed",
  component_name: "Component name",
};

function revisionItem(incident: Pick<Incident, "updates">, r: Revision) {
  const update = r.updateId === null ? undefined : incident.updates.find((u) => u.id === r.updateId);
  const what = update === undefined ? "" : html` of the update of ${timeTag(update.at)}`;
  if (r.field === "deleted_by_vendor") {
    const subject = r.updateId === null ? "The incident" : html`The update of ${timeTag(update?.at ?? null)}`;
    const verb = r.newValue === "true" ? "was deleted by the vendor" : "was listed again by the vendor";
    return html`<li>${timeTag(r.seenAt)}: ${subject} ${verb}.</li>`;
  }
  return html`<li>
    ${timeTag(r.seenAt)}: ${FIELD_NAMES[r.field]}${what} changed
    <div class="revision">
      <div><span class="muted">Before</span> ${value(r, r.oldValue)}</div>
      <div><span class="muted">After</span> ${value(r, r.newValue)}</div>
    </div>
  </li>`;
}

function value(r: Revision, text: string | null) {
  if (text === null) return html`<span class="muted">—</span>`;
  if (r.field === "message") return html`<div class="message">${raw(renderVendorText(text))}</div>`;
  if (r.field === "started_at" || r.field === "at") return timeTag(text);
  return html`<span>${text}</span>`;
}
