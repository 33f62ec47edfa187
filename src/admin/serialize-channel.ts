import type { ChannelConfig } from "../domain/notification.ts";
import { redactChannelSettings } from "../notify/channel-settings.ts";

/** A channel as the admin API shows it: the config-file shape, secrets as "<secret>". */
export function serializeChannel(channel: ChannelConfig) {
  return {
    id: channel.id,
    type: channel.type,
    ...redactChannelSettings(channel.type, channel.config),
    disabled_reason: channel.disabledReason,
  };
}
