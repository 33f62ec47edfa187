import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Settings } from "../config/schema.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import type { Store } from "../store/store.ts";
import type { ChannelConfig, Subscription } from "../domain/notification.ts";
import { syncNotifyConfig } from "./sync-config.ts";

const hook: ChannelConfig = {
  id: "hook",
  type: "webhook",
  config: { url: "https://hooks.example/a" },
  disabledReason: null,
};
const chat: ChannelConfig = {
  id: "chat",
  type: "slack",
  config: { url: "https://slack.example/x" },
  disabledReason: null,
};
const sub = (id: string, channel: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  channel,
  vendors: null,
  components: null,
  minImpact: null,
  events: ["incident.opened"],
  ...extra,
});
const config = (
  channels: ChannelConfig[],
  subscriptions: Subscription[],
): Pick<Settings, "channels" | "subscriptions"> => ({ channels, subscriptions });

describe("syncNotifyConfig", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openSqliteStore(":memory:");
  });
  afterEach(async () => {
    await store.close();
  });

  it("writes the configured channels and subscriptions, and updates them when synced again", async () => {
    expect(await syncNotifyConfig(store, config([hook, chat], [sub("a", "hook"), sub("b", "chat")]))).toEqual(
      {
        channels: 2,
        subscriptions: 2,
      },
    );
    const changed = sub("a", "chat", { minImpact: "major" });
    await syncNotifyConfig(store, config([hook, chat], [changed]));
    expect(await store.listChannels()).toEqual([chat, hook]);
    expect(await store.listSubscriptions()).toEqual([changed, sub("b", "chat")]);
  });

  it("keeps a channel disabled across a sync that does not change it", async () => {
    await syncNotifyConfig(store, config([hook], []));
    await store.setChannelDisabled("hook", "receiver answered 410 Gone");
    await syncNotifyConfig(store, config([hook], []));
    expect((await store.listChannels())[0]?.disabledReason).toBe("receiver answered 410 Gone");
  });

  it("accepts a subscription to a channel already in the store, refuses an undefined one before writing", async () => {
    await store.upsertChannel(chat);
    await syncNotifyConfig(store, config([], [sub("a", "chat")]));
    await expect(
      syncNotifyConfig(store, config([hook], [sub("b", "hook"), sub("c", "nope")])),
    ).rejects.toThrow('subscription c: channel "nope" is not defined');
    expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(["a"]);
  });

  it("leaves entries that are no longer in the file (upsert only)", async () => {
    await syncNotifyConfig(store, config([hook], [sub("a", "hook")]));
    await syncNotifyConfig(store, config([], []));
    expect((await store.listSubscriptions()).map((s) => s.id)).toEqual(["a"]);
  });
});
