// "/admin": vendors (pause, resume, remove, components, SLA), "add a vendor", channels and subscriptions.

import { html } from "hono/html";
import type { ChannelConfig } from "../../domain/notification.ts";
import { catalogSearch } from "./admin-catalog.ts";
import { actionButton, csrfField, type AddVendorFields, type AdminView } from "./admin-view.ts";
import { channelsSection } from "./admin-channels.ts";
import type { SlaTarget } from "../../domain/sla.ts";
import type { Vendor } from "../../domain/vendor.ts";
import { IMPACTS } from "../../domain/model.ts";
import { layout, type Markup } from "../../http/ui/layout.ts";
import { PLATFORM_KINDS } from "../../platforms/kinds.ts";

const EMPTY_ADD_FORM: AddVendorFields = { url: "", feed: "", platform: "", html: "", htmlInvalid: false };

export function notices(view: Pick<AdminView, "notice" | "error">) {
  return html`${view.notice === null ? "" : html`<p class="notice notice-ok" role="status">${view.notice}</p>`}
  ${view.error === null ? "" : html`<p class="notice" id="admin-error" role="alert">${view.error}</p>`}`;
}

export function adminLayout(title: string, csrf: string, body: Markup) {
  return layout({
    title,
    body: html`<div class="admin-bar">
        <a href="/admin">Admin</a>
        ${actionButton(csrf, "/admin/logout", "Sign out", "of the admin pages")}
      </div>
      ${body}`,
  });
}

export function adminPage(view: AdminView) {
  const body = html`<h1>Admin</h1>
    ${notices(view)}
    <section aria-labelledby="vendors-heading">
      <h2 id="vendors-heading">Vendors</h2>
      ${view.vendors.length === 0 ? html`<p class="muted">No vendors yet.</p>` : vendorTable(view)}
      ${catalogSearch(view)} ${addVendorForm(view.csrf, view.addVendor ?? EMPTY_ADD_FORM)}
    </section>
    ${channelsSection(view)} ${subscriptionsSection(view)}`;
  return adminLayout("Admin", view.csrf, body);
}

