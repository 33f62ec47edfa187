// Generic webhook: the notification as JSON, signed per Standard Webhooks (standardwebhooks.com).
// webhook-id is the delivery id, so a receiver can drop a repeat after a crash mid-send.
import { createHmac } from "node:crypto";
import { z } from "zod";
import { serializeEvent, serializeIncident } from "../../domain/api-json.ts";
import type { Channel } from "../channel.ts";
import type { EventType } from "../../domain/model.ts";
import type { Notification } from "../../domain/notification.ts";
import type { HttpSender } from "./http-post.ts";
import { defineChannel } from "../channel-definition.ts";
import { httpUrl, webhookSecret } from "./settings-parts.ts";

export const webhookSettingsSchema = z.strictObject({ url: httpUrl, secret: webhookSecret.optional() });

export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

/**
 * What receivers route on (as the Standard Webhooks examples do): the message's main event. A message
 * that opens an incident, or schedules a maintenance, is that, whatever else the same poll saw;
 * otherwise it is its latest event (an incident updated then resolved is "incident.resolved").
 */
export function webhookType(n: Notification): EventType {
  const opening = n.events.find((e) => e.type === "incident.opened" || e.type === "maintenance.scheduled");
  const main = opening ?? n.events.at(-1);
  if (main === undefined) throw new Error(`delivery ${n.deliveryId} has no events`);
  return main.type;
}

export function webhookPayload(n: Notification) {
  return {
    type: webhookType(n),
    delivery_id: n.deliveryId,
    vendor: n.vendor,
    events: n.events.map(serializeEvent),
    // On the wire the incident has the public JSON API shape.
    incident: n.incident === null ? null : serializeIncident(n.incident, n.marks),
    link: n.link,
  };
}

/** "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>", keyed by the bytes after "whsec_". */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export function createWebhookChannel(id: string, settings: WebhookSettings, http: HttpSender): Channel {
  return {
    id,
    type: "webhook",
    async send(notification, ctx) {
      const body = JSON.stringify(webhookPayload(notification));
      const timestamp = Math.floor(ctx.now().getTime() / 1000);
      const headers: Record<string, string> = {
        "webhook-id": notification.deliveryId,
        "webhook-timestamp": String(timestamp),
      };
      if (settings.secret !== undefined)
        headers["webhook-signature"] = signWebhook(settings.secret, notification.deliveryId, timestamp, body);
      await http.post({ url: settings.url, body, headers }, ctx);
    },
    close: () => http.close(),
  };
}

/** The webhook's own URL is not a secret (it is the user's endpoint); its signing secret is. */
export const webhook = defineChannel({
  type: "webhook",
  settingsSchema: webhookSettingsSchema,
  secretPaths: [["secret"]],
  create: (id, settings, ctx) => createWebhookChannel(id, settings, ctx.createHttpSender()),
});
