import { Command, Option } from "commander";
import { MIN_IMPACTS } from "../config/subscription-schema.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Subscription } from "../domain/notification.ts";
import { parseSubscriptionInput } from "../admin/subscription-input.ts";
import { parseList, settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

interface AddOptions extends StoreOptions {
  id?: string;
  channel: string;
  vendors?: string[];
  components?: Record<string, string[]>;
  minImpact?: string;
  events?: string[];
  remindBefore?: number;
  notifyDuringMaintenance?: boolean;
}

export function subscriptionsCommand(): Command {
  const subscriptions = new Command("subscriptions");
  subscriptions.addCommand(
    withStoreOptions(new Command("list"))
      .description("list subscriptions")
      .option("--json", "print JSON")
      .action(async (options: StoreOptions & { json?: boolean }) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const list = await runtime.store.listSubscriptions();
          if (options.json) return void process.stdout.write(JSON.stringify(list, null, 2) + "\n");
          for (const s of list) process.stdout.write(describe(s) + "\n");
        });
      }),
  );
  subscriptions.addCommand(
    withStoreOptions(new Command("add"))
      .description("send a channel the events it wants; prints the subscription id")
      .requiredOption("--channel <id>", "the channel to notify")
      .option("--id <id>", "subscription id (default: derived from what it selects)")
      .option("--vendors <slugs>", "only these vendors (comma-separated; default all)", parseList)
      .option(
        "--components <slug:Name,…>",
        "only these components of a vendor, e.g. github:Actions",
        parseComponents,
      )
      .addOption(
        new Option("--min-impact <impact>", "ignore incidents below this impact").choices(MIN_IMPACTS),
      )
      .option(
        "--events <types>",
        "event types (default incident.opened,incident.updated,incident.resolved)",
        parseList,
      )
      .option(
        "--remind-before <minutes>",
        "send a maintenance.reminder this many minutes before each maintenance starts",
        parseMinutes,
      )
      .option(
        "--notify-during-maintenance",
        "also send component changes a maintenance going on names (default: suppressed as expected)",
      )
      .action(async (options: AddOptions) => {
        const subscription = parseSubscriptionInput({
          id: options.id,
          channel: options.channel,
          vendors: options.vendors,
          components: options.components,
          min_impact: options.minImpact,
          events: options.events,
          remind_before_minutes: options.remindBefore,
          notify_during_maintenance: options.notifyDuringMaintenance,
        });
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const stored = await runtime.store.listChannels();
          if (!stored.some((c) => c.id === subscription.channel)) {
            // A channel declared in the config file but not yet synced by `serve` is written now.
            const declared = runtime.settings.channels.find((c) => c.id === subscription.channel);
            if (declared === undefined)
              throw new PingoruError(
                "input",
                `no channel "${subscription.channel}" (see pingoru channels list)`,
              );
            await runtime.store.upsertChannel(declared);
          }
          await runtime.store.upsertSubscription(subscription);
          process.stderr.write(`subscribed: ${describe(subscription)}\n`);
          process.stdout.write(`${subscription.id}\n`);
        });
      }),
  );
  subscriptions.addCommand(
    withStoreOptions(new Command("remove"))
      .description("remove a subscription (its delivery log stays)")
      .argument("<id>")
      .action(async (id: string, options: StoreOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          if (!(await runtime.store.removeSubscription(id)))
            throw new PingoruError("not_found", `no subscription "${id}"`);
          process.stderr.write(`removed ${id}\n`);
        });
      }),
  );
  return subscriptions;
}

/** "github:Actions,github:API Requests,clerk:Auth" → {github: [Actions, API Requests], clerk: [Auth]}. */
export function parseComponents(text: string): Record<string, string[]> {
  const components: Record<string, string[]> = {};
  for (const item of parseList(text)) {
    const colon = item.indexOf(":");
    const slug = item.slice(0, colon).trim();
    const name = item.slice(colon + 1).trim();
    if (colon < 1 || name === "")
      throw new PingoruError(
        "input",
        `invalid component ${JSON.stringify(item)}: expected vendor-slug:Component name`,
      );
    (components[slug] ??= []).push(name);
  }
  return components;
}

function describe(s: Subscription): string {
  const components = s.components
    ? Object.entries(s.components)
        .flatMap(([slug, names]) => names.map((name) => `${slug}:${name}`))
        .join(",")
    : "all";
  return [
    s.id,
    `channel=${s.channel}`,
    `vendors=${s.vendors?.join(",") ?? "all"}`,
    `components=${components}`,
    `min_impact=${s.minImpact ?? "any"}`,
    `events=${s.events.join(",")}`,
    ...(s.remindBeforeMinutes ? [`remind_before_minutes=${s.remindBeforeMinutes}`] : []),
    ...(s.notifyDuringMaintenance ? ["notify_during_maintenance=true"] : []),
  ].join("\t");
}

/** "60" → 60; the schema checks the range (1 minute to a week). */
function parseMinutes(text: string): number {
  if (!/^\d+$/.test(text.trim()))
    throw new PingoruError(
      "input",
      `invalid --remind-before ${JSON.stringify(text)}: expected whole minutes`,
    );
  return Number(text.trim());
}
