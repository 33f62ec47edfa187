// "/admin/deliveries" (behind the admin sign-in): the notification log — what was sent where, what is waiting, what failed and why.

import { html } from "hono/html";
import type { ChannelConfig, Delivery, DeliveryStatus } from "../../domain/notification.ts";
import { DELIVERY_STATUSES } from "../../domain/notification.ts";
import type { Page } from "../../store/store.ts";
import { formatAgo, timeTag } from "./format.ts";
import { layout } from "./layout.ts";

export interface DeliveriesPageInput {
  page: Page<Delivery>;
  channels: ChannelConfig[];
  status: DeliveryStatus | null;
  subscription: string | null;
  paged: boolean;
  now: Date;
}

const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
  dead: "Dead (gave up)",
  suppressed: "Suppressed (flapped back)",
};

export function deliveriesPage(input: DeliveriesPageInput) {
  const { page, channels, paged, now } = input;
  const disabled = channels.filter((c) => c.disabledReason !== null);
  const body = html`<h1>Deliveries</h1>
    <p class="muted">Every notification Pingoru sent or is sending, newest first.</p>
    ${disabled.map(
      (c) =>
        html`<p class="notice" role="alert">
          Channel <strong>${c.id}</strong> (${c.type}) is disabled: ${c.disabledReason}. Nothing more is sent
          to it until it is saved again.
        </p>`,
    )}
    ${statusFilter(input)}
    ${
      page.items.length === 0
        ? html`<p class="muted">No deliveries${paged ? " before this point" : " yet"}.</p>`
        : html`<table class="vendors deliveries">
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Channel</th>
                <th scope="col">About</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              ${page.items.map((d) => row(d, now))}
            </tbody>
          </table>`
    }
    ${pager(input)}`;
  return layout({ title: "Deliveries", body });
}

function row(d: Delivery, now: Date) {
  return html`<tr>
    <td data-label="Created">${timeTag(d.createdAt)}</td>
    <td data-label="Channel">${d.channel} <span class="muted">(${d.subscription})</span></td>
    <td data-label="About">${about(d)}</td>
    <td data-label="Status">
      <span class="delivery delivery-${d.status}">${STATUS_LABELS[d.status]}</span>
      ${when(d, now)}
    </td>
    <td data-label="Attempts">${d.attempts}</td>
    <td data-label="Last error" class="message">
      ${d.lastError === null ? html`<span class="muted">—</span>` : d.lastError}
    </td>
  </tr>`;
}

function about(d: Delivery) {
  const events = `${d.eventIds.length} event${d.eventIds.length === 1 ? "" : "s"}`;
  if (d.incidentId !== null)
    return html`<a href="/incidents/${encodeURIComponent(d.incidentId)}">incident</a> of
      <a href="/vendors/${encodeURIComponent(d.vendor)}">${d.vendor}</a> · ${events}`;
  return html`<a href="/vendors/${encodeURIComponent(d.vendor)}">${d.vendor}</a>
    ${d.componentId === null ? "" : "component"} · ${events}`;
}

function when(d: Delivery, now: Date) {
  if (d.status === "delivered" && d.deliveredAt !== null)
    return html`<span class="muted">${formatAgo(d.deliveredAt, now)}</span>`;
  if (d.status !== "pending") return "";
  const wait = Date.parse(d.nextAttemptAt) - now.getTime();
  return wait <= 0
    ? html`<span class="muted">due now</span>`
    : html`<span class="muted">next try ${timeTag(d.nextAttemptAt)}</span>`;
}

function href(
  { status, subscription }: Pick<DeliveriesPageInput, "status" | "subscription">,
  before: string | null,
) {
  const query = new URLSearchParams();
  if (status !== null) query.set("status", status);
  if (subscription !== null) query.set("subscription", subscription);
  if (before !== null) query.set("before", before);
  const text = query.toString();
  return `/admin/deliveries${text === "" ? "" : `?${text}`}`;
}

function statusFilter(input: DeliveriesPageInput) {
  const option = (value: DeliveryStatus | null) => {
    const label = value === null ? "All" : STATUS_LABELS[value].split(" ")[0];
    return value === input.status
      ? html`<strong aria-current="page">${label}</strong>`
      : html`<a href="${href({ ...input, status: value }, null)}">${label}</a>`;
  };
  return html`<p>
    Show: ${[null, ...DELIVERY_STATUSES].map((s, i) => html`${i === 0 ? "" : " · "}${option(s)}`)}
    ${input.subscription === null ? "" : html` — subscription <strong>${input.subscription}</strong>`}
  </p>`;
}

function pager(input: DeliveriesPageInput) {
  const { page, paged } = input;
  if (page.next === null && !paged) return "";
  return html`<nav class="pager" aria-label="Delivery pages">
    ${paged ? html`<a href="${href(input, null)}">Newest</a>` : html`<span></span>`}
    ${page.next === null ? "" : html`<a href="${href(input, page.next)}" rel="next">Older</a>`}
  </nav>`;
}
