import { Option, type Command } from "commander";
import { loadSettings } from "../config/load.ts";
import type { Settings } from "../config/schema.ts";
import { PLATFORM_KINDS } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";
import { createLogger, openRuntime, type Runtime } from "../main.ts";

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
  const runtime = await openRuntime(settings, createLogger(process.env.PINGORU_LOG_LEVEL ?? "warn"));
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}

export function parseSeconds(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 1)
    throw new PingoruError("input", `invalid interval: ${text} (seconds, at least 1)`);
  return seconds;
}

export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
