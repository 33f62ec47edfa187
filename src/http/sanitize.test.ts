import { describe, expect, it } from "vitest";
import { renderVendorText } from "./sanitize.ts";

const REL = 'rel="noopener nofollow"';

const exact: { name: string; input: string; want: string }[] = [
  { name: "plain text paragraph", input: "We are investigating.", want: "<p>We are investigating.</p>" },
  {
    name: "line breaks and paragraphs kept",
    input: "Line one\nline two\r\n\r\nSecond para",
    want: "<p>Line one<br />line two</p><p>Second para</p>",
  },
  {
    name: "bare URL becomes a link, trailing dot stays text",
    input: "See https://example.com/a?b=1&c=2.",
    want: `<p>See <a href="https://example.com/a?b=1&amp;c=2" ${REL}>https://example.com/a?b=1&amp;c=2</a>.</p>`,
  },
  {
    name: "angle brackets in prose stay text",
    input: "Set header <token>",
    want: "<p>Set header &lt;token&gt;</p>",
  },
  { name: "entity in plain text decoded once", input: "AT&amp;T is fine", want: "<p>AT&amp;T is fine</p>" },
  { name: "double-escaped entity", input: "Tom &amp;amp; Jerry", want: "<p>Tom &amp; Jerry</p>" },
  { name: "numeric entities", input: "It&#39;s &#x201C;done&#x201D;", want: "<p>It's \u201cdone\u201d</p>" },
  {
    name: "entity-encoded markup is markup",
    input: "&lt;p&gt;Fixed &amp;amp; verified&lt;/p&gt;",
    want: "<p>Fixed &amp; verified</p>",
  },
  {
    name: "allowed markup kept",
    input: "<p><strong>Bold</strong> <em>it</em></p><ul><li>a</li></ul>",
    want: "<p><strong>Bold</strong> <em>it</em></p><ul><li>a</li></ul>",
  },
  {
    name: "inline markup keeps newlines",
    input: 'Fixed. See <a href="https://x.io">status</a>\nthanks',
    want: `Fixed. See <a href="https://x.io" ${REL}>status</a><br />thanks`,
  },
  { name: "script removed with its text", input: "<p>Hi<script>alert(1)</script></p>", want: "<p>Hi</p>" },
  {
    name: "style and iframe removed",
    input: "<style>p{}</style><iframe src=x>inner</iframe><p>ok</p>",
    want: "<p>ok</p>",
  },
  { name: "onerror image removed", input: "<p>x<img src=x onerror=alert(1)></p>", want: "<p>x</p>" },
  {
    name: "event handlers stripped",
    input: '<p onclick="x()"><a href="https://a.b" onmouseover="y()">a</a></p>',
    want: `<p><a href="https://a.b" ${REL}>a</a></p>`,
  },
  { name: "javascript: href dropped", input: '<a href="javascript:alert(1)">x</a>', want: "<a>x</a>" },
  {
    name: "obfuscated javascript: href dropped",
    input: '<a href="java&#x0A;script:alert(1)">x</a>',
    want: "<a>x</a>",
  },
  {
    name: "data: href dropped",
    input: '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    want: "<a>x</a>",
  },
  {
    name: "relative and protocol-relative hrefs dropped",
    input: '<a href="/x">a</a> <a href="//evil.com">b</a>',
    want: "<a>a</a> <a>b</a>",
  },
  {
    name: "mailto kept",
    input: '<a href="mailto:help@x.io">mail</a>',
    want: `<a href="mailto:help@x.io" ${REL}>mail</a>`,
  },
  {
    name: "vendor rel and target replaced",
    input: '<a href="https://a.b" target="_blank" rel="opener">a</a>',
    want: `<a href="https://a.b" ${REL}>a</a>`,
  },
  {
    name: "nested encoded script never becomes script",
    input: "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    want: "",
  },
  { name: "unknown tags dropped, text kept", input: "<div><span>kept</span></div>", want: "kept" },
];

describe("renderVendorText", () => {
  it.each(exact)("$name", ({ input, want }) => {
    expect(renderVendorText(input)).toBe(want);
  });

  const nasty = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<svg onload="alert(1)"><p>x</p></svg>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    'https://x.io/"onmouseover="alert(1)',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  ];
  it.each(nasty)("never lets script through: %s", (input) => {
    const out = renderVendorText(input);
    expect(out).not.toMatch(/<script|<iframe|<svg|<img|<style|\son\w+=|javascript:|style=/i);
  });
});
