// Whether rendered HTML carries live markup of anyone but Pingoru: a script other than its own, an
// embedding element, an event-handler attribute, or a script URL. Parsed as a browser would read it.
import { Parser } from "htmlparser2";

/** Pingoru's own pages load these scripts, and no other (src/http/ui/layout.ts). */
const OWN_SCRIPTS = new Set(["/local-time.js", "/live.js"]);
const EMBEDDING = new Set([
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "base",
  "math",
  "svg",
  "style",
  "form",
  "img",
  "input",
  "button",
  "textarea",
  "video",
  "audio",
  "source",
  "template",
]);
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "data",
  "background",
  "poster",
]);
const SCRIPT_URL = /^(?:javascript|vbscript|data):/i;

/** What a browser would run or embed from this HTML that Pingoru itself does not put there. */
export function liveMarkup(html: string): string[] {
  const problems: string[] = [];
  let inScript = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "script") {
          inScript = true;
          if (!OWN_SCRIPTS.has(attributes["src"] ?? ""))
            problems.push(`<script src="${attributes["src"] ?? ""}">`);
        } else if (EMBEDDING.has(name)) problems.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) problems.push(`<${name} ${attribute}=…>`);
          // Browsers skip control characters and spaces inside a scheme ("java\tscript:").
          const bare = Array.from(value)
            .filter((ch) => ch.charCodeAt(0) > 0x20)
            .join("");
          if (URL_ATTRIBUTES.has(attribute) && SCRIPT_URL.test(bare))
            problems.push(`<${name} ${attribute}="${value}">`);
        }
      },
      ontext(text) {
        if (inScript && text.trim() !== "") problems.push(`inline script: ${text.slice(0, 60)}`);
      },
      onclosetag(name) {
        if (name === "script") inScript = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return problems;
}
