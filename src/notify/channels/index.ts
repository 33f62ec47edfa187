// The channel factory: validates a channel's stored settings for its type (PingoruError "input"
// naming the channel and key, never a value) and builds the channel with the shared HTTP sender.
import type { Channel, ChannelFactory, ChannelOptions } from "../channel.ts";
import { SECRET_SETTING_PATHS, parseChannelSettings } from "../channel-settings.ts";
import type { ChannelConfig, ChannelType } from "../model.ts";
import type { ChannelLabel } from "./delivery-errors.ts";
import { urlSecrets } from "./delivery-errors.ts";
import { createDiscordChannel } from "./discord.ts";
import { createEmailChannel } from "./email.ts";
import { createHttpSender } from "./http-post.ts";
import { createOpsgenieChannel } from "./opsgenie.ts";
import { createPagerdutyChannel } from "./pagerduty.ts";
import { createSlackChannel } from "./slack.ts";
import { createTeamsChannel } from "./teams.ts";
import { createWebhookChannel } from "./webhook.ts";

export const createChannel: ChannelFactory = (config, options) => {
  const { id, type } = config;
  const label: ChannelLabel = { id, type, secrets: secretsOf(type, config.config) };
  const http = () => createHttpSender(label, options);
  switch (type) {
    case "webhook":
      return createWebhookChannel(id, parseChannelSettings(id, type, config.config), http());
    case "slack":
      return createSlackChannel(id, parseChannelSettings(id, type, config.config), http());
    case "discord":
      return createDiscordChannel(id, parseChannelSettings(id, type, config.config), http());
    case "teams":
      return createTeamsChannel(id, parseChannelSettings(id, type, config.config), http());
    case "pagerduty":
      return createPagerdutyChannel(id, parseChannelSettings(id, type, config.config), http());
    case "opsgenie":
      return createOpsgenieChannel(id, parseChannelSettings(id, type, config.config), http());
    case "email":
      return createEmailChannel(label, parseChannelSettings(id, type, config.config), options);
  }
  return unknownType(config);
};

function unknownType(config: ChannelConfig): never {
  // Only reachable with a config the types say cannot exist (e.g. a hand-edited database row).
  parseChannelSettings(config.id, config.type, config.config);
  throw new Error(`channel ${config.id}: unknown type`);
}

/** Every string in the settings that must never be shown: secret values, secret URLs and their paths. */
export function secretsOf(type: ChannelType, settings: Record<string, unknown>): string[] {
  const secrets: string[] = [];
  for (const path of SECRET_SETTING_PATHS[type] ?? []) {
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
