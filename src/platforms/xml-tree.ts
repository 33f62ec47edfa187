// A small, bounded XML reader for feeds: htmlparser2's tokenizer in XML mode, building a light tree.
// Why not fast-xml-parser's tree: it grows each text node one character at a time, so a 4.5 MB text
// node took 330 MB before anything could look at it. Here text is sliced from the body, entities
// are never expanded (decodeXml decodes the predefined five and character references, once, when a
// value is read), and nesting and element count are capped while the tree is built: a body that
// breaks a cap stops there, as a typed error naming the URL.
import { Parser } from "htmlparser2";
import { PingoruError } from "../lib/errors.ts";

/** Feeds nest about five levels (rss > channel > item > title); XHTML content a few more. */
export const MAX_XML_DEPTH = 64;
/** A large feed has a few thousand items of a dozen elements each. */
export const MAX_XML_ELEMENTS = 100_000;

export interface XmlElement {
  name: string;
  /** As written: values are not decoded. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text in document order: CDATA as is, other text still XML-encoded. */
  text: XmlText[];
}

export interface XmlText {
  value: string;
  cdata: boolean;
}

/** The document's elements (a well-formed one has one root). Throws "parse" when a cap is broken. */
export function readXmlTree(body: string, url: string): XmlElement[] {
  const root: XmlElement = { name: "", attributes: {}, children: [], text: [] };
  const stack = [root];
  let count = 0;
  let cdata = false;
  const refuse = (what: string) => {
    throw new PingoruError("parse", `XML from ${url} ${what}`, { url });
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (stack.length > MAX_XML_DEPTH) refuse(`nests deeper than ${MAX_XML_DEPTH} levels`);
        if (++count > MAX_XML_ELEMENTS) refuse(`has more than ${MAX_XML_ELEMENTS} elements`);
        const element: XmlElement = { name, attributes, children: [], text: [] };
        stack.at(-1)!.children.push(element);
        stack.push(element);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
      ontext(value) {
        stack.at(-1)!.text.push({ value, cdata });
      },
      oncdatastart() {
        cdata = true;
      },
      oncdataend() {
        cdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.end(body);
  return root.children;
}

/** The element's children with this name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}

/** The first child with this name. */
export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.name === name);
}

/** The element's own text, decoded; "" for a missing element. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return "";
  return element.text.map((part) => (part.cdata ? part.value : decodeXml(part.value))).join("");
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * XML's predefined entities and character references only; anything else is left as written.
 * A scan, not a replace with a callback: V8 keeps every match of a global replace alive until it
 * ends, 300 MB for a 4.5 MB run of `&#65;`.
 */
export function decodeXml(value: string): string {
  const parts: string[] = [];
  let done = 0;
  for (let at = value.indexOf("&"); at !== -1; at = value.indexOf("&", at + 1)) {
    const end = value.indexOf(";", at);
    if (end === -1) break;
    if (end - at > 32) continue; // longer than any reference we decode: not one
    const decoded = decodeReference(value.slice(at + 1, end));
    if (decoded === null) continue;
    if (at > done) parts.push(value.slice(done, at));
    parts.push(decoded);
    done = end + 1;
    at = end;
  }
  if (done === 0) return value;
  if (done < value.length) parts.push(value.slice(done));
  return parts.join("");
}

function decodeReference(name: string): string | null {
  if (name.startsWith("#")) {
    const hex = name[1] === "x" || name[1] === "X";
    const digits = name.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-f]+$/i : /^[0-9]+$/).test(digits)) return null;
    const code = parseInt(digits, hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  return PREDEFINED[name.toLowerCase()] ?? null;
}
