import { Option, type Command } from "commander";
import { readFileSync } from "node:fs";
import { lazyRequire } from "../lib/lazy-require.ts";
import type * as Yaml from "yaml";
import { formatIssue, loadSettings } from "../config/load.ts";
import type { Settings } from "../config/schema.ts";
import { describeError, PingoruError } from "../lib/errors.ts";
import { htmlOptionsSchema, htmlPagePlatform, type HtmlOptions } from "../platforms/html-options.ts";
import { createLogger, openRuntime, type Runtime } from "../main.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";
import { MAX_INTERVAL_SECONDS } from "../domain/vendor.ts";

const yaml = lazyRequire<typeof Yaml>("yaml");

export interface StoreOptions {
  db?: string;
  config?: string;
}

/** --db and --config, for every command that uses the store. */
export function withStoreOptions(command: Command): Command {
  return command
    .option("--db <url>", "database: postgres://… or a SQLite file path (env PINGORU_DATABASE_URL)")
    .option("--config <file>", "YAML config file (env PINGORU_CONFIG)");
}

export function platformOption(): Option {
  return new Option("--platform <kind>", "status page platform (detected when omitted)").choices(
    PLATFORM_KINDS,
  );
}

export function settingsFrom(options: StoreOptions & { port?: string; host?: string }): Settings {
  return loadSettings(options, process.env);
}

/** Opens the runtime for a one-shot command; logs only warnings so stdout stays for results. */
export async function withRuntime<T>(settings: Settings, run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(
    settings,
    createLogger(process.env.PINGORU_LOG_LEVEL ?? "warn", "stream"),
  );
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}

/** "1 incident", "2 incidents": a count with its noun (regular plurals only). */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_INTERVAL_SECONDS)
    throw new PingoruError("input", `invalid interval: ${text} (seconds, from 1 to ${MAX_INTERVAL_SECONDS})`);
  return seconds;
}

export const HTML_OPTION_HELP =
  "an html page's selectors as JSON or a YAML/JSON file: {component, name, status, status_attribute, statuses} (implies --platform html)";

/** --html: the selectors inline (JSON) or a file holding them; validated as the config file's html: key. */
export function parseHtmlOptions(text: string): HtmlOptions {
  let value: unknown;
  try {
    value = yaml().parse(text.trimStart().startsWith("{") ? text : readFileSync(text, "utf8"));
  } catch (error) {
    throw new PingoruError(
      "input",
      `--html: neither JSON nor a readable YAML/JSON file: ${describeError(error)}`,
    );
  }
  const result = htmlOptionsSchema.safeParse(value);
  if (!result.success) throw new PingoruError("input", `--html: ${formatIssue(result.error)}`);
  return result.data;
}

/** The platform and its options from --platform and --html: --html means html, and no other platform. */
export function pagePlatform(options: { platform?: string | undefined; html?: HtmlOptions | undefined }) {
  return htmlPagePlatform(options, "--html selectors");
}

export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
