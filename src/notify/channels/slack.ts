// Slack incoming webhook with Block Kit. Incoming webhooks cannot thread: they return no message
// ts to reply to (threading needs a bot token and chat.postMessage). So every message carries a
// stable incident marker ("incident <id>") in its text, which Slack search and users can follow.
import type { Channel } from "../channel.ts";
import type { SlackSettings } from "../channel-settings.ts";
import type { Notification } from "../model.ts";
import { truncate } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification } from "../render.ts";
import { threadMarker } from "./thread.ts";
import type { HttpSender } from "./http-post.ts";

/** Slack mrkdwn treats &, < and > as control characters; everything else is literal enough. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function slackMessage(n: Notification) {
  const r = renderNotification(n);
  const marker = threadMarker(n);
  return {
    text: `${r.title} [${marker}]`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(r.title, 150), emoji: false } },
      ...(r.message
        ? [{ type: "section", text: { type: "mrkdwn", text: truncate(escapeSlack(r.message), 3000) } }]
        : []),
      ...factsSection(r),
      { type: "context", elements: [{ type: "mrkdwn", text: contextLine(r, marker) }] },
    ],
  };
}

function factsSection(r: RenderedNotification) {
  if (r.facts.length === 0) return [];
  const fields = r.facts.slice(0, 10).map((fact) => ({
    type: "mrkdwn",
    text: truncate(`*${fact.label}*\n${escapeSlack(fact.value)}`, 2000),
  }));
  return [{ type: "section", fields }];
}

function contextLine(r: RenderedNotification, marker: string): string {
  const link = r.link ? `<${r.link.replace(/[|>]/g, encodeURIComponent)}|Open> · ` : "";
  return `${link}${escapeSlack(r.headline)} · Pingoru ${marker}`;
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
