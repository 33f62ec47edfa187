import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../../../test/channel-contract.ts";
import { TEAMS_PATH as PATH } from "../../../test/channel-specs.ts";
import { HOSTILE_TEXTS, hostileNotification } from "../../../test/helpers/hostile-notification.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import { incidentNotification, resolvedIncident } from "../../../test/helpers/notification-samples.ts";
import type { Notification } from "../../domain/notification.ts";
import { renderNotification } from "../render.ts";
import { adaptiveCard } from "./teams.ts";

interface CardElement {
  type: string;
  inlines?: { type: string; text: string; color?: string; weight?: string }[];
}

interface Card {
  type: string;
  version: string;
  body: CardElement[];
  actions?: unknown[];
}

function cardOf(requestBody: string | undefined): Card {
  const body = JSON.parse(requestBody ?? "{}") as {
    type: string;
    attachments: { contentType: string; content: Card }[];
  };
  expect(body.type).toBe("message");
  expect(body.attachments).toHaveLength(1);
  expect(body.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return body.attachments[0]!.content;
}

/** Each block's text, its runs joined: what a reader sees, line by line. */
const blockTexts = (card: Card) => card.body.map((e) => (e.inlines ?? []).map((run) => run.text).join(""));

const PINGORU_LINK = "https://pingoru.example/incidents/inc0123456789abcdef0";

describe("teams message", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  const deliver = async (notification: Notification) => {
    const [request] = await deliverOverHttp(
      receiver,
      "teams",
      { url: receiver.url("accept", PATH) },
      notification,
    );
    return { card: cardOf(request?.body), raw: request?.body ?? "" };
  };

  it("is a workflow message with one Adaptive Card 1.4 attachment", async () => {
    const { card, raw } = await deliver(incidentNotification());
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card.body[0]?.inlines?.[0]).toMatchObject({
      type: "TextRun",
      text: "GitHub: Incident with Actions — investigating",
      color: "Attention",
    });
    expect(blockTexts(card)).toEqual(
      expect.arrayContaining([
        "Actions runs are delayed <> we're on it.",
        "See details (https://example.com/x).",
        "Status: investigating",
        "Components: Actions (partial outage), API Requests (degraded performance)",
      ]),
    );
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open", url: PINGORU_LINK }]);
    expect(raw).not.toContain("<script");
  });

  it("colors a resolved incident good and gives its duration", () => {
    const built = adaptiveCard(incidentNotification(["incident.resolved"], resolvedIncident()));
    const card = JSON.parse(JSON.stringify(built)) as Card; // as a receiver reads it
    expect(card.body[0]).toMatchObject({ inlines: [{ color: "Good" }] });
    expect(blockTexts(card)).toContain("Duration: 1 h 5 min");
  });

  // TextBlock and FactSet parse Markdown; TextRun does not. So vendor text may only be in TextRuns,
  // shown exactly as the vendor wrote it, and the card's one link is Pingoru's.
  it.each(HOSTILE_TEXTS)("shows vendor text with $name as text, never as Markdown", async ({ text }) => {
    const notification = hostileNotification(text);
    const { card } = await deliver(notification);
    expect(card.body.length).toBeGreaterThan(3);
    for (const element of card.body) {
      expect(element.type).toBe("RichTextBlock");
      for (const run of element.inlines ?? []) expect(run.type).toBe("TextRun");
    }
    const texts = blockTexts(card);
    expect(texts[0]).toBe(`${text}: ${text} — investigating`);
    expect(texts).toContain(`Components: ${text} (partial outage)`);
    const lines = renderNotification(notification)
      .message.split("\n")
      .filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(texts).toContain(line);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open", url: PINGORU_LINK }]);
  });
});
