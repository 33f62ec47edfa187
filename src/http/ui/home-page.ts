// "/": every vendor now.

import { html } from "hono/html";
import type { Vendor } from "../../store/store.ts";
import type { VendorStatus } from "../vendor-status.ts";
import { componentStatusBadge, formatAgo, timeTag } from "./format.ts";
import { layout } from "./layout.ts";

export function homePage(statuses: VendorStatus[], now: Date, refreshSeconds: number) {
  const body =
    statuses.length === 0
      ? html`<h1>Vendors</h1>
          <p>
            No vendors are watched yet. Add one with <code>pingoru vendors add &lt;status page URL&gt;</code>.
          </p>`
      : html`<h1>Vendors</h1>
          <table class="vendors">
            <caption class="muted">
              Status of every watched vendor, worst component first
            </caption>
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Status</th>
                <th scope="col">Open incidents</th>
                <th scope="col">Last checked</th>
              </tr>
            </thead>
            <tbody>
              ${statuses.map((s) => vendorRow(s, now))}
            </tbody>
          </table>`;
  return layout({ title: "Vendors", body, refreshSeconds });
}

function vendorRow({ vendor, status }: VendorStatus, now: Date) {
  return html`<tr>
    <th scope="row"><a href="/vendors/${encodeURIComponent(vendor.slug)}">${vendor.name}</a></th>
    <td data-label="Status">${componentStatusBadge(status)}</td>
    <td data-label="Open incidents">${vendor.openIncidents}</td>
    <td data-label="Last checked">${lastChecked(vendor, now)}</td>
  </tr>`;
}

export function lastChecked(vendor: Vendor, now: Date) {
  const when =
    vendor.lastPolledAt === null
      ? html`<span class="muted">not yet</span>`
      : html`${timeTag(vendor.lastPolledAt)}
          <span class="muted">(${formatAgo(vendor.lastPolledAt, now)})</span>`;
  if (!vendor.stale) return when;
  const reason = vendor.lastError ?? "the last poll failed";
  return html`${when}
    <span class="stale" title="${reason}">stale<span class="visually-hidden">: ${reason}</span></span>`;
}
