// A library loaded at its first use rather than at start: a command that never parses YAML, or never
// turns vendor HTML into text, does not pay for loading the parser. Synchronous (require), so the
// functions using it stay synchronous.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
