// Microsoft Teams through a Power Automate "workflow" webhook (the Office 365 connectors are
// retired): a message whose one attachment is an Adaptive Card 1.4.
import { z } from "zod";
import type { Channel } from "../channel.ts";
import type { Notification } from "../../domain/notification.ts";
import { truncate } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification } from "../render.ts";
import type { HttpSender } from "./http-post.ts";
import { threadMarker } from "./thread.ts";
import { defineChannel } from "../channel-definition.ts";
import { httpUrl } from "./settings-parts.ts";

export const teamsSettingsSchema = z.strictObject({ url: httpUrl });

export type TeamsSettings = z.infer<typeof teamsSettingsSchema>;

function titleColor(r: RenderedNotification): string {
  if (r.resolved) return "Good";
  if (r.severity === "critical" || r.severity === "major") return "Attention";
  if (r.severity === "minor") return "Warning";
  return "Default";
}

// Vendor text goes only into TextRuns of RichTextBlocks: a TextBlock (and a FactSet's title and
// value) reads a Markdown subset, so a vendor's "[click](https://evil)", "**" or "- " would become a
// link or formatting; a TextRun shows its text as it is (Adaptive Cards 1.2+, TextRun has no Markdown).
// The one link in the card is Pingoru's own Open action.
type TextRun = { type: "TextRun"; text: string } & Record<string, unknown>;

function textRun(text: string, style: Record<string, unknown> = {}): TextRun {
  return { type: "TextRun", text, ...style };
}

function richText(inlines: TextRun[], spacing?: "None" | "Small" | "Default") {
  return { type: "RichTextBlock", inlines, ...(spacing ? { spacing } : {}) };
}

// A Teams workflow message may be 28 KB; the message is cut well below, as the other channels do.
const MESSAGE_CHARS = 4000;

/** One block per line (renderers differ on newlines inside a run), paragraphs spaced apart. */
function messageBlocks(message: string) {
  return truncate(message, MESSAGE_CHARS)
    .split(/\n{2,}/)
    .flatMap((paragraph) =>
      paragraph
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line, i) => richText([textRun(line)], i === 0 ? "Default" : "None")),
    );
}

export function adaptiveCard(n: Notification) {
  const r = renderNotification(n);
  const body: Record<string, unknown>[] = [
    richText([textRun(r.title, { weight: "Bolder", size: "Medium", color: titleColor(r) })]),
    richText([textRun(r.headline, { isSubtle: true })], "None"),
    ...messageBlocks(r.message),
    ...r.facts.map((f, i) =>
      richText(
        [textRun(`${f.label}: `, { weight: "Bolder" }), textRun(f.value)],
        i === 0 ? "Default" : "None",
      ),
    ),
    richText([textRun(`Pingoru ${threadMarker(n)}`, { isSubtle: true, size: "Small" })]),
  ];
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

/** The webhook URL is the credential, so it is the secret. */
export const teams = defineChannel({
  type: "teams",
  settingsSchema: teamsSettingsSchema,
  secretPaths: [["url"]],
  create: (id, settings, ctx) => createTeamsChannel(id, settings, ctx.createHttpSender()),
});
