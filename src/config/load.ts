// Settings = flags, else environment, else config file, else defaults; strict, then frozen. Here the
// config file is read and checked against its schema; settings.ts merges it with the rest.
import { redactUrl } from "../lib/safe-url.ts";
import { readFileSync } from "node:fs";
import { lazyRequire } from "../lib/lazy-require.ts";
import type * as Yaml from "yaml";
import type { z } from "zod";
import { PingoruError, describeError } from "../lib/errors.ts";
import { redactChannelSettings } from "../notify/channel-settings.ts";
import type { ChannelConfig } from "../domain/notification.ts";
import { configFileSchema, type ChannelConfigEntry, type ConfigFile, type Settings } from "./schema.ts";
import {
  configFileOf,
  resolveSettings,
  type Env,
  type FileSettings,
  type SettingsFlags,
} from "./settings.ts";
import { toSubscriptions } from "./subscription-schema.ts";

const yaml = lazyRequire<typeof Yaml>("yaml");

export { expandEvents, toSubscriptions } from "./subscription-schema.ts";

export function loadSettings(flags: SettingsFlags, env: Env): Settings {
  const configFile = configFileOf(flags, env);
  return resolveSettings(
    flags,
    env,
    configFile === null ? null : fileSettings(readConfigFile(configFile, env)),
  );
}

/** The checked file's channels and subscriptions in the settings' form. */
function fileSettings(file: ConfigFile): FileSettings {
  return {
    ...file,
    channels: file.channels.map(toChannelConfig),
    subscriptions: toSubscriptions(file.subscriptions),
  };
}

export function readConfigFile(path: string, env: Env): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new PingoruError("input", `cannot read config file ${path}: ${describeError(error)}`, {
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = yaml().parse(text);
  } catch (error) {
    // The parser's message ends in ":" before a code frame; the first line says it all.
    const reason = describeError(error).split("\n", 1)[0]!.replace(/:\s*$/, "");
    throw new PingoruError("input", `config file ${path} is not valid YAML: ${reason}`, {
      cause: error,
    });
  }
  const result = configFileSchema.safeParse(expandEnv(raw ?? {}, env, path));
  if (!result.success) throw new PingoruError("input", `config file ${path}: ${formatIssue(result.error)}`);
  return result.data;
}

/** Replaces ${NAME} in every string value; a missing variable is an error, not an empty string. */
function expandEnv(value: unknown, env: Env, path: string): unknown {
  if (typeof value === "string")
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined)
        throw new PingoruError("input", `config file ${path}: environment variable ${name} is not set`);
      return found;
    });
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env, path));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandEnv(item, env, path)]));
  return value;
}

export function formatIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid";
  const where = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => (where ? `${where}.${key}` : key));
    return `unknown key ${keys.join(", ")}`;
  }
  return `${where || "(root)"}: ${issue.message}`;
}

export function toChannelConfig(entry: ChannelConfigEntry): ChannelConfig {
  const { id, type, ...config } = entry;
  return { id, type, config, disabledReason: null };
}

/** The settings as they may be printed or logged: every secret shown as <secret>. */
export function redactSettings(settings: Settings): Record<string, unknown> {
  return {
    ...settings,
    databaseUrl: redactUrl(settings.databaseUrl),
    adminToken: settings.adminToken === null ? null : "<secret>",
    readToken: settings.readToken === null ? null : "<secret>",
    secretKey: settings.secretKey === null ? null : "<secret>",
    previousSecretKeys: settings.previousSecretKeys.map(() => "<secret>"),
    channels: settings.channels.map((c) => ({ ...c, config: redactChannelSettings(c.type, c.config) })),
  };
}

/** Hides a database URL's password for printing. */
