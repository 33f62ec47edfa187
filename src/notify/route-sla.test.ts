// SLA events through routing and the channels' shared parts: opt-in, the vendor and component filters
// (not the minimum impact), one message per target's month, and what ties its messages together.
import { describe, expect, it } from "vitest";
import { slaNotification } from "../../test/helpers/notification-samples.ts";
import { expandEvents, toSubscriptions } from "../config/subscription-schema.ts";
import type { ChangeEvent } from "../domain/model.ts";
import { DEFAULT_SUBSCRIBED_EVENTS, type Subscription } from "../domain/notification.ts";
import { alertKey, threadKey, threadMarker } from "./channels/thread.ts";
import { webhookPayload } from "./channels/webhook.ts";
import { slackMessage } from "./channels/slack.ts";
import { discordMessage } from "./channels/discord.ts";
import { teamsMessage } from "./channels/teams.ts";
import { emailMessage, emailSettingsSchema } from "./channels/email.ts";
import { pagerdutyEvents } from "./channels/pagerduty.ts";
import { opsgenieRequests } from "./channels/opsgenie.ts";
import { routeEvents } from "./route.ts";

const NOW = "2026-08-20T10:00:00.000Z";

const sub = (id: string, extra: Partial<Subscription> = {}): Subscription => ({
  id,
  channel: "hook",
  vendors: null,
  components: null,
  minImpact: null,
  events: ["sla.breached", "sla.claim_due"],
  ...extra,
});

const sla = (type: ChangeEvent["type"], component: string | null, vendor = "github"): ChangeEvent => ({
  id: `${type}-${vendor}-${component}`,
  type,
  vendor,
  incidentId: null,
  componentId: null,
  at: NOW,
  data: { component, month: "2026-08" },
});

const route = (events: ChangeEvent[], subscriptions: Subscription[]) =>
  routeEvents({ events, incidents: new Map(), components: [], subscriptions, now: NOW });

const routed = (events: ChangeEvent[], subscriptions: Subscription[]) =>
  route(events, subscriptions).map((d) => [d.subscription, d.eventIds]);

describe("routing SLA events", () => {
  it("are opt-in: named, or the sla.* family; not in the default events", () => {
    expect(DEFAULT_SUBSCRIBED_EVENTS.filter((e) => e.startsWith("sla."))).toEqual([]);
    expect(expandEvents(["sla.*"])).toEqual(["sla.breached", "sla.claim_due"]);
    const [byDefault] = toSubscriptions([{ channel: "hook" }]);
    expect(routed([sla("sla.breached", null)], [byDefault!])).toEqual([]);
  });

  it("apply the vendor and component filters: a vendor-wide target concerns every component", () => {
    const events = [sla("sla.breached", "Actions"), sla("sla.breached", null), sla("sla.claim_due", "Pages")];
    expect(
      routed(events, [
        sub("all"),
        sub("stripe-only", { vendors: ["stripe"] }),
        sub("actions", { components: { github: ["actions"] } }),
        sub("breaches", { events: ["sla.breached"] }),
      ]),
    ).toEqual([
      // One message per target's month, never folded together.
      ["all", ["sla.breached-github-Actions"]],
      ["all", ["sla.breached-github-null"]],
      ["all", ["sla.claim_due-github-Pages"]],
      ["actions", ["sla.breached-github-Actions"]],
      ["actions", ["sla.breached-github-null"]],
      ["breaches", ["sla.breached-github-Actions"]],
      ["breaches", ["sla.breached-github-null"]],
    ]);
  });

  it("pass any minimum impact (a month has none) and are sent at once", () => {
    const [delivery] = route([sla("sla.breached", "Actions")], [sub("critical", { minImpact: "critical" })]);
    expect(delivery).toMatchObject({
      status: "pending",
      nextAttemptAt: NOW,
      incidentId: null,
      componentId: null,
    });
  });
});

describe("SLA messages on the channels", () => {
  it("webhook type is the event type; alerts and threads are per target's month, apart from the status page's", () => {
    expect(webhookPayload(slaNotification("sla.breached")).type).toBe("sla.breached");
    expect(webhookPayload(slaNotification("sla.claim_due")).type).toBe("sla.claim_due");
    const breach = slaNotification("sla.breached");
    expect([alertKey(breach), threadKey(breach), threadMarker(breach)]).toEqual([
      "sla-github-Actions-2024-04",
      "sla-github-Actions-2024-04",
      "SLA github/Actions 2024-04",
    ]);
    expect(threadKey(slaNotification("sla.claim_due", null))).toBe("sla-github--2024-04");
  });

  it("every channel lays out both events with their title and link; alerting tools open an alert", () => {
    for (const type of ["sla.breached", "sla.claim_due"] as const) {
      const n = slaNotification(type);
      const title = type === "sla.breached" ? "99.9% SLA breached for 2024-04" : "claim the 10% SLA credit";
      const link = "https://pingoru.example/sla?month=2024-04";
      const email = emailMessage(
        n,
        emailSettingsSchema.parse({
          to: ["ops@example.com"],
          from: "p@example.com",
          smtp: { host: "localhost", port: 25 },
        }),
      );
      for (const payload of [slackMessage(n), discordMessage(n), teamsMessage(n), email]) {
        const text = JSON.stringify(payload);
        expect(text).toContain(title);
        expect(text).toContain(link);
      }
      expect(webhookPayload(n).link).toBe(link);
      expect(pagerdutyEvents(n, "key").map((e) => e.event_action)).toEqual(["trigger"]);
      expect(opsgenieRequests(n, "https://api.opsgenie.example/v2/alerts")).toHaveLength(1);
    }
  });
});
