// Email over SMTP (nodemailer): HTML and text parts. Messages about one incident share a thread:
// each has its own Message-ID (from the delivery id) and refers to one stable id for the incident.
// The SMTP host is resolved through the SSRF guard here and dialled by the vetted IP (TLS still
// checks the certificate against the host name), so DNS cannot swap in another address.
import { isIP } from "node:net";
import { z } from "zod";
import { createGuardedLookup, refuseAddress } from "../../lib/safe-url.ts";
import type { Channel, ChannelOptions } from "../channel.ts";
import type { Notification } from "../../domain/notification.ts";
import { renderHtml, renderText } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import { deliveryError, summarizeError } from "./delivery-errors.ts";
import type { ChannelLabel } from "./delivery-errors.ts";
import { SEND_TIMEOUT_MS } from "./http-post.ts";
import { threadKey } from "./thread.ts";
import { defineChannel } from "../channel-definition.ts";
import { dialHost, emailAddress } from "./settings-parts.ts";

export const emailSettingsSchema = z.strictObject({
  to: z.array(emailAddress).min(1, "at least one address"),
  from: emailAddress,
  smtp: z.strictObject({
    host: dialHost,
    port: z.number().int().min(1).max(65535),
    /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().optional(),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
  }),
});

export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export function emailMessage(n: Notification, settings: EmailSettings) {
  const r = renderNotification(n);
  const thread = `<${threadKey(n)}@pingoru>`;
  return {
    from: settings.from,
    to: settings.to,
    subject: r.title,
    text: renderText(r),
    html: renderHtml(r),
    messageId: `<${n.deliveryId}@pingoru>`,
    inReplyTo: thread,
    references: [thread],
    headers: { "X-Pingoru-Delivery": n.deliveryId },
  };
}

export function createEmailChannel(
  label: ChannelLabel,
  settings: EmailSettings,
  options: ChannelOptions,
): Channel {
  return {
    id: label.id,
    type: "email",
    async send(notification, ctx) {
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(SEND_TIMEOUT_MS)]);
      const address = await resolveSmtpHost(label, settings.smtp.host, options.allowPrivateTargets, signal);
      // Loaded on the first email: a process without an email channel never holds nodemailer (≈ 20 MB).
      const { default: nodemailer } = await import("nodemailer");
      const transport = nodemailer.createTransport({
        host: address,
        port: settings.smtp.port,
        secure: settings.smtp.secure ?? settings.smtp.port === 465,
        tls: { servername: isIP(settings.smtp.host) ? undefined : settings.smtp.host },
        auth: settings.smtp.user ? { user: settings.smtp.user, pass: settings.smtp.password } : undefined,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      try {
        await transport.sendMail({ ...emailMessage(notification, settings), signal });
      } catch (error) {
        throw smtpError(label, error, signal.aborted);
      } finally {
        transport.close();
      }
    },
  };
}

async function resolveSmtpHost(
  label: ChannelLabel,
  host: string,
  allowPrivate: boolean,
  signal: AbortSignal,
) {
  if (isIP(host)) {
    const refusal = refuseAddress(host, host, allowPrivate);
    if (refusal) throw deliveryError(label, refusal.message, { retryable: false });
    return host;
  }
  const lookup = createGuardedLookup(allowPrivate);
  try {
    return await new Promise<string>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
      lookup(host, {}, (err, address) => (err ? reject(err) : resolve(String(address))));
    });
  } catch (error) {
    if (signal.aborted) throw deliveryError(label, `timed out resolving ${host}`, { retryable: true });
    const blocked = (error as { kind?: unknown }).kind === "blocked";
    throw deliveryError(label, `cannot use SMTP host: ${summarizeError(error)}`, { retryable: !blocked });
  }
}

/** SMTP replies 4xx are transient (retry), 5xx permanent; no reply at all is a network problem. */
function smtpError(label: ChannelLabel, error: unknown, aborted: boolean) {
  if (aborted) return deliveryError(label, "timed out talking to the SMTP server", { retryable: true });
  const { responseCode, response } = error as { responseCode?: unknown; response?: unknown };
  if (typeof responseCode === "number") {
    const said = typeof response === "string" ? response.split("\n")[0] : String(responseCode);
    return deliveryError(label, `SMTP server answered ${said}`, { retryable: responseCode < 500 });
  }
  const code = (error as { code?: unknown }).code;
  const permanent = code === "EENVELOPE" || code === "EMESSAGE" || code === "ECONFIG" || code === "EAUTH";
  return deliveryError(label, `SMTP error: ${summarizeError(error)}`, { retryable: !permanent });
}

/** Email dials SMTP itself (per message), so it takes the label and options, not the HTTP sender. */
export const email = defineChannel({
  type: "email",
  settingsSchema: emailSettingsSchema,
  secretPaths: [["smtp", "password"]],
  create: (_id, settings, ctx) => createEmailChannel(ctx.label, settings, ctx.options),
});
