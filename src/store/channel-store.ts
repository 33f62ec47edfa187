// Where notifications go: channels and subscriptions (from config, CLI or API).
import type { ChannelConfig, Subscription } from "../domain/notification.ts";

export interface ChannelStore {
  upsertChannel(channel: ChannelConfig): Promise<void>;
  listChannels(): Promise<ChannelConfig[]>;
  /** Removes the channel and its subscriptions; their pending deliveries are suppressed. */
  removeChannel(id: string): Promise<boolean>;
  /** Disables (reason) or re-enables (null) a channel. */
  setChannelDisabled(id: string, reason: string | null): Promise<void>;
  upsertSubscription(subscription: Subscription): Promise<void>;
  listSubscriptions(): Promise<Subscription[]>;
  /** Removes the subscription; its pending deliveries are suppressed. */
  removeSubscription(id: string): Promise<boolean>;
}
