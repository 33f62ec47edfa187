// Admin: the preview of a page before adding it, and a vendor's "choose components" form.

import { html } from "hono/html";
import type { ComponentSnapshot, Incident } from "../../domain/model.ts";
import type { HtmlOptions } from "../../platforms/html-options.ts";
import type { VendorPreview } from "../../poller/preview.ts";
import { adminLayout, notices } from "./admin-page.ts";
import { csrfField } from "./admin-view.ts";
import { componentStatusBadge, impactLabel, incidentStatusBadge, timeTag } from "../../http/ui/format.ts";
import type { Vendor } from "../../domain/vendor.ts";

const RECENT_INCIDENTS = 10;

/** `selectors`: the html page's options the preview was read with, carried to the add form. */
export function previewPage(
  preview: VendorPreview,
  suggestedSlug: string,
  csrf: string,
  selectors: HtmlOptions | null = null,
) {
  const recent = [...preview.incidents]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, RECENT_INCIDENTS);
  const body = html`<h1>Preview: ${preview.pageName ?? preview.url}</h1>
    <p>Nothing is stored yet. This is what Pingoru reads from <code>${preview.url}</code>.</p>
    <dl class="facts">
      <dt>Platform</dt>
      <dd>${preview.platform} <span class="muted">— ${preview.evidence}</span></dd>
      <dt>Feed</dt>
      <dd>${preview.feedUrl ?? html`<span class="muted">none</span>`}</dd>
      ${
        selectors === null
          ? ""
          : html`<dt>Selectors</dt>
              <dd><code>${JSON.stringify(selectors)}</code></dd>`
      }
      <dt>History</dt>
      <dd>
        ${preview.incidents.length} incidents and maintenances, loaded as the baseline (they notify nothing)
      </dd>
    </dl>
    <form method="post" action="/admin/vendors" class="admin-form">
      ${csrfField(csrf)}
      <input type="hidden" name="url" value="${preview.url}" />
      <input type="hidden" name="platform" value="${preview.platform}" />
      <input type="hidden" name="feed" value="${preview.feedUrl ?? ""}" />
      ${selectors === null ? "" : html`<input type="hidden" name="html" value="${JSON.stringify(selectors)}" />`}
      <label for="add-slug">Slug</label>
      <input id="add-slug" name="slug" value="${suggestedSlug}" required />
      <label for="add-name">Name <span class="muted">(empty: the page's own)</span></label>
      <input id="add-name" name="name" placeholder="${preview.pageName ?? ""}" />
      ${componentChoice(preview.components, null)}
      <button type="submit">Add ${preview.pageName ?? "this vendor"}</button>
      <a href="/admin">Cancel</a>
    </form>
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent incidents</h2>
      ${recent.length === 0 ? html`<p class="muted">None in the page's history.</p>` : recentTable(recent)}
    </section>`;
  return adminLayout("Add a vendor", csrf, body);
}

/** Checkboxes of the components; none checked means "watch all". */
export function componentChoice(components: ComponentSnapshot[], watched: readonly string[] | null) {
  if (components.length === 0)
    return html`<p class="muted">The page lists no components; every incident counts.</p>`;
  const chosen = new Set(watched ?? []);
  return html`<fieldset class="components-choice">
    <legend>Watch only these components <span class="muted">(none checked: all)</span></legend>
    ${components.map(
      (c, i) =>
        html`<div>
          <input
            type="checkbox"
            id="component-${i}"
            name="components"
            value="${c.name}"
            ${chosen.has(c.name) ? "checked" : ""}
          />
          <label for="component-${i}">
            ${c.group === null ? "" : html`<span class="muted">${c.group} /</span>`} ${c.name}
          </label>
          ${componentStatusBadge(c.status)}
        </div>`,
    )}
  </fieldset>`;
}

function recentTable(incidents: Incident[]) {
  return html`<table class="vendors">
    <thead>
      <tr>
        <th scope="col">Title</th>
        <th scope="col">Status</th>
        <th scope="col">Impact</th>
        <th scope="col">Started</th>
        <th scope="col">Resolved</th>
      </tr>
    </thead>
    <tbody>
      ${incidents.map(
        (i) =>
          html`<tr>
            <th scope="row">
              ${i.title}${i.kind === "maintenance" ? html` <span class="muted">(maintenance)</span>` : ""}
            </th>
            <td data-label="Status">${incidentStatusBadge(i.status)}</td>
            <td data-label="Impact">${impactLabel(i.impact)}</td>
            <td data-label="Started">${timeTag(i.startedAt)}</td>
            <td data-label="Resolved">${timeTag(i.resolvedAt)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function componentsPage(
  vendor: Vendor,
  components: ComponentSnapshot[],
  csrf: string,
  error: string | null,
) {
  const base = `/admin/vendors/${encodeURIComponent(vendor.slug)}`;
  const body = html`<h1>Components of ${vendor.name}</h1>
    ${notices({ notice: null, error })}
    <p>
      The watched components decide the vendor's roll-up status and which incidents notify subscriptions
      without their own component list.
    </p>
    <form method="post" action="${base}/components" class="admin-form">
      ${csrfField(csrf)} ${componentChoice(components, vendor.watchedComponents)}
      <button type="submit">Save components</button>
      <a href="/admin">Cancel</a>
    </form>`;
  return adminLayout(`Components of ${vendor.name}`, csrf, body);
}

/** A vendor's push-hint URL, and how to give it to the vendor's status page. */
export function hintPage(vendor: Vendor, url: string, csrf: string) {
  const body = html`<h1>Push hints for ${vendor.name}</h1>
    <p>
      A status page that can call a webhook when it changes tells Pingoru at once, instead of waiting for the
      next poll. The call is only a hint: Pingoru then polls the page, and the poll decides what happened, so
      a forged call changes nothing. Keep the URL secret all the same: it holds the vendor's token.
    </p>
    <p><label for="hint-url">Hint URL</label> <input id="hint-url" readonly value="${url}" size="80" /></p>
    <p>
      ${
        vendor.lastHintAt === null
          ? "No hint received yet."
          : html`Last hint received ${timeTag(vendor.lastHintAt)}.`
      }
    </p>
    <h2>On an Atlassian Statuspage</h2>
    <ol>
      <li>Open the vendor's status page and choose <strong>Subscribe to updates</strong>.</li>
      <li>Choose the webhook option, and give the hint URL above and an email address for notices.</li>
      <li>Statuspage then posts to it on every incident update and component change.</li>
    </ol>
    <p>
      incident.io and Instatus pages offer webhook subscriptions the same way; a mail rule that forwards the
      vendor's status emails to a service that posts to the URL works for any page.
    </p>
    <p><a href="/admin">Back</a></p>`;
  return adminLayout(`Push hints for ${vendor.name}`, csrf, body);
}
