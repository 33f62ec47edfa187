// The html platform's depth guard, with the fuzz suite's counterexamples (test/fuzz/): a page nested
// thousands deep took seconds to parse and select (quadratic), and its text overflowed the stack.
import { describe, expect, it } from "vitest";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { html } from "./html.ts";
import { htmlDeeperThan, MAX_HTML_DEPTH } from "./html-depth.ts";
import type { HtmlOptions } from "./html-options.ts";

const URL = "https://status.example-cloud.test/";
const PAGE = localFixture("html/status-page.handmade.html");
const OPTIONS = JSON.parse(localFixture("html/status-page.selectors.json")) as HtmlOptions;

/** The page with `depth` nested <ul> around the first component's name text. */
function nestedPage(depth: number): string {
  return PAGE.replace(/(class="component__name"[^>]*>)/, `$1${"<ul>".repeat(depth)}`).replace(
    /(class="component__name"[^>]*>(?:<ul>)*[^<]*)/,
    `$1${"</ul>".repeat(depth)}`,
  );
}

const read = (body: string) =>
  html.read({ url: URL, options: OPTIONS }, { http: fixtureHttp({ [URL]: { body } }) });

describe("html depth guard", () => {
  it("a component name nested 20,000 deep → PingoruError parse, not a stack overflow or a stall", async () => {
    await expect(read(nestedPage(20_000))).rejects.toMatchObject({ name: "PingoruError", kind: "parse" });
  });

  it("the same page nested within the limit still reads", async () => {
    const snapshot = await read(nestedPage(100));
    expect(snapshot.unchanged).toBe(false);
  });

  it.each([
    ["the handmade page", PAGE, false],
    ["divs just past the limit", "<div>".repeat(MAX_HTML_DEPTH + 1), true],
    ["divs at the limit, closed", "<div>".repeat(MAX_HTML_DEPTH) + "</div>".repeat(MAX_HTML_DEPTH), false],
    ["siblings, closed", "<div><span>x</span></div>".repeat(10_000), false],
    ["unclosed list items and paragraphs (flat)", "<ul>" + "<li><p>x".repeat(10_000), false],
    ["void and self-closing tags", "<br><img src=x><hr/><x/>".repeat(2_000), false],
    ["markup inside a script", `<script>${"<div>".repeat(2_000)}</script>`, false],
    ["markup inside a comment", `<!--${"<div>".repeat(2_000)}-->`, false],
    ["unclosed tag openers", "<a <b <c ".repeat(50_000), false],
    [
      "a 400 kB tag name never closed (the fuzz suite's hang)",
      `<script>x</script><${"a".repeat(400_000)}`,
      false,
    ],
  ])("%s: deeper than the limit is %s", (_name, text, deeper) => {
    expect(htmlDeeperThan(text, MAX_HTML_DEPTH)).toBe(deeper);
  });
});
