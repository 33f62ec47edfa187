import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  SMTP_PASSWORD as PASSWORD,
  emailContractSettings as settingsFor,
} from "../../../test/channel-specs.ts";
import { startSmtpReceiver } from "../../../test/helpers/smtp-receiver.ts";
import type { SmtpReceiver } from "../../../test/helpers/smtp-receiver.ts";
import { incidentNotification, resolvedIncident } from "../../../test/helpers/notification-samples.ts";
import { createChannel } from "./index.ts";

describe("email message", () => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp.close());

  const send = async (n: ReturnType<typeof incidentNotification>) => {
    const channel = createChannel(
      { id: "mail", type: "email", config: settingsFor(smtp, "accept"), disabledReason: null },
      { allowPrivateTargets: true },
    );
    const before = smtp.messages.length;
    await channel.send(n, { signal: AbortSignal.timeout(5000), now: () => new Date() });
    await vi.waitFor(() => expect(smtp.messages.length).toBe(before + 1));
    const received = smtp.messages.at(-1);
    if (!received) throw new Error("no mail");
    return received;
  };

  it("arrives as HTML and text, subject from the title, after SMTP AUTH", async () => {
    const mail = await send(incidentNotification());
    expect(mail.user).toBe(`pingoru:${PASSWORD}`);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.parsed.subject).toBe("GitHub: Incident with Actions — investigating");
    expect(mail.parsed.from?.text).toBe("pingoru@example.test");
    expect(mail.parsed.text).toContain("Actions runs are delayed <> we're on it.");
    expect(mail.parsed.text).toContain(
      "Components: Actions (partial outage), API Requests (degraded performance)",
    );
    const html = String(mail.parsed.html);
    expect(html).toContain("<h2>GitHub: Incident with Actions — investigating</h2>");
    expect(html).toContain("Actions runs are delayed &lt;&gt; we&#39;re on it.");
    expect(html).not.toMatch(/<script/i);
  });

  it("threads the updates of one incident: own Message-ID, In-Reply-To/References the incident", async () => {
    const opened = await send(incidentNotification(["incident.opened"], undefined, "dlvopened00000000001"));
    const resolved = await send(
      incidentNotification(["incident.resolved"], resolvedIncident(), "dlvresolved000000001"),
    );
    const thread = "<incident-inc0123456789abcdef0@pingoru>";
    expect(opened.parsed.messageId).toBe("<dlvopened00000000001@pingoru>");
    expect(resolved.parsed.messageId).toBe("<dlvresolved000000001@pingoru>");
    for (const mail of [opened, resolved]) {
      expect(mail.parsed.inReplyTo).toBe(thread);
      expect([mail.parsed.references].flat()).toEqual([thread]);
    }
    expect(resolved.parsed.subject).toBe("GitHub: Incident with Actions — resolved");
    expect(resolved.parsed.text).toContain("Duration: 1 h 5 min");
  });
});
