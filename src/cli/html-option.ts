// --html, for the commands that read a page (vendors add, check): an html page's selectors, checked as
// the config file's html: key. Apart from options.ts, so the commands that only read the store do not
// load the schemas.
import { readFileSync } from "node:fs";
import type * as Yaml from "yaml";
import { formatIssue } from "../config/load.ts";
import { describeError, PingoruError } from "../lib/errors.ts";
import { lazyRequire } from "../lib/lazy-require.ts";
import { htmlOptionsSchema, htmlPagePlatform, type HtmlOptions } from "../platforms/html-options.ts";

const yaml = lazyRequire<typeof Yaml>("yaml");

export const HTML_OPTION_HELP =
  "an html page's selectors as JSON or a YAML/JSON file: {component, name, status, status_attribute, statuses} (implies --platform html)";

/** --html: the selectors inline (JSON) or a file holding them; validated as the config file's html: key. */
export function parseHtmlOptions(text: string): HtmlOptions {
  let value: unknown;
  try {
    value = yaml().parse(text.trimStart().startsWith("{") ? text : readFileSync(text, "utf8"));
  } catch (error) {
    throw new PingoruError(
      "input",
      `--html: neither JSON nor a readable YAML/JSON file: ${describeError(error)}`,
    );
  }
  const result = htmlOptionsSchema.safeParse(value);
  if (!result.success) throw new PingoruError("input", `--html: ${formatIssue(result.error)}`);
  return result.data;
}

/** The platform and its options from --platform and --html: --html means html, and no other platform. */
export function pagePlatform(options: { platform?: string | undefined; html?: HtmlOptions | undefined }) {
  return htmlPagePlatform(options, "--html selectors");
}
