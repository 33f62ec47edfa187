import { Command } from "commander";
import { checkClaimDays, checkPercent, formatCredits, parseCredits } from "../domain/sla.ts";
import { PingoruError } from "../lib/errors.ts";
import { settingsFrom, withRuntime, withStoreOptions, type StoreOptions } from "./options.ts";

interface SetOptions extends StoreOptions {
  component?: string;
  target: number;
  credits?: string;
  claimDays?: number;
}

const parseTarget = (text: string) => checkPercent("--target", Number(text));
const parseDays = (text: string) => checkClaimDays("--claim-days", text);

export function slaCommand(): Command {
  const sla = new Command("sla");
  sla.addCommand(
    withStoreOptions(new Command("set"))
      .description("set a vendor's (or one component's) monthly SLA target, with its credits")
      .argument("<slug>")
      .option(
        "--component <name>",
        "a component's name (default: the whole vendor, down when any component is)",
      )
      .requiredOption("--target <percent>", "the monthly uptime target, e.g. 99.9", parseTarget)
      .option("--credits <bands>", 'uptime below:credit %, e.g. "99.0:10,95.0:25"')
      .option("--claim-days <days>", "days after the month's end to claim a credit", parseDays)
      .action(async (slug: string, options: SetOptions) => {
        const credits = parseCredits(options.credits ?? "");
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const target = {
            vendor: slug,
            component: options.component ?? null,
            targetPercent: options.target,
            credits,
            claimDays: options.claimDays ?? null,
          };
          if (!(await runtime.store.setSla(target)))
            throw new PingoruError("not_found", `no vendor with slug "${slug}"`);
          process.stderr.write(`SLA set for ${slug}${options.component ? ` / ${options.component}` : ""}\n`);
        });
      }),
  );
  sla.addCommand(
    withStoreOptions(new Command("list"))
      .description("list the SLA targets")
      .action(async (options: StoreOptions) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          const rows = (await runtime.store.listSlas()).map((t) =>
            [
              t.vendor,
              t.component ?? "(whole vendor)",
              `${t.targetPercent}%`,
              formatCredits(t.credits) || "-",
              t.claimDays === null ? "-" : `${t.claimDays}d`,
            ].join("\t"),
          );
          process.stdout.write(rows.length === 0 ? "no SLA targets\n" : `${rows.join("\n")}\n`);
        });
      }),
  );
  sla.addCommand(
    withStoreOptions(new Command("remove"))
      .description("remove a vendor's (or one component's) SLA target")
      .argument("<slug>")
      .option("--component <name>", "a component's name (default: the whole vendor's target)")
      .action(async (slug: string, options: StoreOptions & { component?: string }) => {
        await withRuntime(await settingsFrom(options), async (runtime) => {
          if (!(await runtime.store.removeSla(slug, options.component ?? null)))
            throw new PingoruError(
              "not_found",
              `no SLA for ${slug}${options.component ? ` / ${JSON.stringify(options.component)}` : ""}`,
            );
          process.stderr.write(
            `SLA removed for ${slug}${options.component ? ` / ${options.component}` : ""}\n`,
          );
        });
      }),
  );
  return sla;
}
