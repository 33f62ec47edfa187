// The html platform's contract spec: a handmade page read by its class attributes; the redesigned
// page (where the selectors match nothing) is its wrong shape.
import type { HtmlOptions } from "../../src/platforms/html-options.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const URL = "https://status.example-cloud.test/";

export const htmlSpec: PlatformSpec = {
  url: URL,
  fixtures: { [URL]: localFixture("html/status-page.handmade.html") },
  primaryUrl: URL,
  options: JSON.parse(localFixture("html/status-page.selectors.json")) as HtmlOptions,
  minComponents: 6,
  minIncidents: 0, // the platform reads components only
  injectUnknownStatus: (body) => ({
    body: body.replace('"component__status status-operational"', '"component__status status-melting"'),
    raw: "component__status status-melting",
  }),
  malformedBody: "", // an HTML parser accepts any markup; nothing at all is what cannot be a page
  malformedKind: "shape",
  wrongShapeBody: localFixture("html/status-page-redesigned.handmade.html"),
  htmlIsData: true,
  detectsOwnPage: false,
  foreign: foreignPagesFor("html"),
};
