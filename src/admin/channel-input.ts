// A channel as the admin API, the admin pages and `pingoru channels add` take it: the config file's
// shape ({type, ...settings}), checked for its id, type and settings. Kept apart from the API's routes
// so the CLI does not load the web server to check a channel.
import type { ChannelConfig } from "../domain/notification.ts";
import { PingoruError } from "../lib/errors.ts";
import { CHANNEL_ID_PATTERN, parseChannelSettings, secretPathsOf } from "../notify/channel-settings.ts";
import { CHANNEL_TYPES, isChannelType } from "../notify/registry.ts";

/** The config-file shape ({type, ...settings}); "<secret>" (as GET shows it) keeps the stored secret. */
export function parseChannelBody(
  id: string,
  body: Record<string, unknown>,
  existing: ChannelConfig | null,
): ChannelConfig {
  if (!CHANNEL_ID_PATTERN.test(id))
    throw new PingoruError("input", `invalid channel id ${JSON.stringify(id)}`);
  const { type, id: bodyId, disabled_reason: _ignored, ...settings } = body;
  if (bodyId !== undefined && bodyId !== id)
    throw new PingoruError("input", `channel ${id}: the body's id does not match the path`);
  if (!isChannelType(type))
    throw new PingoruError("input", `channel ${id}: type must be one of ${CHANNEL_TYPES.join(", ")}`);
  if (existing?.type === type) keepSecrets(type, settings, existing.config);
  const config = parseChannelSettings(id, type, settings);
  return { id, type, config, disabledReason: null };
}

function keepSecrets(type: string, settings: Record<string, unknown>, stored: Record<string, unknown>) {
  for (const path of secretPathsOf(type)) {
    let target: Record<string, unknown> | undefined = settings;
    let source: Record<string, unknown> | undefined = stored;
    for (const key of path.slice(0, -1)) {
      target = asRecord(target?.[key]);
      source = asRecord(source?.[key]);
    }
    const last = path.at(-1)!;
    if (target !== undefined && source !== undefined && target[last] === "<secret>")
      target[last] = source[last];
  }
}

const asRecord = (value: unknown) =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
