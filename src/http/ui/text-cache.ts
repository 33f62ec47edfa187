// Sanitizing vendor text is the costliest step of a history page (~0.1 ms an update, 25 incidents with
// several updates each). Messages rarely change, so one app keeps the latest few thousand renderings.

import { renderVendorText } from "../sanitize.ts";

export type TextRenderer = (message: string) => string;

export function createTextRenderer(max = 5000): TextRenderer {
  const cache = new Map<string, string>();
  return (message) => {
    const hit = cache.get(message);
    if (hit !== undefined) return hit;
    const rendered = renderVendorText(message);
    // A Map keeps insertion order: the first key is the oldest.
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(message, rendered);
    return rendered;
  };
}
