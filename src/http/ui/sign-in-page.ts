// Sign-in with a token: the reader's page (PINGORU_READ_TOKEN) here, and the admin's (admin-login.ts)
// on the same form.
import { html } from "hono/html";
import { layout } from "./layout.ts";

export interface TokenSignIn {
  title: string;
  heading: string;
  /** Where the form posts. */
  action: string;
  /** The field's id and label ("Read token"). */
  field: { id: string; label: string };
  /** Where to go after signing in, sent back with the form. */
  next?: string;
  /** Below the form: where the token comes from. */
  hint: ReturnType<typeof html>;
}

export function tokenSignInPage(page: TokenSignIn, error: string | null) {
  const body = html`<h1>${page.heading}</h1>
    ${error === null ? "" : html`<p class="notice" role="alert">${error}</p>`}
    <form method="post" action="${page.action}" class="admin-form">
      ${page.next === undefined ? "" : html`<input type="hidden" name="next" value="${page.next}" />`}
      <label for="${page.field.id}">${page.field.label}</label>
      <input
        id="${page.field.id}"
        name="token"
        type="password"
        autocomplete="current-password"
        required
        autofocus
      />
      <button type="submit">Sign in</button>
    </form>
    <p class="muted">${page.hint}</p>`;
  return layout({ title: page.title, body });
}

export function signInPage(error: string | null, next: string) {
  return tokenSignInPage(
    {
      title: "Sign in",
      heading: "Sign in to read",
      action: "/signin",
      field: { id: "read-token", label: "Read token" },
      next,
      hint: html`The token is the value of <code>PINGORU_READ_TOKEN</code>, given to you by whoever runs this
        Pingoru.`,
    },
    error,
  );
}
