import { Command } from "commander";
import { PingoruError } from "../lib/errors.ts";
import type { Runtime } from "../main.ts";
import { redactChannelSettings } from "../notify/channel-settings.ts";
import { createChannel } from "../notify/channels/index.ts";
import { sendOnce } from "../notify/dispatcher.ts";
import type { ChannelConfig } from "../domain/notification.ts";
import { sampleNotification } from "../notify/notification.ts";
import { addChannelCommand, removeChannelCommand } from "./channel-edit.ts";
import { count, settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

export function channelsCommand(): Command {
  const channels = new Command("channels");
  channels.addCommand(
    withStoreOptions(new Command("list"))
      .description("list channels (secrets shown as <secret>)")
      .option("--json", "print JSON")
      .action(async (options: StoreOptions & { json?: boolean }) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const list = (await knownChannels(runtime)).map((c) => ({
            id: c.id,
            type: c.type,
            settings: redactChannelSettings(c.type, c.config),
            disabled_reason: c.disabledReason,
          }));
          if (options.json) return void process.stdout.write(JSON.stringify(list, null, 2) + "\n");
          for (const c of list)
            process.stdout.write(
              `${c.id}\t${c.type}\t${c.disabled_reason === null ? "enabled" : `disabled: ${c.disabled_reason}`}\t${JSON.stringify(c.settings)}\n`,
            );
        });
      }),
  );
  channels.addCommand(addChannelCommand());
  channels.addCommand(removeChannelCommand());
  channels.addCommand(
    withStoreOptions(new Command("test"))
      .description("send a sample notification through the channel and print the outcome")
      .argument("<id>", "the channel id")
      .action(async (id: string, options: StoreOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const config = (await knownChannels(runtime)).find((c) => c.id === id);
          if (config === undefined) throw new PingoruError("not_found", `no channel "${id}"`);
          const channel = createChannel(config, {
            allowPrivateTargets: runtime.settings.allowPrivateTargets,
          });
          const started = performance.now();
          const now = () => new Date();
          await sendOnce(channel, sampleNotification(now(), runtime.settings.publicUrl), { now });
          const ms = Math.round(performance.now() - started);
          process.stdout.write(
            `ok: ${config.id} (${config.type}) accepted the test notification in ${ms} ms\n`,
          );
        });
      }),
  );
  channels.addCommand(
    withStoreOptions(new Command("enable"))
      .description("re-enable a channel disabled because its receiver answered 410 Gone")
      .argument("<id>", "the channel id")
      .action(async (id: string, options: StoreOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const channel = (await runtime.store.listChannels()).find((c) => c.id === id);
          if (channel === undefined) throw new PingoruError("not_found", `no channel "${id}"`);
          await runtime.store.setChannelDisabled(id, null);
          process.stderr.write(
            channel.disabledReason === null ? `${id} was not disabled\n` : `re-enabled ${id}\n`,
          );
        });
      }),
  );
  channels.addCommand(
    withStoreOptions(new Command("reseal"))
      .description(
        "write every channel's secrets again, sealed with PINGORU_SECRET_KEY (after a key rotation, or to seal existing ones)",
      )
      .action(async (options: StoreOptions) => {
        const settings = await settingsFrom(options);
        if (settings.secretKey === null)
          throw new PingoruError(
            "input",
            "reseal needs PINGORU_SECRET_KEY: the key to seal the secrets with",
          );
        await withRuntime(settings, async (runtime) => {
          const all = await runtime.store.listChannels(); // opened with the current or a previous key
          for (const channel of all) await runtime.store.upsertChannel(channel);
          process.stderr.write(`resealed ${count(all.length, "channel")}\n`);
        });
      }),
  );
  return channels;
}

/**
 * The stored channels, with the config file's own in place of stored ones of the same id: a channel
 * just written into the config can be tried before `serve` has synced it.
 */
async function knownChannels(runtime: Runtime): Promise<ChannelConfig[]> {
  const byId = new Map((await runtime.store.listChannels()).map((c) => [c.id, c]));
  for (const c of runtime.settings.channels)
    byId.set(c.id, { ...c, disabledReason: byId.get(c.id)?.disabledReason ?? null });
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
