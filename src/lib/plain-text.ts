// Vendor messages may hold HTML (or HTML escaped once more). Chat, mail and calendar formats want plain text:
// tags dropped (script and style with their content), block ends as line breaks, links kept as
// "text (url)", entities decoded. The result is text, never markup: every format escapes it again.
import type sanitizeHtml from "sanitize-html";
import { decodeEntities } from "../lib/html-entities.ts";
import { lazyRequire } from "../lib/lazy-require.ts";

const sanitizer = lazyRequire<typeof sanitizeHtml>("sanitize-html");

const ENCODED_TAG = /&lt;\/?(?:p|br|div|ul|ol|li|a|strong|em|b|i|code|pre|span|h[1-6])\b/i;
const LINK = /<a\b[^>]*?\bhref\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi;
const STRIP_ALL: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: ["script", "style", "textarea", "noscript", "iframe", "object", "embed", "template", "title"],
};

/** Plain text of one vendor message (HTML or not), with paragraphs as blank lines. */
export function toPlainText(message: string): string {
  const html = ENCODED_TAG.test(message) && !/<[a-z]/i.test(message) ? decodeEntities(message) : message;
  const marked = html
    .replace(LINK, (_whole, _q, dq: string | undefined, sq: string | undefined, inner: string) =>
      linkText(inner, dq ?? sq ?? ""),
    )
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<\/?(?:p|div|ul|ol|h[1-6]|pre|blockquote|table|tr)\b[^>]*>/gi, "\n\n");
  const text = decodeEntities(sanitizer()(marked, STRIP_ALL));
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function linkText(inner: string, href: string): string {
  const url = decodeEntities(href).trim();
  const label = sanitizer()(inner, STRIP_ALL).trim();
  if (!/^https?:\/\//i.test(url) || decodeEntities(label) === url) return inner;
  return `${inner} (${url})`;
}
