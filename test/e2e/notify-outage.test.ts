// Receivers that fail, end to end with an injected clock: one answers 503 for a simulated day and then
// recovers (every delivery arrives, in order, none twice); one answers 410 (its channel is disabled,
// and the API and the page say so, while the other channel is unaffected).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDeliveriesPage } from "../../src/http/ui/pages.ts";
import type { Delivery } from "../../src/domain/notification.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";
import {
  drain,
  GITHUB_INCIDENTS,
  GITHUB_SUMMARY,
  servePage,
  newIncident,
  testDispatcher,
  withUpdate,
  type RawIncident,
} from "./notify-fixtures.ts";
import { dedupe, startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

let vendor: FakeVendor;
let flaky: WebhookReceiver;
let gone: WebhookReceiver;
let h: Harness;
const now = () => h.clock.now;
const DAY_SECONDS = 24 * 3600;

const deliveriesOf = async (channel: string): Promise<Delivery[]> =>
  (await h.store.listDeliveries({ limit: 500 })).items.filter((d) => d.channel === channel).reverse();

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": GITHUB_SUMMARY,
    "/api/v2/incidents.json": GITHUB_INCIDENTS,
  });
  [flaky, gone] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
  h = await openHarness({ start: "2026-08-01T00:00:00.000Z" });
  for (const [id, receiver] of [
    ["flaky", flaky],
    ["gone", gone],
  ] as const) {
    const config = { url: receiver.url, secret: WEBHOOK_SECRET };
    await h.store.upsertChannel({ id, type: "webhook", config, disabledReason: null });
    await h.store.upsertSubscription({
      id: `to-${id}`,
      channel: id,
      vendors: null,
      components: null,
      minImpact: null,
      events: ["incident.opened", "incident.updated", "incident.resolved"],
    });
  }
  await h.add({ url: vendor.url, slug: "github" });
});
afterAll(async () => {
  await h.close();
  await Promise.all([flaky.close(), gone.close(), vendor.close()]);
});

/** Four polls a minute apart: two incidents open, one is updated, then resolved — four deliveries each. */
async function fourPollsOfNews(): Promise<string[][]> {
  const at = (minute: number) =>
    new Date(Date.parse("2026-08-01T00:00:00.000Z") + minute * 60_000).toISOString();
  const a = newIncident("a", at(1), "Actions delayed");
  const b = newIncident("b", at(2), "Pages degraded");
  const a2 = withUpdate(a, "identified", at(3));
  const pages: RawIncident[][] = [[a], [b, a], [b, a2], [b, withUpdate(a2, "resolved", at(4))]];
  const eventIds: string[][] = [];
  for (const page of pages) {
    servePage(vendor, page);
    h.clock.advance(60);
    eventIds.push((await h.poll("github")).events.map((e) => e.id));
  }
  return eventIds;
}

describe("a receiver that answers 503 for a day, then recovers; another that answers 410", () => {
  let written: string[][];

  it("writes one delivery per poll for each channel", async () => {
    flaky.answer = 503;
    gone.answer = 410;
    written = await fourPollsOfNews();
    expect(written.map((ids) => ids.length)).toEqual([1, 1, 1, 1]);
    expect(await deliveriesOf("flaky")).toHaveLength(4);
    expect(await deliveriesOf("gone")).toHaveLength(4);
  });

  it("410: the delivery fails, the channel is disabled, nothing more is sent to it", async () => {
    await drain(testDispatcher(h.store, now), h.store, now);
    expect(gone.received).toHaveLength(1);
    const channel = (await h.store.listChannels()).find((c) => c.id === "gone")!;
    expect(channel.disabledReason).toMatch(/gone.*410/);
    const states = (await deliveriesOf("gone")).map((d) => d.status);
    expect(states).toEqual(["failed", "pending", "pending", "pending"]);
  });

  it("the API and the page say the channel is disabled", async () => {
    const api = (await h.api("/api/v1/admin/deliveries?subscription=to-gone")) as {
      deliveries: { status: string; channel_disabled: string | null; last_error: string | null }[];
    };
    expect(api.deliveries).toHaveLength(4);
    for (const d of api.deliveries) expect(d.channel_disabled).toMatch(/410/);
    expect(api.deliveries.at(-1)).toMatchObject({
      status: "failed",
      last_error: expect.stringMatching(/410/),
    });
    const html = String(await renderDeliveriesPage(h.store, now(), () => undefined)); // /admin/deliveries

    expect(html).toMatch(/Channel <strong>gone<\/strong> \(webhook\) is disabled: [^<]*410/);
  });

  it("503 for a day: only the oldest delivery is retried, on the backoff schedule, and none is dead", async () => {
    const dispatcher = testDispatcher(h.store, now);
    const outageStart = h.clock.now.getTime();
    while (h.clock.now.getTime() - outageStart < DAY_SECONDS * 1000) {
      const head = (await deliveriesOf("flaky")).find((d) => d.status === "pending")!;
      h.clock.now = new Date(Math.max(h.clock.now.getTime(), Date.parse(head.nextAttemptAt)));
      await dispatcher.tick();
    }
    const attempts = flaky.received;
    expect(attempts.length).toBeGreaterThan(25);
    expect(attempts.length).toBeLessThan(40);
    expect(new Set(attempts.map((r) => r.webhookId)).size).toBe(1); // FIFO: the others wait behind it
    for (const r of attempts) expect(r.signatureValid).toBe(true);
    const gaps = attempts.slice(1).map((r, i) => r.timestamp - attempts[i]!.timestamp);
    expect(gaps.slice(0, 5)).toEqual([2, 4, 8, 16, 32]);
    expect(Math.max(...gaps)).toBe(3600);
    const states = (await deliveriesOf("flaky")).map((d) => [d.status, d.attempts, d.lastError]);
    expect(states).toEqual([
      ["pending", attempts.length, expect.stringMatching(/503/)],
      ["pending", 0, null],
      ["pending", 0, null],
      ["pending", 0, null],
    ]);
  });

  it("once it recovers every delivery arrives, in order, none twice", async () => {
    flaky.answer = 204;
    const dispatcher = testDispatcher(h.store, now);
    const head = (await deliveriesOf("flaky"))[0]!;
    h.clock.now = new Date(Date.parse(head.nextAttemptAt));
    await drain(dispatcher, h.store, now);
    const accepted = flaky.received.filter((r) => r.answered === 204);
    expect(accepted.map((r) => r.body.events.map((e) => e.id))).toEqual(written);
    expect(dedupe(accepted)).toEqual(accepted);
    const flakyStates = (await deliveriesOf("flaky")).map((d) => d.status);
    expect(flakyStates).toEqual(["delivered", "delivered", "delivered", "delivered"]);
    // The disabled channel stayed shut throughout.
    expect(gone.received).toHaveLength(1);
  });
});
