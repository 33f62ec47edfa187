import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../../../test/channel-contract.ts";
import { OPSGENIE_API_KEY as API_KEY } from "../../../test/channel-specs.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import {
  incidentNotification,
  resolvedIncident,
  sampleIncident,
} from "../../../test/helpers/notification-samples.ts";
import { opsgenieRequests } from "./opsgenie.ts";

describe("opsgenie alerts", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());
  const settings = () => ({ api_key: API_KEY, url: receiver.url("accept", "/v2/alerts") });

  it("creates an alert with alias = the incident id and the GenieKey header", async () => {
    const [request, ...more] = await deliverOverHttp(
      receiver,
      "opsgenie",
      settings(),
      incidentNotification(),
    );
    expect(more).toHaveLength(0);
    expect(request?.path).toBe("/accept/v2/alerts");
    expect(request?.headers.authorization).toBe(`GenieKey ${API_KEY}`);
    const body = JSON.parse(request?.body ?? "{}") as Record<string, unknown>;
    expect(body).toMatchObject({
      message: "GitHub: Incident with Actions — investigating",
      alias: "inc0123456789abcdef0",
      source: "Pingoru",
      entity: "GitHub",
      priority: "P2",
      tags: ["pingoru", "github", "incident"],
      details: { Status: "investigating", Link: "https://pingoru.example/incidents/inc0123456789abcdef0" },
    });
    expect(body["description"]).toContain("Actions runs are delayed <> we're on it.");
  });

  it("closes the alert by alias when the incident is resolved", async () => {
    const n = incidentNotification(["incident.resolved"], resolvedIncident());
    const [request, ...more] = await deliverOverHttp(receiver, "opsgenie", settings(), n);
    expect(more).toHaveLength(0);
    expect(request?.path).toBe("/accept/v2/alerts/inc0123456789abcdef0/close?identifierType=alias");
    expect(request?.headers.authorization).toBe(`GenieKey ${API_KEY}`);
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({ source: "Pingoru" });
  });

  it.each([
    ["critical", "P1"],
    ["minor", "P3"],
    ["none", "P4"],
  ] as const)("maps impact %s to priority %s", (impact, priority) => {
    const [req] = opsgenieRequests(
      incidentNotification(["incident.updated"], sampleIncident({ impact })),
      "https://x/v2/alerts",
    );
    expect(JSON.parse(req?.body ?? "{}")).toMatchObject({ priority });
  });

  it("creates then closes an incident one delivery saw open and end", () => {
    const n = incidentNotification(["incident.opened", "incident.resolved"], resolvedIncident());
    expect(opsgenieRequests(n, "https://api.opsgenie.com/v2/alerts/").map((r) => r.url)).toEqual([
      "https://api.opsgenie.com/v2/alerts",
      "https://api.opsgenie.com/v2/alerts/inc0123456789abcdef0/close?identifierType=alias",
    ]);
  });
});
