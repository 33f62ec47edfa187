// A channel's own settings (the part of a `channels:` entry besides id and type), validated strictly
// by its kind's definition. Shared by the config file schema, the admin API and the channel factory,
// so all accept the same thing; secrets are found through the definition's secretPaths.
import type { z } from "zod";
import { PingoruError } from "../lib/errors.ts";
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
  const copy = structuredClone(settings) as Record<string, unknown>;
  for (const path of secretPathsOf(type)) redactPath(copy, path);
  return copy;
}

function redactPath(target: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in target)) return;
  const value = target[head];
  if (rest.length === 0) {
    if (value !== undefined && value !== null) target[head] = "<secret>";
    return;
  }
  if (value !== null && typeof value === "object") redactPath(value as Record<string, unknown>, rest);
}
