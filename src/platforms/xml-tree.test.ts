import { describe, expect, it } from "vitest";
import { decodeXml, MAX_XML_DEPTH, readXmlTree, textOf } from "./xml-tree.ts";

describe("decodeXml", () => {
  it.each([
    ["a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", `a <b> & "c" 'd'`],
    ["&#65;&#x42;&#X43;", "ABC"],
    ["&nbsp; &unknown; & alone; &#0; &#x110000;", "&nbsp; &unknown; & alone; &#0; &#x110000;"],
    ["&a&lt; &#6x;", "&a< &#6x;"],
    ["no references", "no references"],
  ])("%s", (raw, decoded) => {
    expect(decodeXml(raw)).toBe(decoded);
  });
});

describe("readXmlTree", () => {
  it("keeps text and CDATA in document order, CDATA undecoded", () => {
    const [root] = readXmlTree("<a>x &amp; <![CDATA[&amp;]]> y</a>", "u");
    expect(textOf(root)).toBe("x & &amp; y");
  });

  it("refuses nesting past the cap, naming the URL", () => {
    const deep = "<a>".repeat(MAX_XML_DEPTH + 1);
    expect(() => readXmlTree(deep, "https://status.example/feed")).toThrow(
      `XML from https://status.example/feed nests deeper than ${MAX_XML_DEPTH} levels`,
    );
    expect(() => readXmlTree("<a>".repeat(MAX_XML_DEPTH), "u")).not.toThrow();
  });
});
