// The channel factory: finds a channel's definition by its type, validates its stored settings with
// the definition's schema (PingoruError "input" naming the channel and key, never a value) and builds
// it, handing it the shared HTTP sender.
import type { Channel, ChannelFactory, ChannelOptions } from "../channel.ts";
import type { AnyChannelDefinition, ChannelCreateContext } from "../channel-definition.ts";
import { findChannelDefinition } from "../channel-definition.ts";
import { parseSettingsFor } from "../channel-settings.ts";
import { CHANNELS } from "../registry.ts";
import { PingoruError } from "../../lib/errors.ts";
import type { ChannelLabel } from "./delivery-errors.ts";
import { urlSecrets } from "./delivery-errors.ts";
import { createHttpSender } from "./http-post.ts";

/** A factory over `definitions` (the registry's CHANNELS for Pingoru itself). */
export function createChannelFrom(definitions: readonly AnyChannelDefinition[]): ChannelFactory {
  return (config, options) => {
    const { id, type } = config;
    const definition = findChannelDefinition(definitions, type);
    if (definition === undefined) {
      const known = definitions.map((d) => d.type).join(", ");
      throw new PingoruError("input", `channel ${id}: unknown type (one of ${known})`);
    }
    const label: ChannelLabel = { id, type, secrets: secretsOf(definition, config.config) };
    const settings = parseSettingsFor(id, definition, config.config);
    const ctx: ChannelCreateContext = {
      label,
      options,
      createHttpSender: () => createHttpSender(label, options),
    };
    return definition.create(id, settings, ctx);
  };
}

export const createChannel: ChannelFactory = createChannelFrom(CHANNELS);

/** Every string in the settings that must never be shown: secret values, secret URLs and their paths. */
export function secretsOf(
  definition: Pick<AnyChannelDefinition, "secretPaths">,
  settings: Record<string, unknown>,
): string[] {
  const secrets: string[] = [];
  for (const path of definition.secretPaths) {
    const value = path.reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined,
      settings,
    );
    if (typeof value !== "string" || value === "") continue;
    secrets.push(value);
    if (/^https?:\/\//i.test(value)) secrets.push(...urlSecrets(value));
    if (value.startsWith("whsec_")) secrets.push(value.slice("whsec_".length));
  }
  return secrets;
}

export type { Channel, ChannelOptions };
