// Structural mutations of a JSON fixture: a node replaced (any type, huge, deeply nested), its type
// swapped, deleted, or an array item repeated. Each is plain data, so a counterexample prints short.
import fc from "fast-check";
import {
  anyText,
  buildHuge,
  hugeText,
  MAX_BODY,
  ODD_TIMES,
  type FuzzSizes,
  type HugeText,
} from "./fuzz-values.ts";

/** JSON text to splice in as is, a long string, or brackets nested `depth` deep. */
export type RawValue = { raw: string } | { string: HugeText } | { nest: "[" | "{"; depth: number };

export const JSON_TYPES = ["string", "number", "null", "object", "array", "boolean"] as const;

export type JsonMutation =
  | { kind: "replace"; pick: number; value: RawValue }
  | { kind: "retype"; pick: number; to: (typeof JSON_TYPES)[number] }
  | { kind: "delete"; pick: number }
  | { kind: "repeat"; pick: number; times: number };

const RAW_JSON = [
  "null",
  "true",
  "false",
  "0",
  "-0",
  "-1",
  "1.5",
  "1e308",
  "1e400",
  "-1e400",
  "9007199254740993",
  "1e-400",
  '""',
  "{}",
  "[]",
  "[null]",
  '{"":null}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
] as const;

function rawValue(sizes: FuzzSizes): fc.Arbitrary<RawValue> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...RAW_JSON).map((raw) => ({ raw })) },
    { weight: 4, arbitrary: anyText.map((text) => ({ raw: JSON.stringify(text) })) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_TIMES).map((t) => ({ raw: t.replace(/^\+/, "") })) },
    { weight: 1, arbitrary: fc.integer().map((n) => ({ raw: String(n) })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ raw: JSON.stringify(v) })) },
    { weight: 1, arbitrary: hugeText(sizes.hugeMax).map((string) => ({ string })) },
    {
      weight: 1,
      arbitrary: fc.record({
        nest: fc.constantFrom("[" as const, "{" as const),
        depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: sizes.deepMax })),
      }),
    },
  );
}

export function jsonMutation(sizes: FuzzSizes): fc.Arbitrary<JsonMutation> {
  const pick = fc.nat();
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant("replace" as const), pick, value: rawValue(sizes) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("retype" as const),
        pick,
        to: fc.constantFrom(...JSON_TYPES),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("repeat" as const),
        pick,
        times: fc.integer({ min: 2, max: sizes.repeatMax }),
      }),
    },
  );
}

function rawText(value: RawValue): string {
  if ("raw" in value) return value.raw;
  if ("string" in value) return JSON.stringify(buildHuge(value.string));
  const close = value.nest === "[" ? "]" : "}";
  // An object needs a key before each nested value.
  const open = value.nest === "[" ? "[" : '{"k":';
  return open.repeat(value.depth) + (value.nest === "[" ? "" : "null") + close.repeat(value.depth);
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };
type Holder = { root: unknown };

/** Every node's slot, root first, in document order (iterative: fixtures may be large). */
function slotsOf(holder: Holder): Slot[] {
  const slots: Slot[] = [{ parent: holder as unknown as Record<string, unknown>, key: "root" }];
  for (let i = 0; i < slots.length; i++) {
    const { parent, key } = slots[i]!;
    const value = (parent as Record<string | number, unknown>)[key];
    if (Array.isArray(value)) value.forEach((_, index) => slots.push({ parent: value, key: index }));
    else if (value !== null && typeof value === "object")
      for (const k of Object.keys(value)) slots.push({ parent: value as Record<string, unknown>, key: k });
  }
  return slots;
}

function retyped(value: unknown, to: (typeof JSON_TYPES)[number]): unknown {
  const isObject = value !== null && typeof value === "object";
  switch (to) {
    case "string":
      return typeof value === "string" ? `${value}x` : JSON.stringify(value);
    case "number":
      return typeof value === "number" ? -value - 1 : Number.isFinite(Number(value)) ? Number(value) : 7;
    case "null":
      return null;
    case "boolean":
      return !value;
    case "object":
      return Array.isArray(value) ? { ...value } : isObject ? { value } : { value };
    case "array":
      return Array.isArray(value) ? [value] : isObject ? Object.values(value) : [value];
  }
}

/** Applies the mutations in turn; null when the body is not JSON (the caller mutates it as text). */
export function applyJsonMutations(body: string, mutations: readonly JsonMutation[]): string | null {
  let holder: Holder;
  try {
    holder = { root: JSON.parse(body) as unknown };
  } catch {
    return null;
  }
  const splices: string[] = [];
  for (const mutation of mutations) {
    const slots = slotsOf(holder);
    const { parent, key } = slots[mutation.pick % slots.length]!;
    const target = parent as Record<string | number, unknown>;
    if (mutation.kind === "replace") {
      target[key] = `\u0000fuzz${splices.length}\u0000`;
      splices.push(rawText(mutation.value));
    } else if (mutation.kind === "retype") target[key] = retyped(target[key], mutation.to);
    else if (mutation.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (parent !== (holder as unknown)) delete target[key];
    } else if (Array.isArray(parent)) {
      const size = (JSON.stringify(parent[key as number]) ?? "").length + 1;
      const times = Math.min(mutation.times, Math.ceil(MAX_BODY / size));
      const copies = Array.from({ length: times - 1 }, () => structuredClone(parent[key as number]));
      parent.splice(key as number, 0, ...copies);
    }
  }
  let text = JSON.stringify(holder.root) ?? "";
  splices.forEach((raw, index) => (text = text.replace(`"\\u0000fuzz${index}\\u0000"`, () => raw)));
  return text;
}
