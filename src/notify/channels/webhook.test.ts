import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_SECRET as SECRET } from "../../../test/channel-specs.ts";
import { startHttpReceiver } from "../../../test/helpers/http-receiver.ts";
import type { HttpReceiver } from "../../../test/helpers/http-receiver.ts";
import {
  componentNotification,
  incidentNotification,
  sourceNotification,
} from "../../../test/helpers/notification-samples.ts";
import { createChannel } from "./index.ts";
import { webhookType } from "./webhook.ts";

/**
 * Standard Webhooks verification written from the spec, independent of the channel's code: the
 * header holds space-separated "v1,<base64>" signatures of `${id}.${timestamp}.${body}`.
 */
function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers["webhook-id"]);
  const timestamp = String(headers["webhook-timestamp"]);
  const key = Buffer.from(secret.split("_")[1] ?? "", "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((entry) => {
      const [version, signature = ""] = entry.split(",");
      const given = Buffer.from(signature, "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe("webhook message", () => {
  let receiver: HttpReceiver;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterAll(() => receiver.close());

  const send = async (settings: Record<string, unknown>) => {
    const channel = createChannel(
      { id: "hook", type: "webhook", config: settings, disabledReason: null },
      { allowPrivateTargets: true },
    );
    const n = incidentNotification(["incident.opened", "incident.updated"]);
    await channel.send(n, { signal: AbortSignal.timeout(5000), now: () => new Date() });
    const request = receiver.requests.at(-1);
    if (!request) throw new Error("nothing received");
    return { n, request };
  };

  it("is signed per Standard Webhooks, with webhook-id = delivery id and a fresh timestamp", async () => {
    const { n, request } = await send({ url: receiver.url("accept", "/signed"), secret: SECRET });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toBe(n.deliveryId);
    const timestamp = Number(request.headers["webhook-timestamp"]);
    expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(10);
    expect(verifyStandardWebhook(SECRET, request.headers, request.body)).toBe(true);
    // The verifier is not vacuous: a changed body or another key fails.
    expect(verifyStandardWebhook(SECRET, request.headers, request.body.replace("GitHub", "GitHux"))).toBe(
      false,
    );
    const other = `whsec_${Buffer.from("another-key-entirely-32-bytes!!!").toString("base64")}`;
    expect(verifyStandardWebhook(other, request.headers, request.body)).toBe(false);
  });

  it("carries the events and the full incident in the API shapes", async () => {
    const { n, request } = await send({ url: receiver.url("accept", "/body"), secret: SECRET });
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "incident.opened", // opened and updated in one poll: it opens an incident
      delivery_id: n.deliveryId,
      vendor: { slug: "github", name: "GitHub", url: "https://www.githubstatus.com" },
      link: "https://pingoru.example/incidents/inc0123456789abcdef0",
      incident: { id: "inc0123456789abcdef0", title: "Incident with Actions", status: "investigating" },
    });
    expect(body["events"]).toEqual(
      n.events.map((e) => ({
        id: e.id,
        type: e.type,
        vendor: "github",
        incident_id: e.incidentId,
        component_id: null,
        at: e.at,
        data: e.data,
      })),
    );
    expect((body["incident"] as { updates: unknown[] }).updates).toHaveLength(2);
  });

  it("sends no signature without a secret", async () => {
    const { request } = await send({ url: receiver.url("accept", "/unsigned") });
    expect(request.headers["webhook-signature"]).toBeUndefined();
    expect(request.headers["webhook-id"]).toBeDefined();
  });
});

describe("webhookType: what a receiver routes on", () => {
  it.each([
    [["incident.opened"], "incident.opened"],
    [["incident.opened", "incident.updated"], "incident.opened"],
    [["incident.opened", "incident.resolved"], "incident.opened"],
    [["incident.updated"], "incident.updated"],
    [["incident.updated", "incident.resolved"], "incident.resolved"],
    [["maintenance.scheduled", "maintenance.started"], "maintenance.scheduled"],
    [["maintenance.started", "maintenance.completed"], "maintenance.completed"],
  ] as const)("an incident message with %j is %s", (types, expected) => {
    expect(webhookType(incidentNotification([...types]))).toBe(expected);
  });

  it("a component or source message is its event's type", () => {
    expect(webhookType(componentNotification())).toBe("component.changed");
    expect(webhookType(sourceNotification("source.recovered"))).toBe("source.recovered");
  });
});
