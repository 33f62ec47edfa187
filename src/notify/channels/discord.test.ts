import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../../../test/channel-contract.ts";
import { DISCORD_PATH as PATH } from "../../../test/channel-specs.ts";
import { HOSTILE_TEXTS, hostileNotification } from "../../../test/helpers/hostile-notification.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import {
  componentNotification,
  incidentNotification,
  resolvedIncident,
} from "../../../test/helpers/notification-samples.ts";
import { renderNotification } from "../render.ts";
import { DISCORD_COLORS, discordMessage } from "./discord.ts";

interface Embed {
  title: string;
  description: string;
  url?: string;
  color: number;
  timestamp: string;
  fields: { name: string; value: string; inline: boolean }[];
  footer: { text: string };
}

describe("discord message", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  it("is one embed with title, description, color by severity, fields, timestamp and url", async () => {
    const [request] = await deliverOverHttp(
      receiver,
      "discord",
      { url: receiver.url("accept", PATH) },
      incidentNotification(),
    );
    const body = JSON.parse(request?.body ?? "{}") as { embeds: Embed[]; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    const [embed] = body.embeds;
    expect(embed).toMatchObject({
      title: "GitHub: Incident with Actions — investigating",
      description: "Actions runs are delayed \\<\\> we're on it.\n\nSee details (https://example.com/x).",
      url: "https://pingoru.example/incidents/inc0123456789abcdef0",
      color: DISCORD_COLORS.major,
      timestamp: "2024-05-01T12:21:00.000Z",
    });
    expect(embed?.fields).toContainEqual({ name: "Impact", value: "major", inline: true });
    expect(embed?.fields.find((f) => f.name === "Components")?.value).toBe(
      "Actions (partial outage), API Requests (degraded performance)",
    );
    expect(embed?.footer.text).toContain("incident inc0123456789abcdef0");
  });

  it.each([
    [
      "resolved incident is green",
      incidentNotification(["incident.resolved"], resolvedIncident()),
      DISCORD_COLORS.resolved,
    ],
    [
      "major outage is critical red",
      componentNotification("operational", "major_outage"),
      DISCORD_COLORS.critical,
    ],
    [
      "degraded is minor yellow",
      componentNotification("operational", "degraded_performance"),
      DISCORD_COLORS.minor,
    ],
  ])("%s", (_name, notification, color) => {
    expect(discordMessage(notification).embeds[0]?.color).toBe(color);
  });

  // Every Markdown-read text (title, description, field values) carries vendor text escaped: no mark
  // left bare, none at a line's start, and the vendor's text back once the escapes are removed.
  it.each(HOSTILE_TEXTS)("escapes vendor text with $name and pings no one", async ({ text }) => {
    const notification = hostileNotification(text);
    const [request] = await deliverOverHttp(
      receiver,
      "discord",
      { url: receiver.url("accept", PATH) },
      notification,
    );
    const body = JSON.parse(request?.body ?? "{}") as { embeds: Embed[]; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [embed] = body.embeds;
    expect(embed?.url).toBe("https://pingoru.example/incidents/inc0123456789abcdef0");
    const components = embed?.fields.find((f) => f.name === "Components")?.value ?? "";
    const shown: [string, string][] = [
      [embed?.title ?? "", `${text}: ${text} — investigating`],
      [embed?.description ?? "", renderNotification(notification).message],
      [components, `${text} (partial outage)`],
    ];
    for (const [markdown, vendorText] of shown) {
      expect(unescape(markdown)).toBe(vendorText);
      expect(markdown).not.toMatch(/(^|[^\\])[*_~`|<>[\]]/);
      expect(markdown).not.toMatch(/^\s*([#>+=-]|\d+[.)])/m);
    }
  });

  it("shows the duration of a resolved incident", () => {
    const embed = discordMessage(incidentNotification(["incident.resolved"], resolvedIncident())).embeds[0];
    expect(embed?.fields).toContainEqual({ name: "Duration", value: "1 h 5 min", inline: true });
  });
});

/** What Discord shows for escaped text: each backslash-escaped punctuation mark as itself. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}
