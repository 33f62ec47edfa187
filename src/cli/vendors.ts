import { Command } from "commander";
import { PingoruError } from "../lib/errors.ts";
import { serializeVendor } from "../domain/api-json.ts";
import { hintUrl } from "../domain/vendor.ts";
import { loadAllVendorStatuses } from "../http/vendor-status.ts";
import { HTML_OPTION_HELP, pagePlatform, parseHtmlOptions } from "./html-option.ts";
import {
  count,
  parseList,
  parseSeconds,
  platformOption,
  settingsFrom,
  withRuntime,
  withStoreOptions,
  type StoreOptions,
} from "./options.ts";
import type { HtmlOptions } from "../platforms/html-options.ts";
import type { Store } from "../store/store.ts";

interface AddOptions extends StoreOptions {
  name?: string;
  slug?: string;
  platform?: string;
  interval?: number;
  feed?: string;
  components?: string[];
  html?: HtmlOptions;
}

export function vendorsCommand(): Command {
  const vendors = new Command("vendors");
  vendors.addCommand(
    withStoreOptions(new Command("add"))
      .description("watch a status page: detects the platform, loads its history, prints the slug")
      .argument(
        "<url>",
        "the status page URL, or a catalog service's slug or name (see `pingoru catalog search`)",
      )
      .option("--name <name>", "display name (default: the page's own)")
      .option("--slug <slug>", "short id (default: derived from the host)")
      .addOption(platformOption())
      .option("--interval <seconds>", "poll interval in seconds", parseSeconds)
      .option("--feed <url>", "the page's RSS/Atom feed (default: discovered)")
      .option("--components <names>", "watch only these components (comma-separated)", parseList)
      .option("--html <selectors>", HTML_OPTION_HELP, parseHtmlOptions)
      .action(async (url: string, options: AddOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const { addVendor } = await import("../poller/add-vendor.ts");
          const added = await addVendor(
            {
              url,
              name: options.name,
              slug: options.slug,
              ...pagePlatform(options),
              intervalSeconds: options.interval,
              feedUrl: options.feed,
              components: options.components,
            },
            await runtime.pollDeps(),
          );
          const { vendor, detection, baseline } = added;
          if (detection)
            process.stderr.write(
              `detected ${detection.kind} (${Math.round(detection.confidence * 100)}% sure): ${detection.evidence}\n`,
            );
          if (!baseline.ok)
            process.stderr.write(`warning: first poll failed, will retry: ${baseline.error}\n`);
          else
            process.stderr.write(`added ${vendor.name}: ${await historySize(runtime.store, vendor.slug)}\n`);
          process.stdout.write(`${vendor.slug}\n`);
        });
      }),
  );
  vendors.addCommand(
    withStoreOptions(new Command("list"))
      .description("list watched vendors")
      .option("--json", "print JSON")
      .action(async (options: StoreOptions & { json?: boolean }) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const list = await runtime.store.listVendors();
          if (options.json) {
            // The API's shape (GET /api/v1/vendors), and whether the vendor is paused.
            const statuses = await loadAllVendorStatuses(runtime.store);
            const json = statuses.map(({ vendor, status }) => ({
              ...serializeVendor(vendor, status),
              paused: vendor.paused,
            }));
            return void process.stdout.write(JSON.stringify(json, null, 2) + "\n");
          }
          for (const v of list)
            process.stdout.write(
              `${v.slug}\t${v.platform}\t${v.paused ? "paused" : v.stale ? "stale" : v.notificationsHeld ? "held" : "ok"}\t${v.openIncidents} open\t${v.url}\t${v.lastHintAt ? "push" : "polled"}\n`,
            );
        });
      }),
  );
  vendors.addCommand(
    withStoreOptions(new Command("remove"))
      .description("stop watching a vendor and delete its record")
      .argument("<slug>")
      .action(async (slug: string, options: StoreOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          if (!(await runtime.store.removeVendor(slug)))
            throw new PingoruError("not_found", `no vendor with slug "${slug}"`);
          process.stderr.write(`removed ${slug}\n`);
        });
      }),
  );
  for (const [verb, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const)
    vendors.addCommand(
      withStoreOptions(new Command(verb))
        .description(paused ? "stop polling a vendor, keeping its record" : "poll a paused vendor again")
        .argument("<slug>")
        .action(async (slug: string, options: StoreOptions) => {
          await withRuntime(await settingsFrom(options), async (runtime) => {
            if (!(await runtime.store.setVendorPaused(slug, paused)))
              throw new PingoruError("not_found", `no vendor with slug "${slug}"`);
            process.stderr.write(`${paused ? "paused" : "resumed"} ${slug}\n`);
          });
        }),
    );
  vendors.addCommand(
    withStoreOptions(new Command("reset-breaker"))
      .description("notify about a vendor again after its circuit breaker held its notifications")
      .argument("<slug>")
      .action(async (slug: string, options: StoreOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const vendor = await runtime.store.getVendor(slug);
          if (!vendor) throw new PingoruError("not_found", `no vendor with slug "${slug}"`);
          await runtime.store.resetBreaker(slug, new Date().toISOString());
          const was = vendor.notificationsHeld === null ? " (it was not holding)" : "";
          process.stderr.write(
            `reset the circuit breaker of ${slug}${was}: its changes are notified again\n`,
          );
        });
      }),
  );
  vendors.addCommand(
    withStoreOptions(new Command("hint-url"))
      .description("print the vendor's push-hint URL, for its status page's webhook subscription")
      .argument("<slug>")
      .action(async (slug: string, options: StoreOptions) => {
        const settings = await settingsFrom(options);
        await withRuntime(settings, async (runtime) => {
          const token = await runtime.store.hintToken(slug);
          if (token === null) throw new PingoruError("not_found", `no vendor with slug "${slug}"`);
          const base = settings.publicUrl ?? `http://${settings.host}:${settings.port}`;
          process.stdout.write(`${hintUrl(base, slug, token)}\n`);
          if (settings.publicUrl === null)
            process.stderr.write(
              "the URL uses the listen address: set PINGORU_PUBLIC_URL to the address the vendor's page can reach\n",
            );
        });
      }),
  );
  return vendors;
}

async function historySize(store: Store, slug: string): Promise<string> {
  const page = await store.listIncidents(slug, { limit: 500 });
  const n = page.items.length;
  return page.next ? `${n}+ incidents in its history` : `${count(n, "incident")} in its history`;
}
