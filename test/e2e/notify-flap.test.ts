// A component flapping degraded/operational on every poll, end to end: real GitHub payloads on
// loopback, the real poller, router, store, dispatcher and webhook channel, a real receiver. The
// hold-back absorbs the flap: one message (the net change) if it settles elsewhere, none if it
// settles where it began.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";
import { drain, GITHUB_INCIDENTS, GITHUB_SUMMARY, testDispatcher } from "./notify-fixtures.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

const summary = JSON.parse(GITHUB_SUMMARY) as { components: { name: string; status: string }[] };
const withWebhooks = (status: string) =>
  JSON.stringify({
    ...summary,
    components: summary.components.map((c) => (c.name === "Webhooks" ? { ...c, status } : c)),
  });

let vendor: FakeVendor;
let receiver: WebhookReceiver;
let h: Harness;

beforeEach(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": GITHUB_SUMMARY,
    "/api/v2/incidents.json": GITHUB_INCIDENTS,
  });
  receiver = await startWebhookReceiver();
  h = await openHarness({ start: "2026-08-01T00:00:00.000Z" });
  await h.store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: receiver.url, secret: WEBHOOK_SECRET },
    disabledReason: null,
  });
  await h.store.upsertSubscription({
    id: "components",
    channel: "hook",
    vendors: null,
    components: null,
    minImpact: null,
    events: ["component.changed"],
  });
  await h.add({ url: vendor.url, slug: "github", platform: "statuspage" });
});
afterEach(async () => {
  await h.close();
  await receiver.close();
  await vendor.close();
});

/** `changes` polls a minute apart, each flipping Webhooks; the dispatcher runs between polls. */
async function flap(changes: number) {
  const dispatcher = testDispatcher(h.store, () => h.clock.now);
  let status = "operational";
  for (let i = 0; i < changes; i++) {
    status = status === "operational" ? "degraded_performance" : "operational";
    vendor.serve("/api/v2/summary.json", withWebhooks(status));
    h.clock.advance(60);
    const outcome = await h.poll("github");
    expect(outcome.events.map((e) => e.type)).toEqual(["component.changed"]);
    await drain(dispatcher, h.store, () => h.clock.now);
  }
  h.clock.advance(600); // past the last change's hold-back
  await drain(dispatcher, h.store, () => h.clock.now);
  await dispatcher.stop();
}

describe("a component flapping on every poll", () => {
  it("for the whole window, ending where it began: nothing is sent", async () => {
    await flap(10);
    expect(receiver.received).toEqual([]);
    const statuses = (await h.store.listDeliveries({ limit: 500 })).items.map((d) => d.status);
    expect(statuses).toHaveLength(10);
    expect(new Set(statuses)).toEqual(new Set(["suppressed"]));
  });

  it("for the whole window, ending elsewhere: one message, the net change", async () => {
    await flap(11);
    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    expect(message!.signatureValid).toBe(true);
    expect(message!.body.events).toEqual([
      expect.objectContaining({
        type: "component.changed",
        data: expect.objectContaining({ from: "operational", to: "degraded_performance" }),
      }),
    ]);
  });
});
