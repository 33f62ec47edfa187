// A channel's own settings (the part of a `channels:` entry besides id and type), validated strictly
// by its kind's definition. Shared by the config file schema, the admin API and the channel factory,
// so all accept the same thing; secrets are found through the definition's secretPaths.
import type { z } from "zod";
import { PingoruError } from "../lib/errors.ts";
import type { AnyChannelDefinition } from "./channel-definition.ts";
import { CHANNEL_TYPES, channelDefinition } from "./registry.ts";

export const CHANNEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * Validates a channel's settings for its type. Throws PingoruError "input" naming the channel and the
 * offending key — never echoing a value, which may be a secret.
 */
export function parseChannelSettings(
  channelId: string,
  type: string,
  settings: unknown,
): Record<string, unknown> {
  const definition = channelDefinition(type);
  if (definition === undefined)
    throw new PingoruError(
      "input",
      `channel ${channelId}: unknown type (one of ${CHANNEL_TYPES.join(", ")})`,
    );
  return parseSettingsFor(channelId, definition, settings);
}

/** The error for a type word Pingoru does not know, naming the ones it does. */
export function unknownChannelType(type: string): PingoruError {
  return new PingoruError(
    "input",
    `unknown channel type ${JSON.stringify(type)} (one of ${CHANNEL_TYPES.join(", ")})`,
  );
}

/** Validates settings against one definition's schema (PingoruError "input", as above). */
export function parseSettingsFor<S extends z.ZodObject>(
  channelId: string,
  definition: { settingsSchema: S },
  settings: unknown,
): z.output<S> {
  const result = definition.settingsSchema.safeParse(settings);
  if (!result.success)
    throw new PingoruError("input", `channel ${channelId}: ${describeSettingsIssue(result.error)}`);
  return result.data;
}

/** One line about the first problem: the key and what is wrong, without the value. */
export function describeSettingsIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid settings";
  const where = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    return `unknown key ${issue.keys.map((key) => (where ? `${where}.${key}` : key)).join(", ")}`;
  }
  return `${where || "settings"}: ${issue.message}`;
}

/** The secret paths of a type (none for a type Pingoru does not know). */
export function secretPathsOf(type: string): readonly (readonly string[])[] {
  return channelDefinition(type)?.secretPaths ?? [];
}

/** A copy of the settings with every secret replaced by "<secret>", for printing and the API. */
export function redactChannelSettings(
  type: string,
  settings: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return mapChannelSecrets(type, settings, (value) =>
    value === undefined || value === null ? value : "<secret>",
  );
}

/** A copy of the settings with `change` applied to every secret that is set (sealing, opening, hiding). */
export function mapChannelSecrets(
  type: string,
  settings: Readonly<Record<string, unknown>>,
  change: (value: unknown) => unknown,
): Record<string, unknown> {
  const copy = structuredClone(settings) as Record<string, unknown>;
  for (const path of secretPathsOf(type)) changePath(copy, path, change);
  return copy;
}

function changePath(
  target: Record<string, unknown>,
  path: readonly string[],
  change: (value: unknown) => unknown,
) {
  const [head, ...rest] = path;
  if (head === undefined || !(head in target)) return;
  const value = target[head];
  if (rest.length === 0) target[head] = change(value);
  else if (value !== null && typeof value === "object")
    changePath(value as Record<string, unknown>, rest, change);
}

/**
 * One setting of a kind as a person types it: a form field (named `name`) or a command-line flag.
 * Derived from the definition's schema, so forms and flags follow the kinds without a list of their own.
 */
export interface ChannelField {
  /** Where it sits in the settings: ["smtp", "host"]. */
  readonly path: readonly string[];
  /** The path joined with dots ("smtp.host"). */
  readonly name: string;
  readonly kind: "text" | "number" | "boolean" | "list";
  readonly required: boolean;
  readonly secret: boolean;
  /** The schema's default, shown as a hint (an omitted field gets it from the schema). */
  readonly defaultValue: string | undefined;
}

/** What a field's value may come as: a form's text or checkbox, a flag's text, repeats or switch. */
export type TypedValue = string | readonly string[] | boolean | undefined;

type SchemaNode = z.ZodType & {
  _zod: { def: { type: string; innerType?: SchemaNode; defaultValue?: unknown; shape?: unknown } };
};

/** The settings of a definition as fields, nested objects flattened, in the schema's order. */
export function channelFields(definition: Pick<AnyChannelDefinition, "settingsSchema" | "secretPaths">) {
  const secret = new Set(definition.secretPaths.map((path) => path.join(".")));
  const walk = (shape: Record<string, SchemaNode>, parent: string[]): ChannelField[] =>
    Object.entries(shape).flatMap(([key, schema]) => {
      const path = [...parent, key];
      let node = schema;
      let [required, defaultValue] = [true, undefined as string | undefined];
      for (let def = node._zod.def; def.innerType !== undefined; def = node._zod.def) {
        required = false;
        if (def.type === "default") defaultValue = String(def.defaultValue);
        node = def.innerType;
      }
      const type = node._zod.def.type;
      if (type === "object") return walk(node._zod.def.shape as Record<string, SchemaNode>, path);
      const kind = FIELD_KINDS[type];
      if (kind === undefined) throw new Error(`no field for a ${type} setting (${path.join(".")})`);
      const name = path.join(".");
      return [{ path, name, kind, required, secret: secret.has(name), defaultValue }];
    });
  return walk(definition.settingsSchema.shape as Record<string, SchemaNode>, []);
}

const FIELD_KINDS: Record<string, ChannelField["kind"]> = {
  string: "text",
  number: "number",
  boolean: "boolean",
  array: "list",
};

/**
 * Settings from typed values, for the schema to validate: blank is absent (so defaults apply), lists
 * are split on commas, numbers read as numbers (anything else stays text, for the schema to refuse).
 */
export function settingsFromFields(
  fields: readonly ChannelField[],
  valueOf: (field: ChannelField) => TypedValue,
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of fields) {
    const value = typedValue(field, valueOf(field));
    if (value === undefined) continue;
    const parent = field.path.slice(0, -1).reduce((node, key) => (node[key] ??= {}) as typeof node, settings);
    parent[field.path.at(-1)!] = value;
  }
  return settings;
}

function typedValue(field: ChannelField, value: TypedValue): unknown {
  if (value === undefined || value === false) return undefined;
  if (value === true || field.kind === "boolean") return value === true || value === "on" || value === "true";
  const texts = [value]
    .flat()
    .flatMap((text) => (field.kind === "list" ? text.split(",") : [text]))
    .map((text) => text.trim())
    .filter(Boolean);
  if (field.kind === "list") return texts.length === 0 ? undefined : texts;
  const text = texts[0];
  if (text === undefined) return undefined;
  return field.kind === "number" && /^\d+$/.test(text) ? Number(text) : text;
}

/** The stored value at a field's path, or undefined. */
export function settingAt(settings: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
    settings,
  );
}
