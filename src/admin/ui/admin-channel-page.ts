// Admin: one channel's own page, to edit it (or to fix a form that came back with an error).
import { html } from "hono/html";
import type { AnyChannelDefinition } from "../../notify/channel-definition.ts";
import { adminLayout, notices } from "./admin-page.ts";
import { channelForm, type ChannelFormValues } from "./admin-channels.ts";

export function channelPage(
  csrf: string,
  definition: AnyChannelDefinition,
  form: ChannelFormValues,
  error: string | null,
) {
  const title = form.stored === null ? `Add a ${definition.type} channel` : `Channel ${form.id}`;
  const kind = form.stored === null ? "" : html` <span class="muted">${definition.type}</span>`;
  const body = html`<h1>${title}${kind}</h1>
    ${notices({ notice: null, error })} ${channelForm(csrf, definition, form)}
    <p><a href="/admin">Back to the admin page</a></p>`;
  return adminLayout(title, csrf, body);
}
