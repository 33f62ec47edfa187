// What the fuzz suite reads: every registered platform with its contract spec's fixtures (each
// heroku variant too), and for each a case arbitrary that mutates one of its fixture bodies.
import fc from "fast-check";
import type { PageRef, Platform } from "../../src/platforms/platform.ts";
import { PLATFORMS } from "../../src/platforms/registry.ts";
import { contractCases } from "../platform-contract-runner.ts";
import { PLATFORM_SPECS } from "../platform-specs/index.ts";
import { sniffContentType, type FuzzBody } from "./fuzz-http.ts";
import { applyByteMutation, byteMutation, type ByteMutation } from "./mutate-bytes.ts";
import { applyJsonMutations, jsonMutation, type JsonMutation } from "./mutate-json.ts";
import { applyMarkupMutations, markupMutation, randomMarkup, type MarkupMutation } from "./mutate-markup.ts";
import type { FuzzSizes } from "./fuzz-values.ts";

export interface FuzzTarget {
  name: string;
  platform: Platform;
  page: PageRef;
  fixtures: Readonly<Record<string, string>>;
}

export function fuzzTargets(): FuzzTarget[] {
  return contractCases(PLATFORMS, PLATFORM_SPECS).map(({ name, spec }) => ({
    name,
    platform: spec.platform,
    page: { url: spec.url, feedUrl: spec.feedUrl ?? null, options: spec.options ?? null },
    fixtures: spec.fixtures,
  }));
}

/** One fuzz case: which fixture, how its structure changes (or what replaces it), then its bytes. */
export type FuzzCase = { url: string; bytes: ByteMutation | null } & (
  { json: JsonMutation[] } | { markup: MarkupMutation[] } | { replace: string }
);

type BodyKind = "json" | "xml" | "html";

function kindOf(body: string): BodyKind {
  try {
    JSON.parse(body);
    return "json";
  } catch {
    return /^\s*<(\?xml|rss|feed)/.test(body) ? "xml" : "html";
  }
}

function structure(kind: BodyKind, sizes: FuzzSizes) {
  const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 3 });
  if (kind === "json") {
    return fc.oneof(
      { weight: 6, arbitrary: fc.record({ json: list(jsonMutation(sizes)) }) },
      {
        weight: 1,
        arbitrary: fc.record({ replace: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) }),
      },
    );
  }
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ markup: list(markupMutation(sizes)) }) },
    { weight: kind === "xml" ? 2 : 1, arbitrary: fc.record({ replace: randomMarkup(kind, sizes) }) },
  );
}

export function fuzzCase(target: FuzzTarget, sizes: FuzzSizes): fc.Arbitrary<FuzzCase> {
  const urls = Object.keys(target.fixtures);
  return fc
    .constantFrom(...urls)
    .chain((url) =>
      fc
        .tuple(
          structure(kindOf(target.fixtures[url]!), sizes),
          fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: byteMutation }),
        )
        .map(([shape, bytes]): FuzzCase => ({ url, bytes, ...shape })),
    );
}

/** The served bodies for a case: every fixture as recorded, the chosen one mutated. */
export function bodiesOf(target: FuzzTarget, fuzz: FuzzCase): Record<string, FuzzBody> {
  const original = target.fixtures[fuzz.url]!;
  const text =
    "replace" in fuzz
      ? fuzz.replace
      : "json" in fuzz
        ? (applyJsonMutations(original, fuzz.json) ?? original)
        : applyMarkupMutations(original, fuzz.markup);
  const body = fuzz.bytes ? applyByteMutation(text, fuzz.bytes, sniffContentType(original)) : text;
  return { ...target.fixtures, [fuzz.url]: body };
}
