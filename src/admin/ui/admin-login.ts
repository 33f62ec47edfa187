// Admin sign-in, and the page shown when no admin token is configured.

import { html } from "hono/html";
import { layout } from "../../http/ui/layout.ts";
import { tokenSignInPage } from "../../http/ui/sign-in-page.ts";

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
  return tokenSignInPage(
    {
      title: "Admin sign-in",
      heading: "Admin sign-in",
      action: "/admin/login",
      field: { id: "admin-token", label: "Admin token" },
      hint: html`The token is the value of <code>PINGORU_ADMIN_TOKEN</code>.`,
    },
    error,
  );
}
