import { Command } from "commander";
import { PingoruError } from "../lib/errors.ts";
import { settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

export function pollCommand(): Command {
  return withStoreOptions(new Command("poll"))
    .argument("[slugs...]", "vendors to poll")
    .action(async (slugs: string[], options: StoreOptions) => {
      await withRuntime(await settingsFrom(options), async (runtime) => {
        const all = await runtime.store.listVendors();
        const unknown = slugs.filter((slug) => !all.some((v) => v.slug === slug));
        if (unknown.length > 0)
          throw new PingoruError("not_found", `no vendor with slug "${unknown.join('", "')}"`);
        // Paused vendors are polled only when named.
        const chosen =
          slugs.length > 0 ? all.filter((v) => slugs.includes(v.slug)) : all.filter((v) => !v.paused);
        const [deps, { pollVendor }] = await Promise.all([
          runtime.pollDeps(),
          import("../poller/poll-vendor.ts"),
        ]);
        let failed = 0;
        for (const vendor of chosen) {
          const outcome = await pollVendor(vendor, deps);
          if (!outcome.ok) failed++;
          const what = outcome.ok ? `ok, ${outcome.events.length} events` : `failed: ${outcome.error}`;
          process.stdout.write(`${vendor.slug}: ${what}\n`);
        }
        if (failed > 0) throw new PingoruError("network", `${failed} of ${chosen.length} polls failed`);
      });
    });
}
