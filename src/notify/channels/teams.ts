// Microsoft Teams through a Power Automate "workflow" webhook (the Office 365 connectors are
// retired): a message whose one attachment is an Adaptive Card 1.4.
import type { Channel } from "../channel.ts";
import type { TeamsSettings } from "../channel-settings.ts";
import type { Notification } from "../model.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification } from "../render.ts";
import type { HttpSender } from "./http-post.ts";
import { threadMarker } from "./thread.ts";

function titleColor(r: RenderedNotification): string {
  if (r.resolved) return "Good";
  if (r.severity === "critical" || r.severity === "major") return "Attention";
  if (r.severity === "minor") return "Warning";
  return "Default";
}

export function adaptiveCard(n: Notification) {
  const r = renderNotification(n);
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: r.title, weight: "Bolder", size: "Medium", wrap: true, color: titleColor(r) },
    { type: "TextBlock", text: r.headline, isSubtle: true, spacing: "None", wrap: true },
  ];
  if (r.message) body.push({ type: "TextBlock", text: r.message, wrap: true });
  if (r.facts.length > 0)
    body.push({ type: "FactSet", facts: r.facts.map((f) => ({ title: f.label, value: f.value })) });
  body.push({
    type: "TextBlock",
    text: `Pingoru ${threadMarker(n)}`,
    isSubtle: true,
    size: "Small",
    wrap: true,
  });
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body,
    ...(r.link ? { actions: [{ type: "Action.OpenUrl", title: "Open", url: r.link }] } : {}),
  };
}

export function teamsMessage(n: Notification) {
  return {
    type: "message",
    attachments: [
      { contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: adaptiveCard(n) },
    ],
  };
}

export function createTeamsChannel(id: string, settings: TeamsSettings, http: HttpSender): Channel {
  return {
    id,
    type: "teams",
    async send(notification, ctx) {
      await http.post({ url: settings.url, body: JSON.stringify(teamsMessage(notification)) }, ctx);
    },
    close: () => http.close(),
  };
}
