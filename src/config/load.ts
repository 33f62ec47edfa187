// Settings = flags, else environment, else config file, else defaults; strict, then frozen.
import { redactUrl } from "../lib/safe-url.ts";
import { readFileSync } from "node:fs";
import { lazyRequire } from "../lib/lazy-require.ts";
import type * as Yaml from "yaml";
import type { z } from "zod";
import { PingoruError, describeError } from "../lib/errors.ts";
import { redactChannelSettings } from "../notify/channel-settings.ts";
import type { ChannelConfig } from "../domain/notification.ts";
import {
  configFileSchema,
  DEFAULTS,
  MAX_RETENTION_DAYS,
  MAX_SLA_CLAIM_REMIND_DAYS,
  type ChannelConfigEntry,
  type ConfigFile,
  type Settings,
} from "./schema.ts";
import { toSubscriptions } from "./subscription-schema.ts";

const yaml = lazyRequire<typeof Yaml>("yaml");

export { expandEvents, toSubscriptions } from "./subscription-schema.ts";

export interface SettingsFlags {
  db?: string | undefined;
  port?: string | number | undefined;
  host?: string | undefined;
  config?: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function loadSettings(flags: SettingsFlags, env: Env): Settings {
  const configFile = flags.config ?? env.PINGORU_CONFIG ?? null;
  const file = configFile === null ? configFileSchema.parse({}) : readConfigFile(configFile, env);
  const settings: Settings = {
    databaseUrl: flags.db ?? env.PINGORU_DATABASE_URL ?? file.database_url ?? DEFAULTS.databaseUrl,
    port: toPort(flags.port ?? env.PINGORU_PORT ?? file.port ?? DEFAULTS.port),
    host: flags.host ?? env.PINGORU_HOST ?? file.host ?? DEFAULTS.host,
    pollIntervalSeconds: toInterval(
      env.PINGORU_POLL_INTERVAL ?? file.poll_interval ?? DEFAULTS.pollIntervalSeconds,
    ),
    allowPrivateTargets: toFlag(env.PINGORU_ALLOW_PRIVATE_TARGETS) ?? file.allow_private_targets ?? false,
    configFile,
    vendors: file.vendors,
    channels: file.channels.map(toChannelConfig),
    subscriptions: toSubscriptions(file.subscriptions),
    adminToken: env.PINGORU_ADMIN_TOKEN || null,
    readToken: env.PINGORU_READ_TOKEN || null,
    secretKey: env.PINGORU_SECRET_KEY || null,
    previousSecretKeys: (env.PINGORU_SECRET_KEY_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    publicUrl: toPublicUrl(env.PINGORU_PUBLIC_URL || file.public_url || null),
    retentionDays: toRetentionDays(
      env.PINGORU_RETENTION_DAYS || (file.retention_days ?? DEFAULTS.retentionDays),
    ),
    slaClaimRemindDays: toRemindDays(
      env.PINGORU_SLA_CLAIM_REMIND_DAYS || (file.sla_claim_remind_days ?? DEFAULTS.slaClaimRemindDays),
    ),
  };
  return deepFreeze(settings);
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

function toPublicUrl(value: string | null): string | null {
  if (value === null) return null;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new PingoruError("input", `invalid public URL: ${value} (an http(s) URL)`);
  return value.replace(/\/+$/, "");
}

function toPort(value: string | number): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new PingoruError("input", `invalid port: ${value}`);
  return port;
}

function toInterval(value: string | number): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1)
    throw new PingoruError("input", `invalid poll interval: ${value} (seconds, at least 1)`);
  return seconds;
}

function toRemindDays(value: string | number): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > MAX_SLA_CLAIM_REMIND_DAYS)
    throw new PingoruError(
      "input",
      `invalid SLA claim reminder: ${value} (whole days from 1 to ${MAX_SLA_CLAIM_REMIND_DAYS})`,
    );
  return days;
}

/** Whole days; 0 or "forever" (null) keeps everything. */
function toRetentionDays(value: string | number): number | null {
  const text = String(value).trim();
  if (/^forever$/i.test(text)) return null;
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(days) || days > MAX_RETENTION_DAYS)
    throw new PingoruError(
      "input",
      `invalid retention: ${value} (whole days from 0 to ${MAX_RETENTION_DAYS}, or "forever"; 0 and "forever" keep everything)`,
    );
  return days === 0 ? null : days;
}

function toFlag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new PingoruError("input", `invalid boolean: ${value}`);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
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
