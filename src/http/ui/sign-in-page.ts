// The sign-in page for reading Pingoru when PINGORU_READ_TOKEN is set.
import { html } from "hono/html";
import { layout } from "./layout.ts";

export function signInPage(error: string | null, next: string) {
  const body = html`<h1>Sign in to read</h1>
    ${error === null ? "" : html`<p class="notice" role="alert">${error}</p>`}
    <form method="post" action="/signin" class="admin-form">
      <input type="hidden" name="next" value="${next}" />
      <label for="read-token">Read token</label>
      <input
        id="read-token"
        name="token"
        type="password"
        autocomplete="current-password"
        required
        autofocus
      />
      <button type="submit">Sign in</button>
    </form>
    <p class="muted">
      The token is the value of <code>PINGORU_READ_TOKEN</code>, given to you by whoever runs this Pingoru.
    </p>`;
  return layout({ title: "Sign in", body });
}
