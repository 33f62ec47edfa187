// Every notification channel kind Pingoru has: one definition each (notify/channels/*). Adding a kind
// is its own file plus one line here; the config schema, the factory, settings parsing, redaction,
// the admin API's type list and the contract suite all follow from this list.
import { findChannelDefinition } from "./channel-definition.ts";
import type { AnyChannelDefinition } from "./channel-definition.ts";
import { discord } from "./channels/discord.ts";
import { email } from "./channels/email.ts";
import { opsgenie } from "./channels/opsgenie.ts";
import { pagerduty } from "./channels/pagerduty.ts";
import { slack } from "./channels/slack.ts";
import { teams } from "./channels/teams.ts";
import { webhook } from "./channels/webhook.ts";

export const CHANNELS = [
  webhook,
  slack,
  discord,
  teams,
  email,
  pagerduty,
  opsgenie,
] as const satisfies readonly AnyChannelDefinition[];

export type ChannelDefinitions = typeof CHANNELS;
export type ChannelType = ChannelDefinitions[number]["type"];

export const CHANNEL_TYPES: readonly ChannelType[] = CHANNELS.map((definition) => definition.type);

export function isChannelType(type: unknown): type is ChannelType {
  return CHANNEL_TYPES.some((known) => known === type);
}

/** The registered definition of a type word, or undefined for one Pingoru does not know. */
export function channelDefinition(type: string): AnyChannelDefinition | undefined {
  return findChannelDefinition<AnyChannelDefinition>(CHANNELS, type);
}
