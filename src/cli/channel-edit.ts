// `pingoru channels add <type> --id ID …` and `pingoru channels remove <id>`. Each type is its own
// subcommand whose flags come from the type's settings schema (channelFields): --url, --secret, --to,
// --smtp-host, --routing-key, … so `channels add <type> --help` lists exactly what that type takes.
// A channel the config file defines is the file's: serve writes it back on start and on SIGHUP, so it
// is neither replaced nor removed here.
import { Command, Option } from "commander";
import { PingoruError } from "../lib/errors.ts";
import type { Runtime } from "../main.ts";
import type { AnyChannelDefinition } from "../notify/channel-definition.ts";
import { parseChannelBody } from "../admin/channel-input.ts";
import {
  channelFields,
  settingsFromFields,
  unknownChannelType,
  type ChannelField,
  type TypedValue,
} from "../notify/channel-settings.ts";
import { CHANNEL_TYPES, CHANNELS } from "../notify/registry.ts";
import { count, settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

const KNOWN_TYPES = `one of ${CHANNEL_TYPES.join(", ")}`;

export function addChannelCommand(): Command {
  const add = new Command("add")
    .description(`add a notification channel: channels add <type> --id ID … (type: ${KNOWN_TYPES})`)
    .argument("[type]", KNOWN_TYPES)
    // A type that is no subcommand comes here, flags and all, to be told the known ones.
    .allowUnknownOption()
    .allowExcessArguments()
    .action((type: string | undefined) => {
      if (type === undefined || type.startsWith("-"))
        throw new PingoruError("input", `channels add: which type? (${KNOWN_TYPES})`);
      throw unknownChannelType(type);
    });
  for (const definition of CHANNELS) add.addCommand(addTypeCommand(definition));
  return add;
}

function addTypeCommand(definition: AnyChannelDefinition): Command {
  const { type } = definition;
  const flags = new Map(channelFields(definition).map((field) => [field, fieldOption(field)]));
  const command = withStoreOptions(new Command(type))
    .description(`add a channel of type ${type}; prints its id`)
    .requiredOption("--id <id>", "the channel's id (letters, digits, . _ -)")
    .option("--replace", "replace the channel of that id if there is one (and re-enable it)");
  for (const option of flags.values()) command.addOption(option);
  return command.action(async (options: StoreOptions & { id: string; replace?: boolean }) => {
    const given = options as unknown as Record<string, TypedValue>;
    const settings = settingsFromFields([...flags.keys()], (f) => given[flags.get(f)!.attributeName()]);
    // Checked as the admin API and pages check it: the id, then the settings for the type.
    const channel = parseChannelBody(options.id, { ...settings, type }, null);
    await withRuntime(await settingsFrom(options), async (runtime) => {
      refuseConfigDefined(runtime, channel.id, "change it there");
      const existing = (await runtime.store.listChannels()).find((c) => c.id === channel.id);
      if (existing !== undefined && !options.replace)
        throw new PingoruError("conflict", `channel "${channel.id}" already exists (--replace replaces it)`);
      await runtime.store.upsertChannel(channel);
      if (existing?.disabledReason) await runtime.store.setChannelDisabled(channel.id, null);
      process.stderr.write(`${existing ? "replaced" : "added"} channel ${channel.id} (${type})\n`);
      process.stdout.write(`${channel.id}\n`);
    });
  });
}

/** "smtp.host" → --smtp-host <value>; a list repeats or takes commas; a switch takes nothing. */
function fieldOption(field: ChannelField): Option {
  const flag = `--${field.path.join("-").replace(/_/g, "-")}`;
  const hints = [
    field.required ? "required" : "optional",
    field.secret ? "secret" : null,
    field.kind === "list" ? "comma-separated or repeated" : null,
    field.defaultValue === undefined ? null : `default ${field.defaultValue}`,
  ].filter((hint) => hint !== null);
  const placeholder = { text: " <value>", number: " <number>", list: " <values>", boolean: "" }[field.kind];
  const option = new Option(`${flag}${placeholder}`, hints.join("; "));
  if (field.kind === "list")
    option.argParser((value: string, previous: string[] = []) => [...previous, value]);
  if (field.required) option.makeOptionMandatory();
  return option;
}

export function removeChannelCommand(): Command {
  return withStoreOptions(new Command("remove"))
    .description("remove a channel and its subscriptions (their delivery log stays)")
    .argument("<id>", "the channel id")
    .action(async (id: string, options: StoreOptions) => {
      await withRuntime(await settingsFrom(options), async (runtime) => {
        refuseConfigDefined(runtime, id, "delete it there first (serve would write it back)");
        const subscriptions = (await runtime.store.listSubscriptions()).filter((s) => s.channel === id);
        if (!(await runtime.store.removeChannel(id)))
          throw new PingoruError("not_found", `no channel "${id}" (see pingoru channels list)`);
        process.stderr.write(`removed channel ${id} and ${count(subscriptions.length, "subscription")}\n`);
      });
    });
}

function refuseConfigDefined(runtime: Runtime, id: string, hint: string): void {
  if (runtime.settings.channels.some((c) => c.id === id))
    throw new PingoruError(
      "input",
      `channel "${id}" is defined in the config file ${runtime.settings.configFile ?? ""}: ${hint}`,
    );
}
