// Builders for the notification suites (channels, subscriptions, the outbox) and their common setup.
import type { ChangeEvent } from "../../src/domain/model.ts";
import { stableId } from "../../src/lib/hash.ts";
import type { ChannelConfig, Delivery, Subscription } from "../../src/domain/notification.ts";
import type { ChannelStore, PollWrite, VendorStore } from "../../src/store/store.ts";
import { at } from "./fixtures.ts";

export const channel = (id: string, extra: Partial<ChannelConfig> = {}): ChannelConfig => ({
  id,
  type: "webhook",
  config: { url: `https://${id}.example/hook`, secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=" },
  disabledReason: null,
  ...extra,
});

export const subscription = (
  id: string,
  channelId: string,
  extra: Partial<Subscription> = {},
): Subscription => ({
  id,
  channel: channelId,
  vendors: null,
  components: null,
  minImpact: null,
  events: ["incident.opened", "incident.updated", "incident.resolved"],
  ...extra,
});

export const event = (id: string, vendor = "acme"): ChangeEvent => ({
  id,
  type: "incident.opened",
  vendor,
  incidentId: `${vendor}:i1`,
  componentId: null,
  at: at(1),
  data: { title: id },
});

export function delivery(sub: Subscription, eventIds: string[], extra: Partial<Delivery> = {}): Delivery {
  return {
    id: stableId(sub.id, ...[...eventIds].sort()),
    subscription: sub.id,
    channel: sub.channel,
    vendor: "acme",
    incidentId: "acme:i1",
    componentId: null,
    eventIds,
    status: "pending",
    attempts: 0,
    createdAt: at(1),
    nextAttemptAt: at(1),
    deliveredAt: null,
    lastError: null,
    ...extra,
  };
}

export const poll = (
  minute: number,
  events: ChangeEvent[],
  deliveries: Delivery[],
  vendor = "acme",
): PollWrite => ({
  vendor,
  polledAt: at(minute),
  nextPollAt: at(minute + 1),
  outcome: { ok: true },
  events,
  deliveries,
});

export const hook = subscription("s-hook", "hook");
export const chat = subscription("s-chat", "chat");

/** Vendors acme and beta; channels hook (webhook) and chat (slack), each with one subscription. */
export async function seedChannels(
  store: Pick<VendorStore, "addVendor"> & Pick<ChannelStore, "upsertChannel" | "upsertSubscription">,
): Promise<void> {
  await store.addVendor({ slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" }, at(0));
  await store.addVendor({ slug: "beta", name: "Beta", url: "https://b.example", platform: "feed" }, at(0));
  await store.upsertChannel(channel("hook"));
  await store.upsertChannel(channel("chat", { type: "slack", config: { url: "https://hooks.example/x" } }));
  await store.upsertSubscription(hook);
  await store.upsertSubscription(chat);
}
