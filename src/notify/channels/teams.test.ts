import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTP_CONTRACT, deliverOverHttp, runChannelContract } from "../../../test/channel-contract.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import { incidentNotification, resolvedIncident } from "../../../test/helpers/notification-samples.ts";
import { adaptiveCard } from "./teams.ts";

const SIG = "teamsSECRETsig0123456789";
const PATH = `/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=${SIG}`;

runChannelContract({
  type: "teams",
  ...HTTP_CONTRACT,
  settings: (receiver, mode) => ({ url: receiver.http.url(mode, PATH) }),
  secrets: [SIG],
  invalid: [
    { name: "missing url", settings: {}, key: "url" },
    { name: "not http", settings: { url: `javascript:${SIG}` }, key: "url" },
    {
      name: "unknown key",
      settings: { url: `https://prod.westus.logic.azure.com${PATH}`, card: 1 },
      key: "card",
    },
  ],
});

interface CardElement {
  type: string;
  text?: string;
  color?: string;
  facts?: { title: string; value: string }[];
}

describe("teams message", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  it("is a workflow message with one Adaptive Card 1.4 attachment", async () => {
    const [request] = await deliverOverHttp(
      receiver,
      "teams",
      { url: receiver.url("accept", PATH) },
      incidentNotification(),
    );
    const body = JSON.parse(request?.body ?? "{}") as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; body: CardElement[]; actions: unknown[] };
      }[];
    };
    expect(body.type).toBe("message");
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = attachment?.content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card?.body[0]).toMatchObject({
      type: "TextBlock",
      text: "GitHub: Incident with Actions — investigating",
      color: "Attention",
    });
    expect(card?.body.find((e) => e.type === "TextBlock" && e.text?.startsWith("Actions runs"))?.text).toBe(
      "Actions runs are delayed <> we're on it.\n\nSee details (https://example.com/x).",
    );
    expect(card?.body.find((e) => e.type === "FactSet")?.facts).toContainEqual({
      title: "Status",
      value: "investigating",
    });
    expect(card?.actions).toEqual([
      {
        type: "Action.OpenUrl",
        title: "Open",
        url: "https://pingoru.example/incidents/inc0123456789abcdef0",
      },
    ]);
    expect(request?.body).not.toContain("<script");
  });

  it("colors a resolved incident good and gives its duration", () => {
    const card = adaptiveCard(incidentNotification(["incident.resolved"], resolvedIncident()));
    expect(card.body[0]).toMatchObject({ color: "Good" });
    expect(JSON.stringify(card.body)).toContain('{"title":"Duration","value":"1h 5m"}');
  });
});
