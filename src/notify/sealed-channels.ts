// Channel secrets sealed at rest (PINGORU_SECRET_KEY): the store keeps each secret setting (a webhook's
// signing secret, a chat webhook URL, an SMTP password…) sealed, and everything that reads channels
// through this store gets them open. Wired in main.ts, so the CLI, the admin and the dispatcher all
// go through it. Without a key, channels are stored as given, and a sealed one read without its key
// is a one-line error naming the key it needs.
import type { ChannelConfig } from "../domain/notification.ts";
import { isSealed, unknownKey, type SecretBox } from "../lib/secret-box.ts";
import type { Store } from "../store/store.ts";

export function sealChannelSecrets(store: Store, box: SecretBox | null): Store {
  // Which settings are secret is each kind's definition's to say: loaded when a channel is first
  // written or read, so a command that never touches channels does not load every kind's schema.
  const each = async (config: ChannelConfig, change: (value: string) => string): Promise<ChannelConfig> => {
    const { mapChannelSecrets } = await import("./channel-settings.ts");
    return {
      ...config,
      config: mapChannelSecrets(config.type, config.config, (value) =>
        typeof value === "string" ? change(value) : value,
      ),
    };
  };
  const open = (value: string) => {
    if (box !== null) return box.open(value);
    if (isSealed(value)) throw unknownKey(value.split(":")[2] ?? "?");
    return value;
  };
  return {
    ...store,
    upsertChannel: async (config) =>
      store.upsertChannel(box === null ? config : await each(config, box.seal)),
    listChannels: async () => Promise.all((await store.listChannels()).map((config) => each(config, open))),
  };
}
