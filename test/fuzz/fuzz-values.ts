// The values the fuzz mutations put into fixtures: hostile markup, odd text, odd times and numbers.
import fc from "fast-check";

/** Vendor text that must never reach a page or a message as live markup. */
export const HOSTILE_MARKUP = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  "<svg onload=alert(1)><circle/></svg>",
  '"><script>alert(1)</script>',
  "<iframe src=javascript:alert(1)></iframe>",
  '<p onclick="alert(1)" style="x:expression(alert(1))">hi</p>',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<object data="javascript:alert(1)"></object>',
  "<scr<script>ipt>alert(1)</script>",
  "<body onload=alert(1)>",
  "<<script>script>alert(1)<</script>/script>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "<![CDATA[<script>alert(1)</script>]]>",
  "javascript:alert(1)",
  " JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
] as const;

/** Text that is legal but unusual: control characters, BOMs, lone surrogates, RTL, entities. */
export const ODD_TEXT = [
  "",
  " ",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "\uDFFF",
  "a\u0000b",
  "\u202Eevil",
  "\r\n\r\n",
  "&#0;",
  "&#x110000;",
  "&#xD800;",
  "&#99999999999;",
  "&nosuch;",
  "&amp;amp;amp;",
  "]]>",
  "\\",
  '"',
  "__proto__",
  "constructor",
  "toString",
] as const;

export const ODD_TIMES = [
  "2024-13-45T99:99:99Z",
  "0000-00-00 00:00:00",
  "1970-01-01",
  "+275760-09-13T00:00:00.000Z",
  "+275760-09-13T00:00:00.001Z",
  "-271821-04-20T00:00:00Z",
  "Mon, 99 Foo 2024 25:61:00 XYZ",
  "Tue, 01 Jan 2030 00:00:00 PDT",
  "99999999999999",
  "1e20",
  "-1",
  "NaN",
  "Infinity",
  "2024-05-01T12:00:00+25:00",
] as const;

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Short text of any kind. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_MARKUP),
  fc.constantFrom(...ODD_TEXT),
  fc.constantFrom(...ODD_TIMES),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: codeUnit, maxLength: 20 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.double().map(String),
);

/** A long run of one piece of text, built only when applied (so a counterexample prints short). */
export interface HugeText {
  huge: string;
  length: number;
}

export const hugeText = (max: number): fc.Arbitrary<HugeText> =>
  fc.record({
    huge: fc.constantFrom("a", "é", " ", "\n", "<", "&amp;", "\\", ...HOSTILE_MARKUP.slice(0, 4)),
    length: fc.integer({ min: 1_000, max }),
  });

export function buildHuge({ huge, length }: HugeText): string {
  return huge.repeat(Math.ceil(length / huge.length)).slice(0, length);
}

/**
 * A mutated body stops growing here: the real client refuses bodies over 5 MiB (too_large, which
 * fuzz-http.ts mirrors), so repeating or nesting further only costs time and memory.
 */
export const MAX_BODY = 6 * 1_048_576;

/** How big generated values may get: small for CI, up to a megabyte for the long run. */
export interface FuzzSizes {
  hugeMax: number;
  deepMax: number;
  repeatMax: number;
}

export const CI_SIZES: FuzzSizes = { hugeMax: 100_000, deepMax: 20_000, repeatMax: 50 };
export const LONG_RUN_SIZES: FuzzSizes = { hugeMax: 1_048_576, deepMax: 500_000, repeatMax: 500 };
