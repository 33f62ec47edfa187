import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../../../test/channel-contract.ts";
import { PAGERDUTY_ROUTING_KEY as ROUTING_KEY } from "../../../test/channel-specs.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import {
  componentNotification,
  incidentNotification,
  resolvedIncident,
  sampleIncident,
} from "../../../test/helpers/notification-samples.ts";
import { createChannel } from "./index.ts";
import { pagerdutyEvents } from "./pagerduty.ts";

describe("pagerduty events", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());
  const settings = () => ({ routing_key: ROUTING_KEY, url: receiver.url("accept", "/v2/enqueue") });

  it("triggers an opened incident with dedup_key = the incident id", async () => {
    const requests = await deliverOverHttp(receiver, "pagerduty", settings(), incidentNotification());
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe("/accept/v2/enqueue");
    expect(JSON.parse(requests[0]?.body ?? "{}")).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: "inc0123456789abcdef0",
      payload: {
        summary: "GitHub: Incident with Actions — investigating",
        source: "www.githubstatus.com",
        severity: "error",
        timestamp: "2024-05-01T12:00:00.000Z",
        group: "github",
        class: "incident",
      },
      links: [{ href: "https://pingoru.example/incidents/inc0123456789abcdef0", text: "Open" }],
    });
  });

  it("resolves a resolved incident by the same dedup_key", async () => {
    const n = incidentNotification(["incident.resolved"], resolvedIncident());
    const requests = await deliverOverHttp(receiver, "pagerduty", settings(), n);
    expect(requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: "inc0123456789abcdef0" },
    ]);
  });

  it("triggers then resolves, in that order, an incident one delivery saw open and end", () => {
    const events = pagerdutyEvents(
      incidentNotification(["incident.opened", "incident.resolved"], resolvedIncident()),
      "k",
    );
    expect(events.map((e) => e.event_action)).toEqual(["trigger", "resolve"]);
  });

  it.each([
    ["critical", "critical"],
    ["major", "error"],
    ["minor", "warning"],
    ["none", "info"],
  ] as const)("maps impact %s to severity %s", (impact, severity) => {
    const [event] = pagerdutyEvents(
      incidentNotification(["incident.updated"], sampleIncident({ impact })),
      "k",
    );
    expect(event).toMatchObject({ payload: { severity } });
  });

  it("keys a component change by vendor and component", () => {
    const [event] = pagerdutyEvents(componentNotification("operational", "major_outage"), "k");
    expect(event).toMatchObject({
      event_action: "trigger",
      dedup_key: "component-github-c1",
      payload: { severity: "critical" },
    });
  });

  it("stops at the first failed request, so the resolve never lands before its trigger", async () => {
    const channel = createChannel(
      {
        id: "pd",
        type: "pagerduty",
        config: { routing_key: ROUTING_KEY, url: receiver.url("unavailable", "/v2/enqueue") },
        disabledReason: null,
      },
      { allowPrivateTargets: true },
    );
    const before = receiver.requests.length;
    const n = incidentNotification(["incident.opened", "incident.resolved"], resolvedIncident());
    await expect(
      channel.send(n, { signal: AbortSignal.timeout(5000), now: () => new Date() }),
    ).rejects.toMatchObject({
      retryable: true,
    });
    expect(
      receiver.requests
        .slice(before)
        .map((r) => (JSON.parse(r.body) as { event_action: string }).event_action),
    ).toEqual(["trigger"]);
  });
});
