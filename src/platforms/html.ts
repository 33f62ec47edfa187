// A status page with no API, read through CSS selectors from the vendor's config (html-options.ts):
// one element per component, its name, its status text or attribute, and the page's own status words.
// Components only: such a page's incident prose has no structure to read reliably.
import { compile, selectAll, selectOne } from "css-select";
import { findOne, getAttributeValue, textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import type { ComponentSnapshot, Snapshot } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import { stableId } from "../lib/hash.ts";
import { htmlDeeperThan, MAX_HTML_DEPTH } from "./html-depth.ts";
import { htmlOptionsSchema, type HtmlOptions } from "./html-options.ts";
import { matchStatusWord } from "./html-words.ts";
import type { HttpResponse } from "../lib/http-client.ts";
import {
  definePlatform,
  type Detection,
  type PageRef,
  type PlatformContext,
  type ReadResult,
} from "./platform.ts";

const HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

type HtmlDocument = ReturnType<typeof parseDocument>;
type HtmlNode = HtmlDocument["children"][number];
type HtmlElement = NonNullable<ReturnType<typeof findOne>>;

/** The page's options, validated: they are stored JSON, so they are checked on every read. */
export function htmlOptions(page: PageRef): HtmlOptions {
  if (!page.options) {
    throw new PingoruError("input", `html page ${page.url} needs options: component and statuses`);
  }
  const result = htmlOptionsSchema.safeParse(page.options);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join(".") : "options";
    const message = (issue?.message ?? "invalid").replace(/\s+/g, " ");
    throw new PingoruError("input", `html options for ${page.url}: ${where}: ${message}`);
  }
  for (const key of ["component", "name", "status"] as const) checkSelector(key, result.data[key]);
  return result.data;
}

// Compiled once up front so a typo in the config is an input error before any request is made.
function checkSelector(key: string, selector: string | undefined): void {
  if (selector === undefined) return;
  try {
    compile(selector);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "invalid";
    throw new PingoruError("input", `html option ${key}: invalid CSS selector "${selector}": ${reason}`);
  }
}

/** Collapses whitespace and trims, keeping case: the text a reader sees. */
function visibleText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Parses the body; a body that is not markup (JSON, plain text, nothing) is not the page we read. */
export function parseHtmlPage(response: HttpResponse): HtmlDocument {
  const fail = (what: string) =>
    new PingoruError("shape", `expected an HTML page but got ${what} from ${response.url}`, {
      url: response.url,
    });
  const body = response.body.trim();
  if (body === "") throw fail("an empty body");
  if (!body.startsWith("<")) throw fail(body.startsWith("{") || body.startsWith("[") ? "JSON" : "text");
  if (htmlDeeperThan(body, MAX_HTML_DEPTH)) {
    const message = `HTML from ${response.url} nests deeper than ${MAX_HTML_DEPTH} levels`;
    throw new PingoruError("parse", message, { url: response.url });
  }
  const doc = parseDocument(body);
  if (!findOne(() => true, doc.children, true)) throw fail("no elements");
  return doc;
}

function rawStatus(element: HtmlElement, options: HtmlOptions): string {
  const target = options.status ? selectOne(options.status, element) : element;
  if (!target) return "";
  const attribute = options.status_attribute;
  return visibleText(attribute ? (getAttributeValue(target, attribute) ?? "") : textContent(target));
}

function componentName(element: HtmlElement, options: HtmlOptions): string {
  const target = options.name ? selectOne(options.name, element) : element;
  return target ? visibleText(textContent(target)) : "";
}

/** Components in page order; ids from the name, a repeated name numbered by its occurrence. */
export function mapHtmlPage(doc: HtmlDocument, options: HtmlOptions, url: string): Snapshot {
  const elements = selectAll<HtmlNode, HtmlElement>(options.component, doc);
  if (elements.length === 0) {
    // A redesign must be noticed, not recorded as a page with no components.
    throw new PingoruError("shape", `${url}: component selector "${options.component}" matched nothing`, {
      url,
    });
  }
  const seen = new Map<string, number>();
  const components: ComponentSnapshot[] = [];
  for (const element of elements) {
    const name = componentName(element, options);
    if (name === "") continue;
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    const raw = rawStatus(element, options);
    components.push({
      id: stableId("html", name, occurrence),
      name,
      group: null,
      position: components.length,
      status: matchStatusWord(raw, options.statuses),
      rawStatus: raw,
    });
  }
  if (components.length === 0) {
    const where = options.name ? `name selector "${options.name}"` : "component text";
    throw new PingoruError("shape", `${url}: ${where} gave no name in any component`, { url });
  }
  const title = selectOne<HtmlNode, HtmlElement>("title", doc);
  const pageName = title ? visibleText(textContent(title)) : "";
  return { pageName: pageName === "" ? null : pageName, components, incidents: [] };
}

async function read(page: PageRef, ctx: PlatformContext): Promise<ReadResult> {
  const options = htmlOptions(page);
  const response = await ctx.http.get(page.url, { cache: ctx.cache, accept: HTML_ACCEPT });
  if (response.notModified) return { unchanged: true };
  return { unchanged: false, snapshot: mapHtmlPage(parseHtmlPage(response), options, response.url) };
}

// Any page is HTML: without the vendor's selectors nothing marks one as this platform's, so never.
function detect(_url: string, _ctx: PlatformContext): Promise<Detection | null> {
  return Promise.resolve(null);
}

// Never detected (any page is HTML): it needs selectors from the vendor's configuration.
export const html = definePlatform({ kind: "html", optionsSchema: htmlOptionsSchema, detect, read });