function vendorTable({ vendors, csrf, slas = [] }: AdminView) {
  const slasOf = Map.groupBy(slas, (t) => t.vendor);
  return html`<table class="vendors admin-vendors">
    <thead>
      <tr>
        <th scope="col">Vendor</th>
        <th scope="col">Polling</th>
        <th scope="col">Components</th>
        <th scope="col">SLA</th>
        <th scope="col">Actions</th>
      </tr>
    </thead>
    <tbody>
      ${vendors.map((v) => {
        const base = `/admin/vendors/${encodeURIComponent(v.slug)}`;
        return html`<tr>
          <th scope="row">
            <a href="/vendors/${encodeURIComponent(v.slug)}">${v.name}</a>
            <span class="muted">${v.slug} · ${v.platform}</span>
          </th>
          <td data-label="Polling">
            ${polling(v)} ·
            <a
              href="${base}/hint"
              title="${v.lastHintAt ? `last hint: ${v.lastHintAt}` : "no hint received yet"}"
              >${v.lastHintAt ? "Push" : "Push hint URL"}<span class="visually-hidden"> of ${v.name}</span></a
            >
          </td>
          <td data-label="Components">
            ${v.watchedComponents === null ? "all" : `${v.watchedComponents.length} chosen`} ·
            <a href="${base}/components"
              >Choose<span class="visually-hidden"> components of ${v.name}</span></a
            >
          </td>
          <td data-label="SLA">
            ${slaSummary(slasOf.get(v.slug) ?? [])} ·
            <a href="${base}/sla">Set<span class="visually-hidden"> SLA targets of ${v.name}</span></a>
          </td>
          <td data-label="Actions" class="actions">
            ${
              v.paused
                ? actionButton(csrf, `${base}/resume`, "Resume", v.name)
                : actionButton(csrf, `${base}/pause`, "Pause", v.name)
            }
            ${actionButton(csrf, `${base}/remove`, "Remove", `${v.name} and its record`, true)}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** "none", the one target ("99.9 %", "API 99.95 %"), or how many. */
function slaSummary(targets: readonly SlaTarget[]) {
  if (targets.length === 0) return "none";
  if (targets.length > 1) return `${targets.length} targets`;
  const [t] = targets as [SlaTarget];
  return `${t.component === null ? "" : `${t.component} `}${t.targetPercent} %`;
}

function polling(v: Vendor) {
  if (v.paused) return html`<strong>Paused</strong>`;
  if (v.stale) return html`<span class="stale" title="${v.lastError ?? ""}">stale</span>`;
  return "Active";
}

const SELECTORS_EXAMPLE = `{"component": "li.component", "name": ".name", "status": ".status", "statuses": {"operational": "operational", "outage": "major_outage"}}`;

// The selectors field is always there (no script needed); it is only read for platform html.
function addVendorForm(csrf: string, typed: AddVendorFields) {
  const htmlHelp = typed.htmlInvalid ? "vendor-html-hint admin-error" : "vendor-html-hint";
  return html`<form method="post" action="/admin/vendors/preview" class="admin-form">
    <h3>Add a vendor</h3>
    ${csrfField(csrf)}
    <label for="vendor-url">Status page URL</label>
    <input
      id="vendor-url"
      name="url"
      type="url"
      required
      placeholder="https://www.githubstatus.com"
      value="${typed.url}"
    />
    <label for="vendor-feed">RSS/Atom feed <span class="muted">(optional)</span></label>
    <input id="vendor-feed" name="feed" type="url" value="${typed.feed}" />
    <label for="vendor-platform">Platform</label>
    <select id="vendor-platform" name="platform">
      <option value="">detect</option>
      ${PLATFORM_KINDS.map((k) => html`<option ${k === typed.platform ? "selected" : ""}>${k}</option>`)}
    </select>
    <label for="vendor-html">HTML selectors (JSON) <span class="muted">(optional)</span></label>
    <textarea
      id="vendor-html"
      name="html"
      rows="3"
      aria-describedby="${htmlHelp}"
      aria-invalid="${typed.htmlInvalid ? "true" : "false"}"
    >
${typed.html}</textarea>
    <p id="vendor-html-hint" class="muted">
      For platform html, a page with no API (selectors mean html), as the config file's
      <code>html:</code> key, e.g. <code>${SELECTORS_EXAMPLE}</code>
    </p>
    <button type="submit">Preview</button>
  </form>`;
}

function subscriptionsSection({ subscriptions, channels, csrf }: AdminView) {
  return html`<section aria-labelledby="subscriptions-heading">
    <h2 id="subscriptions-heading">Subscriptions</h2>
    ${
      subscriptions.length === 0
        ? html`<p class="muted">No subscriptions.</p>`
        : html`<ul class="admin-list">
            ${subscriptions.map(
              (s) =>
                html`<li>
                  <strong>${s.id}</strong> → ${s.channel}
                  <span class="muted">
                    vendors: ${s.vendors?.join(", ") ?? "all"} · events: ${s.events.join(", ")}
                    ${s.minImpact === null ? "" : ` · impact ≥ ${s.minImpact}`}
                    ${s.remindBeforeMinutes ? ` · reminder ${s.remindBeforeMinutes} min before maintenance` : ""}
                    ${s.notifyDuringMaintenance ? " · notified during maintenance" : ""}
                  </span>
                  ${actionButton(csrf, `/admin/subscriptions/${encodeURIComponent(s.id)}/remove`, "Remove", `subscription ${s.id}`, true)}
                </li>`,
            )}
          </ul>`
    }
    ${channels.length === 0 ? html`<p class="muted">Add a channel to subscribe it.</p>` : subscriptionForm(channels, csrf)}
  </section>`;
}

function subscriptionForm(channels: ChannelConfig[], csrf: string) {
  return html`<form method="post" action="/admin/subscriptions" class="admin-form">
    <h3>Add a subscription</h3>
    ${csrfField(csrf)}
    <label for="sub-id">Id <span class="muted">(optional)</span></label>
    <input id="sub-id" name="id" />
    <label for="sub-channel">Channel</label>
    <select id="sub-channel" name="channel">
      ${channels.map((ch) => html`<option>${ch.id}</option>`)}
    </select>
    <label for="sub-vendors">Vendors <span class="muted">(slugs, comma-separated; empty: all)</span></label>
    <input id="sub-vendors" name="vendors" />
    <label for="sub-events"
      >Events <span class="muted">(comma-separated; empty: the default set)</span></label
    >
    <input id="sub-events" name="events" placeholder="incident.opened, incident.resolved" />
    <label for="sub-impact">Minimum impact</label>
    <select id="sub-impact" name="min_impact">
      <option value="">any</option>
      ${IMPACTS.map((i) => html`<option>${i}</option>`)}
    </select>
    <label for="sub-remind"
      >Maintenance reminder <span class="muted">(minutes before it starts; empty: none)</span></label
    >
    <input id="sub-remind" name="remind_before_minutes" inputmode="numeric" />
    <label
      ><input type="checkbox" name="notify_during_maintenance" /> Notify component changes during a
      maintenance that names them <span class="muted">(default: suppressed as expected)</span></label
    >
    <button type="submit">Save subscription</button>
  </form>`;
}
