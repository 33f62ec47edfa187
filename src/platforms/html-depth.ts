// How deep a page's elements nest, counted on the text in one pass before parsing: htmlparser2 and
// css-select slow down with the square of the depth (a 100 kB page of nested <ul> took seconds), and
// domutils' textContent recurses once a level. Browsers stop nesting at 512 levels (Blink); so do we.
export const MAX_HTML_DEPTH = 512;

// Tags that never hold children, or that a sibling of their kind closes (a list of unclosed <li>
// or <p> is flat, not deep): they are not counted.
const FLAT = new Set(
  (
    "area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr " +
    "li p dt dd option optgroup tr td th thead tbody tfoot rt rp a h1 h2 h3 h4 h5 h6"
  ).split(" "),
);
// Attributes start after a space or slash, so a long name cannot trade characters with them (which
// backtracked quadratically on a 400 kB "<aaaa…"), and stop at "<" too, so a run of unclosed "<a <a"
// costs one pass.
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)(?:[\s/][^<>]*)?>|<!--/g;

/** Whether elements nest deeper than `max` (raw text of scripts, styles and comments skipped). */
export function htmlDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(text); match !== null; match = TAG.exec(text)) {
    const [whole, closing, rawName] = match;
    if (whole === "<!--") {
      const end = text.indexOf("-->", TAG.lastIndex);
      if (end === -1) return false;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = rawName!.toLowerCase();
    if (FLAT.has(name) || whole.endsWith("/>")) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (++depth > max) return true;
    if (!closing && (name === "script" || name === "style")) {
      const end = new RegExp(`</${name}`, "gi");
      end.lastIndex = TAG.lastIndex;
      if (end.exec(text) === null) return false;
      TAG.lastIndex = end.lastIndex - name.length - 2;
    }
  }
  return false;
}
