// Discord webhook with one embed. Mentions are switched off (allowed_mentions parse: []): vendor text
// saying "@everyone" must not ping a whole server. Vendor text is Markdown-escaped, so it cannot make
// a masked link or formatting; the embed's url is Pingoru's link. The description is cut at 3000 so
// the embed stays under Discord's 6000-character total with every field at its limit.
import { z } from "zod";
import type { Channel } from "../channel.ts";
import type { Notification } from "../../domain/notification.ts";
import { escapeMarkdown, truncate } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification } from "../render.ts";
import type { HttpSender } from "./http-post.ts";
import { threadMarker } from "./thread.ts";
import { defineChannel } from "../channel-definition.ts";
import { httpUrl } from "./settings-parts.ts";

export const discordSettingsSchema = z.strictObject({ url: httpUrl });

export type DiscordSettings = z.infer<typeof discordSettingsSchema>;

export const DISCORD_COLORS = {
  critical: 0xd93025,
  major: 0xf57c00,
  minor: 0xf9a825,
  none: 0x607d8b,
  maintenance: 0x1e88e5,
  resolved: 0x2e7d32,
} as const;

export function discordColor(r: RenderedNotification): number {
  return r.resolved ? DISCORD_COLORS.resolved : DISCORD_COLORS[r.severity];
}

export function discordMessage(n: Notification) {
  const r = renderNotification(n);
  const embed = {
    // Embed titles read Markdown too (bold, italics, strikethrough).
    title: truncate(escapeMarkdown(r.title), 256),
    description: truncate(escapeMarkdown(r.message || r.headline), 3000),
    color: discordColor(r),
    timestamp: r.at,
    fields: r.facts.slice(0, 25).map((fact) => ({
      name: fact.label,
      value: truncate(escapeMarkdown(fact.value), 1024),
      inline: fact.label !== "Components",
    })),
    footer: { text: truncate(`${r.headline} · Pingoru ${threadMarker(n)}`, 2048) },
    ...(r.link ? { url: r.link } : {}),
  };
  return { username: "Pingoru", allowed_mentions: { parse: [] }, embeds: [embed] };
}

export function createDiscordChannel(id: string, settings: DiscordSettings, http: HttpSender): Channel {
  return {
    id,
    type: "discord",
    async send(notification, ctx) {
      await http.post({ url: settings.url, body: JSON.stringify(discordMessage(notification)) }, ctx);
    },
    close: () => http.close(),
  };
}

/** The webhook URL is the credential, so it is the secret. */
export const discord = defineChannel({
  type: "discord",
  settingsSchema: discordSettingsSchema,
  secretPaths: [["url"]],
  create: (id, settings, ctx) => createDiscordChannel(id, settings, ctx.createHttpSender()),
});
