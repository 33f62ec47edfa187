// PagerDuty Events API v2: trigger while the incident is open (dedup_key = the Pingoru incident id,
// so updates fold into one PagerDuty incident), resolve when it is resolved.
import { z } from "zod";
import type { Channel } from "../channel.ts";
import type { Notification } from "../../domain/notification.ts";
import { renderText, truncate } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification, Severity } from "../render.ts";
import type { HttpSender } from "./http-post.ts";
import { alertActions, alertKey } from "./thread.ts";
import { defineChannel } from "../channel-definition.ts";
import { httpUrl } from "./settings-parts.ts";

export const pagerdutySettingsSchema = z.strictObject({
  routing_key: z.string().min(1),
  /** Overridable so tests can point it at a loopback receiver. */
  url: httpUrl.default("https://events.pagerduty.com/v2/enqueue"),
});

export type PagerdutySettings = z.infer<typeof pagerdutySettingsSchema>;

const PD_SEVERITY: Record<Severity, "critical" | "error" | "warning" | "info"> = {
  critical: "critical",
  major: "error",
  minor: "warning",
  none: "info",
  maintenance: "info",
};

export function pagerdutyEvents(n: Notification, routingKey: string) {
  const r = renderNotification(n);
  const dedupKey = alertKey(n);
  return alertActions(n, r.resolved).map((action) =>
    action === "close"
      ? { routing_key: routingKey, event_action: "resolve", dedup_key: dedupKey }
      : { routing_key: routingKey, event_action: "trigger", dedup_key: dedupKey, ...trigger(r) },
  );
}

function trigger(r: RenderedNotification) {
  return {
    payload: {
      summary: truncate(r.title, 1024),
      source: hostOf(r.vendor.url) ?? r.vendor.slug,
      severity: PD_SEVERITY[r.severity],
      timestamp: r.startedAt ?? r.at,
      component: r.components.map((c) => c.name).join(", ") || undefined,
      group: r.vendor.slug,
      class: r.subject,
      custom_details: { message: renderText(r), status: r.status, impact: r.impact, link: r.link },
    },
    client: "Pingoru",
    ...(r.link ? { client_url: r.link, links: [{ href: r.link, text: "Open" }] } : {}),
  };
}

function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host : null;
}

export function createPagerdutyChannel(id: string, settings: PagerdutySettings, http: HttpSender): Channel {
  return {
    id,
    type: "pagerduty",
    async send(notification, ctx) {
      // In order: a trigger must land before the resolve of the same incident.
      for (const event of pagerdutyEvents(notification, settings.routing_key))
        await http.post({ url: settings.url, body: JSON.stringify(event) }, ctx);
    },
    close: () => http.close(),
  };
}

export const pagerduty = defineChannel({
  type: "pagerduty",
  settingsSchema: pagerdutySettingsSchema,
  secretPaths: [["routing_key"]],
  create: (id, settings, ctx) => createPagerdutyChannel(id, settings, ctx.createHttpSender()),
});
