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
  /** The page's feeds, without their extension ("/feed", "/vendors/github/feed"): announced for autodiscovery. */
  feeds?: { path: string; title: string };
  /** The page's maintenance calendar ("/calendar.ics"): announced beside the feeds, and linked with them below the page. */
  calendar?: { path: string; title: string };
}

// What feed readers look for in <head>, in each format Pingoru serves (src/http/feeds.ts).
const FEED_TYPES = [
  ["atom", "application/atom+xml", "Atom"],
  ["rss", "application/rss+xml", "RSS"],
  ["json", "application/feed+json", "JSON Feed"],
] as const;

// A small mark in the site's colours; an SVG, so one file serves every size.
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#1f6feb"/><path d="M6 17h6l3-7 4 13 3-6h4" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

export function layout({ title, body, refreshSeconds, scripts = [], feeds, calendar }: LayoutOptions) {
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
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        ${
          feeds === undefined
            ? ""
            : FEED_TYPES.map(
                ([extension, type, format]) =>
                  html`<link
                    rel="alternate"
                    type="${type}"
                    title="${feeds.title} (${format})"
                    href="${feeds.path}.${extension}"
                  />`,
              )
        }
        ${
          calendar === undefined
            ? ""
            : html`<link
                rel="alternate"
                type="text/calendar"
                title="${calendar.title}"
                href="${calendar.path}"
              />`
        }
        <script src="/local-time.js" defer></script>
        ${scripts.map((src) => html`<script src="${src}" defer></script>`)}
      </head>
      <body>
        <header class="site">
          <a href="/" class="brand">Pingoru</a>
          <nav aria-label="Site">
            <a href="/">All vendors</a> · <a href="/incidents">Incidents</a> · <a href="/sla">SLAs</a> ·
            <a href="/stats">Figures</a> · <a href="/leaderboard">Leaderboard</a> ·
            <a href="/admin/deliveries">Deliveries</a> · <a href="/api">API</a> ·
            <a href="/admin">Admin</a>
          </nav>
          <label class="zone-switch" hidden
            >Times in
            <select data-zone-switch>
              <option value="utc">UTC</option>
              <option value="local">local time</option>
            </select></label
          >
        </header>
        <main>${body}</main>
        ${subscribeFooter(feeds, calendar)}
      </body>
    </html>`;
}

/** Where a reader can follow the page: its feeds and its maintenance calendar (README: Maintenance calendars). */
function subscribeFooter(feeds: LayoutOptions["feeds"], calendar: LayoutOptions["calendar"]) {
  if (feeds === undefined && calendar === undefined) return "";
  const links = [
    ...(feeds === undefined
      ? []
      : FEED_TYPES.map(
          ([extension, type, format]) =>
            html`<a href="${feeds.path}.${extension}" type="${type}">${format}</a>`,
        )),
    ...(calendar === undefined
      ? []
      : [html`<a href="${calendar.path}" type="text/calendar">maintenance calendar (iCalendar)</a>`]),
  ];
  return html`<footer class="site">
    <p class="muted">Follow: ${links.map((link, i) => html`${i > 0 ? " · " : ""}${link}`)}</p>
  </footer>`;
}

/** The browser's formatUtc, and the same shape in the viewer's zone ("10 Feb 2026, 14:43 EST"). */
export const TIME_TEXT_SCRIPT = `var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function zoneName(d) {
    var zone = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d).filter(function (part) {
      return part.type === "timeZoneName";
    })[0];
    return zone ? zone.value : "local time";
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function timeText(d, local) {
    var p = local
      ? [d.getDate(), d.getMonth(), d.getFullYear(), d.getHours(), d.getMinutes(), zoneName(d)]
      : [d.getUTCDate(), d.getUTCMonth(), d.getUTCFullYear(), d.getUTCHours(), d.getUTCMinutes(), "UTC"];
    return p[0] + " " + MONTHS[p[1]] + " " + p[2] + ", " + pad(p[3]) + ":" + pad(p[4]) + " " + p[5];
  }`;

/**
 * /local-time.js, optional: the header's UTC/local switch. Pages say every time in UTC, labelled
 * (timeTag); with "local" chosen (kept in localStorage) each <time> reads in the viewer's zone with
 * that zone's label, the other zone in its tooltip. window.pingoruTimes(root) re-applies the choice to
 * parts /live.js swaps in. The wording mirrors formatUtc (src/lib/human-time.ts; script-wording.test.ts).
 */
export const LOCAL_TIME_SCRIPT = `(function () {
  "use strict";
  var KEY = "pingoru.times";
  ${TIME_TEXT_SCRIPT}
  function stored() {
    try { return localStorage.getItem(KEY) === "local" ? "local" : "utc"; } catch (e) { return "utc"; }
  }
  var mode = stored();
  function apply(root) {
    var local = mode === "local";
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      var d = new Date(el.getAttribute("datetime"));
      if (isNaN(d.getTime())) return;
      el.textContent = timeText(d, local);
      el.title = timeText(d, !local);
    });
  }
  window.pingoruTimes = apply;
  var select = document.querySelector("select[data-zone-switch]");
  if (select) {
    select.value = mode;
    select.options[1].text = "local (" + zoneName(new Date()) + ")";
    select.addEventListener("change", function () {
      mode = select.value === "local" ? "local" : "utc";
      try { localStorage.setItem(KEY, mode); } catch (e) { /* not kept, still applied */ }
      apply(document);
    });
    select.closest("[hidden]").hidden = false;
  }
  apply(document);
})();
`;
