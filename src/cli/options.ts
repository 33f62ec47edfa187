import { Option, type Command } from "commander";
import type { Settings } from "../config/schema.ts";
import { configFileOf, resolveSettings } from "../config/settings.ts";
import { PingoruError } from "../lib/errors.ts";
import { createLogger, openRuntime, type Runtime } from "../main.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";
import { MAX_INTERVAL_SECONDS } from "../domain/vendor.ts";

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

/**
 * The settings from the flags, the environment and the config file. The file's schema (and what it
 * checks against: channels, platforms, the catalog) is loaded only when there is a file to check.
 */
export async function settingsFrom(
  options: StoreOptions & { port?: string; host?: string },
): Promise<Settings> {
  if (configFileOf(options, process.env) === null) return resolveSettings(options, process.env, null);
  return (await import("../config/load.ts")).loadSettings(options, process.env);
}

/** Opens the runtime for a one-shot command; logs only warnings so stdout stays for results. */
export async function withRuntime<T>(settings: Settings, run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(settings, () =>
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

export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
