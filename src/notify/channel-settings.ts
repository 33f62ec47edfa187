// Each channel type's own settings (the part of a `channels:` entry besides id and type), validated
// strictly. Shared by the config file schema and the channel factory, so both accept the same thing.
import { z } from "zod";
import { PingoruError } from "../lib/errors.ts";
import { CHANNEL_TYPES, type ChannelType } from "./model.ts";

export const CHANNEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    "must be an http(s) URL",
  );

/** Standard Webhooks secrets: "whsec_" then base64 key bytes. */
const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be "whsec_" followed by base64 (at least 12 bytes)');

const email = z.email("must be an email address");

export const webhookSettingsSchema = z.strictObject({ url: httpUrl, secret: webhookSecret.optional() });
export const slackSettingsSchema = z.strictObject({ url: httpUrl });
export const discordSettingsSchema = z.strictObject({ url: httpUrl });
export const teamsSettingsSchema = z.strictObject({ url: httpUrl });
export const emailSettingsSchema = z.strictObject({
  to: z.array(email).min(1, "at least one address"),
  from: email,
  smtp: z.strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().optional(),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
  }),
});
export const pagerdutySettingsSchema = z.strictObject({
  routing_key: z.string().min(1),
  /** Overridable so tests can point it at a loopback receiver. */
  url: httpUrl.default("https://events.pagerduty.com/v2/enqueue"),
});
export const opsgenieSettingsSchema = z.strictObject({
  api_key: z.string().min(1),
  url: httpUrl.default("https://api.opsgenie.com/v2/alerts"),
});

export const channelSettingsSchemas = {
  webhook: webhookSettingsSchema,
  slack: slackSettingsSchema,
  discord: discordSettingsSchema,
  teams: teamsSettingsSchema,
  email: emailSettingsSchema,
  pagerduty: pagerdutySettingsSchema,
  opsgenie: opsgenieSettingsSchema,
} as const satisfies Record<ChannelType, z.ZodType>;

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type SlackSettings = z.infer<typeof slackSettingsSchema>;
export type DiscordSettings = z.infer<typeof discordSettingsSchema>;
export type TeamsSettings = z.infer<typeof teamsSettingsSchema>;
export type EmailSettings = z.infer<typeof emailSettingsSchema>;
export type PagerdutySettings = z.infer<typeof pagerdutySettingsSchema>;
export type OpsgenieSettings = z.infer<typeof opsgenieSettingsSchema>;
export type ChannelSettings<T extends ChannelType> = z.infer<(typeof channelSettingsSchemas)[T]>;

/**
 * Setting paths that hold a secret, per type. Chat webhook URLs are secrets: the URL is the credential.
 * A webhook's own URL is not (it is the user's endpoint), its signing secret is.
 */
export const SECRET_SETTING_PATHS: Readonly<Record<ChannelType, readonly (readonly string[])[]>> = {
  webhook: [["secret"]],
  slack: [["url"]],
  discord: [["url"]],
  teams: [["url"]],
  email: [["smtp", "password"]],
  pagerduty: [["routing_key"]],
  opsgenie: [["api_key"]],
};

/**
 * Validates a channel's settings for its type. Throws PingoruError "input" naming the channel and the
 * offending key — never echoing a value, which may be a secret.
 */
export function parseChannelSettings<T extends ChannelType>(
  channelId: string,
  type: T,
  settings: unknown,
): ChannelSettings<T> {
  // The map is keyed by type, so the schema's output is that type's settings; TS cannot follow it.
  const schema = (channelSettingsSchemas as Record<string, z.ZodType>)[type];
  if (schema === undefined)
    throw new PingoruError(
      "input",
      `channel ${channelId}: unknown type (one of ${CHANNEL_TYPES.join(", ")})`,
    );
  const result = schema.safeParse(settings);
  if (!result.success)
    throw new PingoruError("input", `channel ${channelId}: ${describeSettingsIssue(result.error)}`);
  return result.data as ChannelSettings<T>;
}

/** One line about the first problem: the key and what is wrong, without the value. */
export function describeSettingsIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid settings";
  const where = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    return `unknown key ${issue.keys.map((key) => (where ? `${where}.${key}` : key)).join(", ")}`;
  }
  return `${where || "settings"}: ${issue.message}`;
}

/** A copy of the settings with every secret replaced by "<secret>", for printing and the API. */
export function redactChannelSettings(
  type: ChannelType,
  settings: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const copy = structuredClone(settings) as Record<string, unknown>;
  for (const path of SECRET_SETTING_PATHS[type] ?? []) redactPath(copy, path);
  return copy;
}

function redactPath(target: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in target)) return;
  const value = target[head];
  if (rest.length === 0) {
    if (value !== undefined && value !== null) target[head] = "<secret>";
    return;
  }
  if (value !== null && typeof value === "object") redactPath(value as Record<string, unknown>, rest);
}
