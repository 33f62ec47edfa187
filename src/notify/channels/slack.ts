// Slack incoming webhook with Block Kit. Incoming webhooks cannot thread: they return no message
// ts to reply to (threading needs a bot token and chat.postMessage). So every message carries a
// stable incident marker ("incident <id>") in its text, which Slack search and users can follow.
import { z } from "zod";
import type { Channel } from "../channel.ts";
import type { Notification } from "../../domain/notification.ts";
import { truncate } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification } from "../render.ts";
import { threadMarker } from "./thread.ts";
import type { HttpSender } from "./http-post.ts";
import { defineChannel } from "../channel-definition.ts";
import { httpUrl } from "./settings-parts.ts";

export const slackSettingsSchema = z.strictObject({ url: httpUrl });

export type SlackSettings = z.infer<typeof slackSettingsSchema>;

/**
 * Slack mrkdwn treats &, < and > as control characters: escaped, vendor text cannot make a link or a
 * mention (<!channel>, <@U123>). Emphasis (*, _, ~) has no escape in mrkdwn, so in blocks vendor text
 * goes only into plain_text; the one mrkdwn element is Pingoru's own link.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function slackMessage(n: Notification) {
  const r = renderNotification(n);
  const marker = threadMarker(n);
  return {
    // The notification text is mrkdwn too: a title's "<!channel>" must not become a mention there.
    text: `${escapeSlack(r.title)} [${marker}]`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(r.title, 150), emoji: false } },
      // Plain text, not mrkdwn: the vendor's *, _, ~ and ` stay characters, not formatting.
      ...(r.message
        ? [{ type: "section", text: { type: "plain_text", text: truncate(r.message, 3000), emoji: false } }]
        : []),
      ...factsSection(r),
      { type: "context", elements: contextElements(r, marker) },
    ],
  };
}

function factsSection(r: RenderedNotification) {
  if (r.facts.length === 0) return [];
  const fields = r.facts.slice(0, 10).map((fact) => ({
    type: "plain_text",
    text: truncate(`${fact.label}\n${fact.value}`, 2000),
    emoji: false,
  }));
  return [{ type: "section", fields }];
}

function contextElements(r: RenderedNotification, marker: string) {
  const line = { type: "plain_text", text: `${r.headline} · Pingoru ${marker}`, emoji: false };
  if (!r.link) return [line];
  // The one <url|text> construct in a message, built here from the link; its | < > are encoded.
  return [{ type: "mrkdwn", text: `<${r.link.replace(/[|<>]/g, encodeURIComponent)}|Open>` }, line];
}

export function createSlackChannel(id: string, settings: SlackSettings, http: HttpSender): Channel {
  return {
    id,
    type: "slack",
    async send(notification, ctx) {
      await http.post({ url: settings.url, body: JSON.stringify(slackMessage(notification)) }, ctx);
    },
    close: () => http.close(),
  };
}

/** The webhook URL is the credential, so it is the secret. */
export const slack = defineChannel({
  type: "slack",
  settingsSchema: slackSettingsSchema,
  secretPaths: [["url"]],
  create: (id, settings, ctx) => createSlackChannel(id, settings, ctx.createHttpSender()),
});
