// Mutations of an XML feed or HTML page as text (a text node replaced, an element dropped, repeated,
// renamed or wrapped deep, an attribute added), and random markup from a feed's or a page's words.
import fc from "fast-check";
import {
  anyText,
  buildHuge,
  hugeText,
  HOSTILE_MARKUP,
  MAX_BODY,
  type FuzzSizes,
  type HugeText,
} from "./fuzz-values.ts";

export type MarkupText = { text: string } | { huge: HugeText } | { cdata: string } | { escaped: string };

export type MarkupMutation =
  | { kind: "text"; pick: number; value: MarkupText }
  | { kind: "drop"; pick: number }
  | { kind: "repeat"; pick: number; times: number }
  | { kind: "rename"; pick: number; name: string }
  | { kind: "nest"; pick: number; name: string; depth: number }
  | { kind: "attribute"; pick: number; attribute: string };

const FEED_WORDS = [
  "rss",
  "channel",
  "item",
  "title",
  "link",
  "guid",
  "pubDate",
  "description",
  "content:encoded",
  "generator",
  "lastBuildDate",
  "feed",
  "entry",
  "id",
  "updated",
  "published",
  "content",
  "summary",
  "author",
  "name",
  "dc:date",
  "category",
];
const PAGE_WORDS = ["html", "body", "div", "ul", "li", "span", "p", "a", "title", "section", "h2", "script"];
const PAGE_CLASSES = [
  "component",
  "component__name",
  "component__status",
  "status-operational",
  "status-major-outage",
  "status-under-maintenance",
  "status-partial-outage",
];

export const ATTRIBUTES = [
  ' onerror="alert(1)"',
  ' href="javascript:alert(1)"',
  ' rel="alternate" href="https://evil.example/x"',
  ' type="html"',
  ' isPermaLink="false"',
  ' class="component component__status status-major-outage"',
  " a=",
  ' x="1" x="2"',
  ' xmlns="http://www.w3.org/2005/Atom"',
  ' data-x="&#0;"',
];

export const markupText = (sizes: FuzzSizes): fc.Arbitrary<MarkupText> =>
  fc.oneof(
    { weight: 3, arbitrary: anyText.map((text) => ({ text })) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_MARKUP).map((escaped) => ({ escaped })) },
    {
      weight: 2,
      arbitrary: fc.oneof(anyText, fc.constantFrom(...HOSTILE_MARKUP)).map((cdata) => ({ cdata })),
    },
    { weight: 1, arbitrary: hugeText(sizes.hugeMax).map((huge) => ({ huge })) },
  );

export function markupMutation(sizes: FuzzSizes): fc.Arbitrary<MarkupMutation> {
  const pick = fc.nat();
  const name = fc.constantFrom(...FEED_WORDS, ...PAGE_WORDS, "x", "!--", "?pi");
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant("text" as const), pick, value: markupText(sizes) }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), pick }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("repeat" as const),
        pick,
        times: fc.integer({ min: 2, max: sizes.repeatMax }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("rename" as const), pick, name }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("nest" as const),
        pick,
        name,
        depth: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: sizes.deepMax })),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("attribute" as const),
        pick,
        attribute: fc.constantFrom(...ATTRIBUTES),
      }),
    },
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function textOf(value: MarkupText): string {
  if ("text" in value) return value.text;
  if ("huge" in value) return buildHuge(value.huge);
  if ("cdata" in value) return `<![CDATA[${value.cdata}]]>`;
  return escapeXml(value.escaped);
}

const START_TAG = /<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?(?<!\/)>/g;
const TEXT_NODE = />([^<]+)</g;

function nth(re: RegExp, body: string, pick: number): RegExpExecArray | null {
  const matches = [...body.matchAll(re)];
  return matches.length === 0 ? null : (matches[pick % matches.length] as RegExpExecArray);
}

/** The element starting at the match, to its first matching close tag (or just the start tag). */
function elementAt(body: string, start: RegExpExecArray): [number, number] {
  const close = body.indexOf(`</${start[1]!}>`, start.index);
  return [start.index, close === -1 ? start.index + start[0].length : close + start[1]!.length + 3];
}

function applyOne(body: string, mutation: MarkupMutation): string {
  if (mutation.kind === "text" || mutation.kind === "nest") {
    const node = nth(TEXT_NODE, body, mutation.pick);
    if (!node) return body;
    const from = node.index + 1;
    const to = from + node[1]!.length;
    const depth =
      mutation.kind === "nest" ? Math.min(mutation.depth, MAX_BODY / (2 * mutation.name.length + 5)) : 0;
    const inner =
      mutation.kind === "text"
        ? textOf(mutation.value)
        : `<${mutation.name}>`.repeat(depth) + body.slice(from, to) + `</${mutation.name}>`.repeat(depth);
    return body.slice(0, from) + inner + body.slice(to);
  }
  const start = nth(START_TAG, body, mutation.pick);
  if (!start) return body;
  const [from, to] = elementAt(body, start);
  switch (mutation.kind) {
    case "drop":
      return body.slice(0, from) + body.slice(to);
    case "repeat":
      return (
        body.slice(0, from) +
        body.slice(from, to).repeat(Math.min(mutation.times, Math.ceil(MAX_BODY / (to - from)))) +
        body.slice(to)
      );
    case "rename":
      return body.slice(0, from + 1) + mutation.name + body.slice(from + 1 + start[1]!.length);
    case "attribute": {
      const at = from + 1 + start[1]!.length;
      return body.slice(0, at) + mutation.attribute + body.slice(at);
    }
  }
}

export function applyMarkupMutations(body: string, mutations: readonly MarkupMutation[]): string {
  return mutations.reduce(applyOne, body);
}

/** A random element tree from a feed's (or a page's) vocabulary, serialised with an optional prolog. */
export function randomMarkup(kind: "xml" | "html", sizes: FuzzSizes): fc.Arbitrary<string> {
  const words = kind === "xml" ? FEED_WORDS : PAGE_WORDS;
  const attribute = fc.oneof(
    fc.constantFrom(...ATTRIBUTES),
    fc.constantFrom(...PAGE_CLASSES).map((c) => ` class="${c}"`),
  );
  const tree = fc.letrec<{ node: string; element: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      markupText(sizes).map(textOf),
      tie("element"),
    ),
    element: fc
      .record({
        name: fc.constantFrom(...words),
        attributes: fc.array(attribute, { maxLength: 2 }),
        children: fc.array(tie("node"), { maxLength: 5 }),
      })
      .map(
        ({ name, attributes, children }) => `<${name}${attributes.join("")}>${children.join("")}</${name}>`,
      ),
  }));
  const roots =
    kind === "xml"
      ? [
          '<rss version="2.0"><channel>|</channel></rss>',
          '<feed xmlns="http://www.w3.org/2005/Atom">|</feed>',
          "|",
        ]
      : ["<!DOCTYPE html><html><body>|</body></html>", "|"];
  const prolog = kind === "xml" ? ['<?xml version="1.0" encoding="utf-8"?>', "", "<!DOCTYPE x>"] : [""];
  return fc
    .record({
      prolog: fc.constantFrom(...prolog),
      root: fc.constantFrom(...roots),
      children: fc.array(tree.element, { maxLength: 6 }),
    })
    .map(({ prolog, root, children }) => prolog + root.replace("|", () => children.join("")));
}
