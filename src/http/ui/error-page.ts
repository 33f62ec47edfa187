// The HTML answer for a missing vendor or incident, or a request we cannot serve.

import { html } from "hono/html";
import { layout } from "./layout.ts";

export function errorPage(heading: string, detail: string) {
  const body = html`<h1>${heading}</h1>
    <p>${detail}</p>
    <p><a href="/">Back to all vendors</a></p>`;
  return layout({ title: heading, body });
}
