// The page shell: one stylesheet, no required script, readable with JavaScript off.

import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface LayoutOptions {
  title: string;
  body: Markup;
  /** Seconds between automatic reloads (the dashboard only), so a wall screen stays current without JS. */
  refreshSeconds?: number;
  /** Extra progressive-enhancement scripts (deferred); the page must work without them. */
  scripts?: string[];
}

export function layout({ title, body, refreshSeconds, scripts = [] }: LayoutOptions) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        ${
          // With JavaScript the page updates live instead of reloading.
          refreshSeconds === undefined
            ? ""
            : html`<noscript><meta http-equiv="refresh" content="${refreshSeconds}" /></noscript>`
        }
        <title>${title} · Pingoru</title>
        <link rel="stylesheet" href="/style.css" />
        <script src="/local-time.js" defer></script>
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <header class="site">
          <a href="/" class="brand">Pingoru</a>
          <nav aria-label="Site">
            <a href="/">All vendors</a> · <a href="/deliveries">Deliveries</a> ·
            <a href="/api/v1/vendors">API</a> · <a href="/admin">Admin</a>
          </nav>
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

/** Optional: shows times in the viewer's zone; the UTC text stays in the title attribute. */
export const LOCAL_TIME_SCRIPT = `document.querySelectorAll("time[datetime]").forEach(function (el) {
  var d = new Date(el.getAttribute("datetime"));
  if (isNaN(d.getTime())) return;
  el.textContent = d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
});
`;
