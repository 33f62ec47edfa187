// Vendor text is kept as sent and rendered here: sanitized HTML, or plain text with its line breaks,
// links as links, never script and never markup debris (literal "&lt;p&gt;", "&amp;amp;").

import sanitizeHtml from "sanitize-html";
import { decodeEntities } from "../lib/html-entities.ts";

const ALLOWED_TAGS = [
  "p",
  "br",
  "strong",
  "em",
  "b",
  "i",
  "ul",
  "ol",
  "li",
  "a",
  "code",
  "pre",
  "blockquote",
  "small",
];
const LINK_REL = "noopener nofollow";

// Tags whose presence means the vendor sent HTML. A fixed list so "<token>" in plain prose stays text.
const HTML_TAG =
  /<\/?(?:p|br|hr|div|span|strong|em|b|i|u|s|ul|ol|li|a|code|pre|blockquote|small|h[1-6]|table|tr|td|th|img|script|style|iframe|object|embed|svg|font|sub|sup)(?:[\s/][^<>]*)?>/i;
const BLOCK_TAG = /<\/?(?:p|br|div|ul|ol|li|pre|blockquote|h[1-6]|table)\b/i;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
// Works on HTML text: stops before whitespace, quotes and escaped angle brackets or quotes.
const URL_IN_HTML = /\bhttps?:\/\/(?:(?!&(?:lt|gt|quot|#39|#x27);)[^\s<>"'])+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Their text is code or chrome, not prose: drop it along with the tag.
  nonTextTags: [
    "script",
    "style",
    "textarea",
    "option",
    "noscript",
    "iframe",
    "object",
    "embed",
    "template",
    "title",
  ],
  transformTags: { a: transformLink },
};

/** Safe HTML for one vendor message, ready to insert into a page unescaped. */
export function renderVendorText(message: string): string {
  const text = decodeEncodedText(message);
  const html = HTML_TAG.test(text) ? prepareHtml(text) : plainTextToHtml(text);
  return sanitizeHtml(linkify(html), OPTIONS).trim();
}

// Feeds often entity-encode their text, sometimes twice; decode until markup or plain text shows.
function decodeEncodedText(message: string): string {
  let text = message;
  for (let i = 0; i < 3 && !HTML_TAG.test(text) && ENTITY.test(text); i++) text = decodeEntities(text);
  return text;
}

function prepareHtml(text: string): string {
  // "&amp;amp;" inside markup is a double escape, not a literal "&amp;" the vendor meant to show.
  const collapsed = text.replace(/&amp;(?=(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);)/gi, "&");
  // Inline-only markup (a link in prose) still relies on its newlines for layout.
  return BLOCK_TAG.test(collapsed) ? collapsed : collapsed.trim().replace(/\r?\n/g, "<br>");
}

function plainTextToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/);
  return paragraphs
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeText(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function transformLink(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:"), so compare without them.
  const href = Array.from(attribs.href ?? "")
    .filter((ch) => ch.charCodeAt(0) > 0x20)
    .join("");
  // A link we will not keep loses its href (renaming the tag confuses the sanitizer's close tags).
  if (!/^(?:https?:|mailto:)/i.test(href)) return { tagName, attribs: {} };
  return { tagName, attribs: { href: attribs.href ?? "", rel: LINK_REL } };
}

// Bare URLs in text (outside existing links) become links; the sanitizer then vets them like any other.
function linkify(html: string): string {
  let insideLink = false;
  return html
    .split(/(<[^<>]*>)/)
    .map((part) => {
      if (part.startsWith("<")) {
        if (/^<a[\s>]/i.test(part)) insideLink = true;
        else if (/^<\/a\s*>/i.test(part)) insideLink = false;
        return part;
      }
      return insideLink ? part : part.replace(URL_IN_HTML, linkTo);
    })
    .join("");
}

function linkTo(match: string): string {
  const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? "";
  const url = match.slice(0, match.length - trailing.length);
  return `<a href="${url}">${url}</a>${trailing}`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
