// Opsgenie Alert API: create an alert with alias = the Pingoru incident id (Opsgenie folds repeats of
// an open alias into one alert), close it by alias when the incident is resolved.
import { z } from "zod";
import type { Channel } from "../channel.ts";
import type { Notification } from "../../domain/notification.ts";
import { renderText, truncate } from "../render-formats.ts";
import { renderNotification } from "../render.ts";
import type { RenderedNotification, Severity } from "../render.ts";
import type { JsonPost } from "./http-post.ts";
import type { HttpSender } from "./http-post.ts";
import { alertActions, alertKey } from "./thread.ts";
import { defineChannel } from "../channel-definition.ts";
import { httpUrl } from "./settings-parts.ts";

export const opsgenieSettingsSchema = z.strictObject({
  api_key: z.string().min(1),
  url: httpUrl.default("https://api.opsgenie.com/v2/alerts"),
});

export type OpsgenieSettings = z.infer<typeof opsgenieSettingsSchema>;

const PRIORITY: Record<Severity, string> = {
  critical: "P1",
  major: "P2",
  minor: "P3",
  none: "P4",
  maintenance: "P5",
};

/** The requests for one notification, in order; `url` is the alerts endpoint (…/v2/alerts). */
export function opsgenieRequests(n: Notification, url: string): JsonPost[] {
  const r = renderNotification(n);
  const alias = alertKey(n);
  const base = url.replace(/\/+$/, "");
  return alertActions(n, r.resolved).map((action) =>
    action === "close"
      ? {
          url: `${base}/${encodeURIComponent(alias)}/close?identifierType=alias`,
          body: JSON.stringify({ source: "Pingoru", user: "Pingoru", note: truncate(renderText(r), 25000) }),
        }
      : { url: base, body: JSON.stringify(createAlert(r, alias)) },
  );
}

function createAlert(r: RenderedNotification, alias: string) {
  const details: Record<string, string> = {};
  for (const fact of r.facts) details[fact.label] = truncate(fact.value, 8000);
  if (r.link) details["Link"] = r.link;
  return {
    message: truncate(r.title, 130),
    alias,
    description: truncate(renderText(r), 15000),
    source: "Pingoru",
    entity: r.vendor.name,
    priority: PRIORITY[r.severity],
    tags: ["pingoru", r.vendor.slug, r.subject],
    details,
  };
}

export function createOpsgenieChannel(id: string, settings: OpsgenieSettings, http: HttpSender): Channel {
  const headers = { authorization: `GenieKey ${settings.api_key}` };
  return {
    id,
    type: "opsgenie",
    async send(notification, ctx) {
      for (const req of opsgenieRequests(notification, settings.url))
        await http.post({ ...req, headers }, ctx);
    },
    close: () => http.close(),
  };
}

export const opsgenie = defineChannel({
  type: "opsgenie",
  settingsSchema: opsgenieSettingsSchema,
  secretPaths: [["api_key"]],
  create: (id, settings, ctx) => createOpsgenieChannel(id, settings, ctx.createHttpSender()),
});
