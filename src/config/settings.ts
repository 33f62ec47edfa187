// Settings = flags, else environment, else config file, else defaults; strict, then frozen. The config
// file, when there is one, is read and checked against its schema by load.ts; this merges what it gave
// with the rest, so settings without a config file load no schema library (a short command's start).
import type { ChannelConfig, Subscription } from "../domain/notification.ts";
import { MAX_SLA_CLAIM_REMIND_DAYS } from "../domain/sla-events.ts";
import { PingoruError } from "../lib/errors.ts";
import { DEFAULTS, MAX_RETENTION_DAYS } from "./defaults.ts";
import type { ConfigFile, Settings } from "./schema.ts";

export interface SettingsFlags {
  db?: string | undefined;
  port?: string | number | undefined;
  host?: string | undefined;
  config?: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A config file as checked (load.ts), its channels and subscriptions in the settings' form. */
export type FileSettings = Omit<ConfigFile, "channels" | "subscriptions"> & {
  channels: readonly ChannelConfig[];
  subscriptions: readonly Subscription[];
};

/** The config file named by --config or PINGORU_CONFIG, or null. */
export function configFileOf(flags: SettingsFlags, env: Env): string | null {
  return flags.config ?? env.PINGORU_CONFIG ?? null;
}

/** The settings from the flags, the environment and the config file's (null: none), then defaults. */
export function resolveSettings(flags: SettingsFlags, env: Env, file: FileSettings | null): Settings {
  const configFile = configFileOf(flags, env);
  const given: FileSettings = file ?? { vendors: [], channels: [], subscriptions: [] };
  const settings: Settings = {
    databaseUrl: flags.db ?? env.PINGORU_DATABASE_URL ?? given.database_url ?? DEFAULTS.databaseUrl,
    port: toPort(flags.port ?? env.PINGORU_PORT ?? given.port ?? DEFAULTS.port),
    host: flags.host ?? env.PINGORU_HOST ?? given.host ?? DEFAULTS.host,
    pollIntervalSeconds: toInterval(
      env.PINGORU_POLL_INTERVAL ?? given.poll_interval ?? DEFAULTS.pollIntervalSeconds,
    ),
    allowPrivateTargets: toFlag(env.PINGORU_ALLOW_PRIVATE_TARGETS) ?? given.allow_private_targets ?? false,
    configFile,
    vendors: given.vendors,
    channels: given.channels,
    subscriptions: given.subscriptions,
    adminToken: env.PINGORU_ADMIN_TOKEN || null,
    readToken: env.PINGORU_READ_TOKEN || null,
    secretKey: env.PINGORU_SECRET_KEY || null,
    previousSecretKeys: (env.PINGORU_SECRET_KEY_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    publicUrl: toPublicUrl(env.PINGORU_PUBLIC_URL || given.public_url || null),
    retentionDays: toRetentionDays(
      env.PINGORU_RETENTION_DAYS || (given.retention_days ?? DEFAULTS.retentionDays),
    ),
    slaClaimRemindDays: toRemindDays(
      env.PINGORU_SLA_CLAIM_REMIND_DAYS || (given.sla_claim_remind_days ?? DEFAULTS.slaClaimRemindDays),
    ),
  };
  return deepFreeze(settings);
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
