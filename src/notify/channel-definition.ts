// One self-describing definition per channel kind: its type word, its settings schema, where its
// secrets sit, and how to build it. The registry (registry.ts) lists them; the config schema, the
// channel factory, settings parsing and redaction all derive from that list.
import type { z } from "zod";
import type { Channel, ChannelOptions } from "./channel.ts";
import type { ChannelLabel } from "./channels/delivery-errors.ts";
import type { HttpSender } from "./channels/http-post.ts";

/** What a definition's create() gets besides its id and settings. */
export interface ChannelCreateContext {
  /** The channel's id, type and the secret values its errors must never show. */
  label: ChannelLabel;
  options: ChannelOptions;
  /** Builds the shared HTTP sender for this channel (SSRF guard, timeouts, redacted errors). */
  createHttpSender(): HttpSender;
}

/** A strict zod object: a `channels:` entry's own settings, besides id and type. */
export type ChannelSettingsSchema = z.ZodObject;

export interface ChannelDefinition<
  T extends string = string,
  S extends ChannelSettingsSchema = ChannelSettingsSchema,
> {
  /** The `type:` word in the config file and the API. */
  readonly type: T;
  readonly settingsSchema: S;
  /**
   * Setting paths that hold a secret (redacted when shown, kept when the API gets "<secret>" back,
   * never put into an error). Chat webhook URLs are secrets: the URL is the credential.
   */
  readonly secretPaths: readonly (readonly string[])[];
  /** Builds the channel from settings already validated by settingsSchema. */
  create(id: string, settings: z.output<S>, ctx: ChannelCreateContext): Channel;
}

/**
 * Any definition, whatever its type word and settings (the registry's element type). create() is
 * declared with method syntax, so a definition of specific settings fits here: the factory only ever
 * passes it what that definition's own schema produced.
 */
export type AnyChannelDefinition = ChannelDefinition;

/** Keeps the literal type word and the schema's own type, so derived unions stay precise. */
export function defineChannel<const T extends string, S extends ChannelSettingsSchema>(
  definition: ChannelDefinition<T, S>,
): ChannelDefinition<T, S> {
  return definition;
}

/** The definition for `type` in `definitions`, or undefined. */
export function findChannelDefinition<D extends AnyChannelDefinition>(
  definitions: readonly D[],
  type: string,
): D | undefined {
  return definitions.find((definition) => definition.type === type);
}
