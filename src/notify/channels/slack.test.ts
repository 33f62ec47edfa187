import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../../../test/channel-contract.ts";
import { SLACK_PATH as PATH } from "../../../test/channel-specs.ts";
import { HOSTILE_TEXTS, hostileNotification } from "../../../test/helpers/hostile-notification.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import {
  componentNotification,
  incidentNotification,
  resolvedIncident,
} from "../../../test/helpers/notification-samples.ts";
import { renderNotification } from "../render.ts";
import { escapeSlack, slackMessage } from "./slack.ts";

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; text: string }[];
}

describe("slack message", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  it("is Block Kit with a header, the message as plain text, facts and a marker", async () => {
    const [request] = await deliverOverHttp(
      receiver,
      "slack",
      { url: receiver.url("accept", PATH) },
      incidentNotification(),
    );
    const body = JSON.parse(request?.body ?? "{}") as { text: string; blocks: Block[] };
    expect(body.text).toBe("GitHub: Incident with Actions — investigating [incident inc0123456789abcdef0]");
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
    expect(body.blocks[0]?.text).toEqual({
      type: "plain_text",
      text: "GitHub: Incident with Actions — investigating",
      emoji: false,
    });
    expect(body.blocks[1]?.text).toEqual({
      type: "plain_text",
      text: "Actions runs are delayed <> we're on it.\n\nSee details (https://example.com/x).",
      emoji: false,
    });
    expect(body.blocks[2]?.fields?.map((f) => f.text)).toContain("Status\ninvestigating");
    expect(body.blocks[3]?.elements?.map((e) => e.text)).toEqual([
      "<https://pingoru.example/incidents/inc0123456789abcdef0|Open>",
      "Incident opened · Pingoru incident inc0123456789abcdef0",
    ]);
    expect(request?.body).not.toContain("<script");
  });

  it("keeps the same incident marker on every update of one incident", () => {
    const opened = slackMessage(incidentNotification(["incident.opened"]));
    const resolved = slackMessage(incidentNotification(["incident.resolved"], resolvedIncident()));
    expect(opened.text).toContain("[incident inc0123456789abcdef0]");
    expect(resolved.text).toContain("[incident inc0123456789abcdef0]");
    expect(resolved.text).toContain("— resolved");
  });

  it("renders a component change without an incident", () => {
    const message = slackMessage(componentNotification("operational", "major_outage"));
    expect(message.text).toBe("GitHub: Actions — major outage [component github/c1]");
  });

  // mrkdwn reads <...> as links and mentions and *, _, ~ as emphasis: in blocks the one mrkdwn element is
  // Pingoru's link and vendor text is plain_text, as sent; the notification text has it escaped.
  it.each(HOSTILE_TEXTS)("keeps vendor text with $name out of mrkdwn", async ({ text }) => {
    const notification = hostileNotification(text);
    const [request] = await deliverOverHttp(
      receiver,
      "slack",
      { url: receiver.url("accept", PATH) },
      notification,
    );
    const body = JSON.parse(request?.body ?? "{}") as { text: string; blocks: Block[] };
    const title = `${text}: ${text} — investigating`;
    expect(decode(body.text)).toBe(`${title} [incident inc0123456789abcdef0]`);
    expect(body.blocks[0]?.text).toMatchObject({ type: "plain_text", text: title });
    expect(body.blocks[1]?.text).toMatchObject({
      type: "plain_text",
      text: renderNotification(notification).message,
    });
    const fields = body.blocks[2]?.fields ?? [];
    expect(fields).toContainEqual({
      type: "plain_text",
      text: `Components\n${text} (partial outage)`,
      emoji: false,
    });
    const parts = body.blocks.flatMap((b) => [b.text, ...(b.fields ?? []), ...(b.elements ?? [])]);
    const mrkdwn = parts.filter((part) => part?.type === "mrkdwn").map((part) => part?.text);
    expect(mrkdwn).toEqual([`<${PINGORU_LINK}|Open>`]);
    expect(body.text).not.toMatch(/[<>]/);
  });

  it("escapes Slack's control characters so vendor text cannot make links or mentions", () => {
    expect(escapeSlack("<!channel> & <https://evil|x>")).toBe(
      "&lt;!channel&gt; &amp; &lt;https://evil|x&gt;",
    );
  });
});

const PINGORU_LINK = "https://pingoru.example/incidents/inc0123456789abcdef0";

/** What Slack shows for escaped mrkdwn text: its three entities decoded. */
function decode(mrkdwn: string): string {
  return mrkdwn.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
