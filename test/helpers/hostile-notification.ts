// Vendor text that would turn into links, mentions or formatting in a chat client if not escaped.
import type { Notification } from "../../src/domain/notification.ts";
import { GITHUB, incidentNotification, sampleIncident } from "./notification-samples.ts";

/** Vendor text a chat client would read as a link, a mention or formatting if it were not escaped. */
export const HOSTILE_TEXTS = [
  { name: "a masked link", text: "[click here](https://evil.example/login)" },
  { name: "mentions", text: "<!channel> @everyone @here <@U123> <@&456> <at>Boss</at>" },
  { name: "headings, lists and a quote", text: "# Pwned\n- item\n1. first\n> quoted\n===" },
  { name: "emphasis and code", text: "**bold** _italic_ ~~gone~~ `code` ||spoiler|| *x*" },
  { name: "an autolink and an entity", text: "<https://evil.example|Open> &amp; done" },
] as const;

/** An open incident whose vendor name, title, latest message and component name are all `text`. */
export function hostileNotification(text: string): Notification {
  const at = "2024-05-01T12:20:00.000Z";
  const incident = sampleIncident({
    title: text,
    affectedComponents: [{ id: "c1", name: text, worstStatus: "major_outage" }],
    updates: [
      {
        id: "u1",
        status: "investigating",
        at,
        message: text,
        components: [{ id: "c1", name: text, status: "partial_outage" }],
      },
    ],
  });
  return { ...incidentNotification(["incident.opened"], incident), vendor: { ...GITHUB, name: text } };
}
