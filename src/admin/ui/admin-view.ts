// What the admin page shows, shared by its sections (admin-page.ts, admin-catalog.ts).
import { html } from "hono/html";
import type { CatalogEntry } from "../../catalog/catalog.ts";
import type { ChannelConfig, Subscription } from "../../domain/notification.ts";
import type { SlaTarget } from "../../domain/sla.ts";
import type { Vendor } from "../../domain/vendor.ts";

export interface AdminView {
  csrf: string;
  vendors: Vendor[];
  channels: ChannelConfig[];
  subscriptions: Subscription[];
  /** A one-line outcome of the last action. */
  notice: string | null;
  error: string | null;
  /** A catalog search from this page (?catalog=words), or null when none was asked. */
  catalog?: { q: string; entries: readonly CatalogEntry[] } | null;
  /** "Add a vendor" as the user filled it, when it comes back with an error. */
  addVendor?: AddVendorFields | undefined;
  /** Every SLA target, shown per vendor. */
  slas?: readonly SlaTarget[];
  /** The outcome of a channel's "send test", shown beside that channel. */
  tested?: ChannelTestResult | null;
}

export interface ChannelTestResult {
  channel: string;
  ok: boolean;
  /** One line: how long the receiver took, or why it refused. */
  detail: string;
}

export interface AddVendorFields {
  url: string;
  feed: string;
  /** A platform kind, or "" to detect it. */
  platform: string;
  /** The HTML selectors as typed (JSON). */
  html: string;
  /** The error is about the selectors. */
  htmlInvalid: boolean;
}

export function csrfField(csrf: string) {
  return html`<input type="hidden" name="csrf" value="${csrf}" />`;
}

/** A one-button POST form; `label` is the visible text, `name` completes it for screen readers. */
export function actionButton(csrf: string, action: string, label: string, name: string, danger = false) {
  return html`<form method="post" action="${action}" class="inline-form">
    ${csrfField(csrf)}
    <button type="submit" class="${danger ? "danger" : ""}">
      ${label}<span class="visually-hidden"> ${name}</span>
    </button>
  </form>`;
}
