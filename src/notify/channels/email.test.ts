import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runChannelContract } from "../../../test/channel-contract.ts";
import type { ContractReceiver } from "../../../test/channel-contract.ts";
import { startSmtpReceiver } from "../../../test/helpers/smtp-receiver.ts";
import type { SmtpReceiver } from "../../../test/helpers/smtp-receiver.ts";
import { incidentNotification, resolvedIncident } from "../../../test/helpers/notification-samples.ts";
import { createChannel } from "./index.ts";

const PASSWORD = "smtpSECRETpassw0rd!";

type SmtpContractReceiver = ContractReceiver & { smtp: SmtpReceiver };

const settingsFor = (smtp: SmtpReceiver, mode: string) => ({
  to: [`${mode}@example.test`],
  from: "pingoru@example.test",
  smtp: { host: smtp.host, port: smtp.port, user: "pingoru", password: PASSWORD },
});

runChannelContract<SmtpContractReceiver>({
  type: "email",
  start: async () => {
    const smtp = await startSmtpReceiver();
    return {
      smtp,
      received: (mode) =>
        smtp.messages.filter((m) => m.rcpt.includes(`${mode}@example.test`)).map((m) => m.parsed.text ?? ""),
      close: () => smtp.close(),
    };
  },
  settings: (receiver, mode) => settingsFor(receiver.smtp, mode),
  // SMTP has no 410 and no redirects; 4xx replies carry no Retry-After.
  modes: ["accept", "unavailable", "rejected", "hang"],
  retryAfter: {},
  secrets: [PASSWORD, Buffer.from(`\u0000pingoru\u0000${PASSWORD}`).toString("base64")],
  invalid: [
    {
      name: "no recipients",
      settings: { to: [], from: "a@example.test", smtp: { host: "h", port: 25 } },
      key: "to",
    },
    {
      name: "bad from",
      settings: {
        to: ["a@example.test"],
        from: "not-an-address",
        smtp: { host: "h", port: 25, password: PASSWORD },
      },
      key: "from",
    },
    {
      name: "bad port",
      settings: {
        to: ["a@example.test"],
        from: "a@example.test",
        smtp: { host: "h", port: 0, password: PASSWORD },
      },
      key: "smtp.port",
    },
    {
      name: "unknown smtp key",
      settings: {
        to: ["a@example.test"],
        from: "a@example.test",
        smtp: { host: "h", port: 25, pass: PASSWORD },
      },
      key: "smtp.pass",
    },
  ],
});

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
    expect(resolved.parsed.text).toContain("Duration: 1h 5m");
  });
});
