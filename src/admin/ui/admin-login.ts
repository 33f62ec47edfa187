// Admin sign-in, and the page shown when no admin token is configured.

import { html } from "hono/html";
import { layout } from "../../http/ui/layout.ts";

export function adminDisabledPage() {
  const body = html`<h1>Admin</h1>
    <p>The admin pages are off because no admin token is configured.</p>
    <p>
      To turn them on, start Pingoru with <code>PINGORU_ADMIN_TOKEN</code> set to a long random secret (for
      example <code>PINGORU_ADMIN_TOKEN=$(openssl rand -hex 32) pingoru serve</code>), then sign in here with
      that token. The same token guards the admin API.
    </p>`;
  return layout({ title: "Admin", body });
}

export function adminLoginPage(error: string | null) {
  const body = html`<h1>Admin sign-in</h1>
    ${error === null ? "" : html`<p class="notice" role="alert">${error}</p>`}
    <form method="post" action="/admin/login" class="admin-form">
      <label for="admin-token">Admin token</label>
      <input
        id="admin-token"
        name="token"
        type="password"
        autocomplete="current-password"
        required
        autofocus
      />
      <button type="submit">Sign in</button>
    </form>
    <p class="muted">The token is the value of <code>PINGORU_ADMIN_TOKEN</code>.</p>`;
  return layout({ title: "Admin sign-in", body });
}
