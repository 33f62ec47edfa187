// Mutations of a body as text or bytes: truncation, an insertion, NULs, a BOM, UTF-16, invalid UTF-8
// and a wrong charset label. Bytes go through the real client's decoding (see fuzz-http.ts).
import fc from "fast-check";
import type { FuzzBody } from "./fuzz-http.ts";
import { anyText } from "./fuzz-values.ts";

/** Where in the body, as a fraction of its length in ten-thousandths (so shrinking moves it smoothly). */
const at = fc.integer({ min: 0, max: 10_000 });

export type ByteMutation =
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "nul"; at: number; count: number }
  | { kind: "bom" }
  | { kind: "utf16"; endian: "le" | "be"; bom: boolean; label: boolean }
  | { kind: "invalidUtf8"; at: number; bytes: readonly number[] }
  | { kind: "charset"; label: string };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("insert" as const), at, text: anyText }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("nul" as const), at, count: fc.integer({ min: 1, max: 64 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "bom" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("utf16" as const),
      endian: fc.constantFrom("le" as const, "be" as const),
      bom: fc.boolean(),
      label: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("invalidUtf8" as const),
      at,
      bytes: fc.oneof(
        fc.constantFrom(
          [0xff],
          [0xc3, 0x28],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0xe2, 0x82],
          [0x80],
        ),
        fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 8 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("charset" as const),
      label: fc.constantFrom("iso-8859-1", "utf-16", "utf-16be", "shift_jis", "utf-7", "x-bogus", '"utf-8"'),
    }),
  },
);

const position = (length: number, fraction: number) => Math.floor((length * fraction) / 10_000);

function utf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const bytes = Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
  if (endian === "be") bytes.swap16();
  return bytes;
}

export function applyByteMutation(body: string, mutation: ByteMutation, contentType: string): FuzzBody {
  const cut = (fraction: number) => position(body.length, fraction);
  switch (mutation.kind) {
    case "truncate":
      return body.slice(0, cut(mutation.at));
    case "insert":
      return body.slice(0, cut(mutation.at)) + mutation.text + body.slice(cut(mutation.at));
    case "nul":
      return body.slice(0, cut(mutation.at)) + "\u0000".repeat(mutation.count) + body.slice(cut(mutation.at));
    case "bom":
      return `\uFEFF${body}`;
    case "utf16": {
      const label = mutation.label ? `; charset=utf-16${mutation.endian}` : "";
      return {
        bytes: utf16(body, mutation.endian, mutation.bom),
        contentType: contentType.split(";")[0]! + label,
      };
    }
    case "invalidUtf8": {
      const bytes = Buffer.from(body, "utf8");
      const split = position(bytes.length, mutation.at);
      const out = Buffer.concat([
        bytes.subarray(0, split),
        Buffer.from(mutation.bytes),
        bytes.subarray(split),
      ]);
      return { bytes: out, contentType };
    }
    case "charset":
      return {
        bytes: Buffer.from(body, "utf8"),
        contentType: `${contentType.split(";")[0]!}; charset=${mutation.label}`,
      };
  }
}
