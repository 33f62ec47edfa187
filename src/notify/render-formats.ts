// A rendered notification laid out as plain text, Markdown and HTML (for mail and chat bodies).
// Vendor text is plain text by now; each format escapes it for itself.
import type { RenderedNotification } from "./render.ts";

export function renderText(r: RenderedNotification): string {
  const lines = [r.title, "", ...(r.message ? [r.message, ""] : [])];
  for (const fact of r.facts) lines.push(`${fact.label}: ${fact.value}`);
  if (r.link) lines.push(`Link: ${r.link}`);
  return lines.join("\n").trim() + "\n";
}

export function renderMarkdown(r: RenderedNotification): string {
  const parts = [`**${escapeMarkdown(r.title)}**`];
  if (r.message) parts.push(escapeMarkdown(r.message));
  const facts = r.facts.map((f) => `**${f.label}:** ${escapeMarkdown(f.value)}`);
  if (facts.length > 0) parts.push(facts.join("  \n"));
  if (r.link) parts.push(`[Open](${r.link})`);
  return parts.join("\n\n");
}

export function renderHtml(r: RenderedNotification): string {
  const message = r.message
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  const rows = r.facts
    .map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
    .join("\n");
  const link = r.link ? `<p><a href="${escapeHtml(r.link)}">${escapeHtml(r.link)}</a></p>` : "";
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title></head><body>`,
    `<h2>${escapeHtml(r.title)}</h2>`,
    message,
    rows ? `<table>\n${rows}\n</table>` : "",
    link,
    "</body></html>",
  ]
    .filter((part) => part !== "")
    .join("\n");
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Backslash-escapes what Markdown (Discord's, CommonMark) would read as formatting or a link: inline
 * marks anywhere, and at a line's start (after any indent) headings, quotes, list bullets (-, +, "1.")
 * and setext underlines (=).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_~[\]|<>])/g, "\\$1")
    .replace(/^([ \t]*)([#>+=-])/gm, "$1\\$2")
    .replace(/^([ \t]*\d+)([.)])/gm, "$1\\$2");
}

/** Cuts text to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
