// Regressions found by the fuzz suite (test/fuzz/): what parseFeed must reject as a typed error.
import { describe, expect, it } from "vitest";
import { itemMessage, statusLine } from "./feed-items.ts";
import { parseFeed } from "./feed-parse.ts";

const URL = "https://status.example.com/feed.rss";

describe("parseFeed on hostile XML", () => {
  it("tags nested deeper than the parser allows → PingoruError parse, not a plain Error", () => {
    // Well-formed, so the validator passes it; fast-xml-parser then throws "Maximum nested tags exceeded".
    const deep = "<a>".repeat(6354) + "x" + "</a>".repeat(6354);
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><item><title>${deep}</title></item></channel></rss>`;
    expect(() => parseFeed(body, URL)).toThrow(
      expect.objectContaining({ name: "PingoruError", kind: "parse" }),
    );
  });
});

describe("itemMessage on hostile text", () => {
  it("a message with a long run of spaces inside is trimmed in one pass (the fuzz suite's hang)", () => {
    const message = itemMessage(`<br/> <p>Start${" ".repeat(900_000)}end</p> <br> <br />\n`);
    expect(message.startsWith("<p>Start")).toBe(true);
    expect(message.endsWith("end</p>")).toBe(true);
  });

  it('a "Status:" followed by 900,000 spaces is read in one pass (the long fuzz run\'s stall)', () => {
    const html = `<p>Status:${" ".repeat(900_000)}</p><p>Status: ${" ".repeat(900_000)}Resolved </p>`;
    expect(statusLine(html)).toBe("Resolved");
    expect(itemMessage(html).length).toBeLessThan(html.length);
  });

  it.each([
    ["<br>  <p>x</p>  <br/>", "<p>x</p>"],
    ["  plain  ", "plain"],
    ["<BR />", ""],
    ["a <br> b", "a <br> b"],
  ])("%j → %j", (html, expected) => {
    expect(itemMessage(html)).toBe(expected);
  });
});
