// "/admin": the channels, each with edit, "send test" and remove, and a form per channel kind. The
// forms' fields come from each kind's settings schema (channelFields), so a new kind gets its form.
// A secret is never written into the page: its field is a password field, blank on edit, and a blank
// one keeps the stored secret.
import { html } from "hono/html";
import type { ChannelConfig } from "../../domain/notification.ts";
import type { AnyChannelDefinition } from "../../notify/channel-definition.ts";
import { channelFields, settingAt, type ChannelField } from "../../notify/channel-settings.ts";
import { CHANNELS } from "../../notify/registry.ts";
import { actionButton, csrfField, type AdminView, type ChannelTestResult } from "./admin-view.ts";

export interface ChannelFormValues {
  id: string;
  /** Settings-shaped values to fill the fields with; secret fields are never filled. */
  values: Readonly<Record<string, unknown>>;
  /** The stored settings of the channel being edited (same kind), or null when adding one. */
  stored: Readonly<Record<string, unknown>> | null;
}

export function channelsSection({ channels, csrf, tested }: AdminView) {
  return html`<section aria-labelledby="channels-heading">
    <h2 id="channels-heading">Channels</h2>
    ${
      channels.length === 0
        ? html`<p class="muted">No channels.</p>`
        : html`<ul class="admin-list">
            ${channels.map((ch) => channelItem(ch, csrf, tested?.channel === ch.id ? tested : null))}
          </ul>`
    }
    <h3>Add a channel</h3>
    ${CHANNELS.map(
      (definition) =>
        html`<details class="channel-kind">
          <summary>${definition.type}</summary>
          ${channelForm(csrf, definition, { id: "", values: {}, stored: null })}
        </details>`,
    )}
  </section>`;
}

function channelItem(ch: ChannelConfig, csrf: string, tested: ChannelTestResult | null) {
  const base = `/admin/channels/${encodeURIComponent(ch.id)}`;
  return html`<li id="channel-${ch.id}">
    <strong>${ch.id}</strong> <span class="muted">${ch.type}</span>
    ${ch.disabledReason === null ? "" : html`<span class="stale">disabled: ${ch.disabledReason}</span>`}
    <a href="${base}">Edit<span class="visually-hidden"> channel ${ch.id}</span></a>
    ${actionButton(csrf, `${base}/test`, "Send test", `to channel ${ch.id}`)}
    ${actionButton(csrf, `${base}/remove`, "Remove", `channel ${ch.id}`, true)}
    ${
      tested === null
        ? ""
        : tested.ok
          ? html`<p class="notice notice-ok" role="status">${tested.detail}</p>`
          : html`<p class="notice" role="alert">${tested.detail}</p>`
    }
  </li>`;
}

/** Adds a channel of this kind, or (with `stored`) saves the one being edited. */
export function channelForm(csrf: string, definition: AnyChannelDefinition, form: ChannelFormValues) {
  const editing = form.stored !== null;
  const prefix = editing ? "edit" : `new-${definition.type}`;
  return html`<form method="post" action="/admin/channels" class="admin-form">
    ${csrfField(csrf)}
    <input type="hidden" name="type" value="${definition.type}" />
    ${
      editing
        ? html`<input type="hidden" name="id" value="${form.id}" />
            <input type="hidden" name="editing" value="1" />`
        : html`<label for="${prefix}-id">Id</label>
            <input id="${prefix}-id" name="id" required value="${form.id}" />`
    }
    ${channelFields(definition).map((field) => fieldInput(field, `${prefix}-${field.name}`, form))}
    <button type="submit">${editing ? `Save channel ${form.id}` : `Add ${definition.type} channel`}</button>
  </form>`;
}

function fieldInput(field: ChannelField, id: string, form: ChannelFormValues) {
  const hasStored = form.stored !== null && settingAt(form.stored, field.path) !== undefined;
  const value = field.secret ? undefined : settingAt(form.values, field.path);
  const label = html`<label for="${id}">${fieldLabel(field)} ${fieldHint(field, hasStored)}</label>`;
  if (field.kind === "boolean")
    return html`<div>
      <input type="checkbox" id="${id}" name="${field.name}" ${value === true ? "checked" : ""} />
      ${label}
    </div>`;
  if (field.secret)
    return html`${label}
      <input
        id="${id}"
        name="${field.name}"
        type="password"
        autocomplete="new-password"
        ${field.required && !hasStored ? "required" : ""}
      />
      ${hasStored && !field.required ? forgetBox(field, id) : ""}`;
  const text = Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
  return html`${label}
    <input
      id="${id}"
      name="${field.name}"
      type="${field.kind === "number" ? "number" : "text"}"
      ${field.required ? "required" : ""}
      value="${text}"
    />`;
}

/** An optional secret that is stored can be dropped (a blank field keeps it). */
function forgetBox(field: ChannelField, id: string) {
  return html`<div>
    <input type="checkbox" id="${id}-forget" name="forget" value="${field.name}" />
    <label for="${id}-forget">Forget the stored ${fieldLabel(field).toLowerCase()}</label>
  </div>`;
}

const ACRONYMS = /\b(url|smtp|api)\b/g;

/** "smtp.host" → "SMTP host", "routing_key" → "Routing key". */
export function fieldLabel(field: ChannelField): string {
  const words = field.path
    .join(" ")
    .replace(/_/g, " ")
    .replace(ACRONYMS, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fieldHint(field: ChannelField, hasStored: boolean) {
  const hints = [
    field.secret ? "secret" : null,
    field.kind === "list" ? "comma-separated" : null,
    field.required ? null : "optional",
    field.defaultValue === undefined ? null : `default ${field.defaultValue}`,
    field.secret && hasStored ? "leave blank to keep the stored one" : null,
  ].filter((hint) => hint !== null);
  return hints.length === 0 ? "" : html`<span class="muted">(${hints.join("; ")})</span>`;
}
