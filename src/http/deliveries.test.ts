// The delivery log through the real app: the JSON API and the /deliveries page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../domain/model.ts";
import type { Delivery } from "../domain/notification.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";

let store: Store;
let app: ReturnType<typeof createApp>;
const NOW = new Date("2026-08-02T00:00:00.000Z");
const at = (minutes: number) => new Date(NOW.getTime() - (60 - minutes) * 60_000).toISOString();

const event = (n: number): ChangeEvent => ({
  id: `ev-${n}`,
  type: "source.degraded",
  vendor: "acme",
  incidentId: null,
  componentId: null,
  at: at(n),
  data: { error: "HTTP 500" },
});

const delivery = (n: number, subscription: string, channel: string): Delivery => ({
  id: `d-${n}`,
  subscription,
  channel,
  vendor: "acme",
  incidentId: null,
  componentId: null,
  eventIds: [`ev-${n}`],
  status: "pending",
  attempts: 0,
  createdAt: at(n),
  nextAttemptAt: at(n),
  deliveredAt: null,
  lastError: null,
});

beforeAll(async () => {
  store = await openStore(":memory:");
  await store.addVendor({ slug: "acme", name: "Acme", url: "https://acme.example", platform: "feed" }, at(0));
  for (const id of ["ops", "gone"]) {
    await store.upsertChannel({
      id,
      type: "webhook",
      config: { url: `https://${id}.example` },
      disabledReason: null,
    });
    await store.upsertSubscription({
      id: `sub-${id}`,
      channel: id,
      vendors: null,
      components: null,
      minImpact: null,
      events: ["source.degraded"],
    });
  }
  for (let n = 1; n <= 5; n++) {
    const channel = n === 5 ? "gone" : "ops";
    await store.savePoll({
      vendor: "acme",
      polledAt: at(n),
      nextPollAt: at(n + 1),
      outcome: { ok: true },
      events: [event(n)],
      deliveries: [delivery(n, `sub-${channel}`, channel)],
    });
  }
  await store.finishDelivery("d-1", {
    status: "delivered",
    attempts: 1,
    nextAttemptAt: at(1),
    deliveredAt: at(1),
    lastError: null,
  });
  await store.finishDelivery("d-2", {
    status: "pending",
    attempts: 3,
    nextAttemptAt: at(70),
    deliveredAt: null,
    lastError: "HTTP 503 <from the receiver>",
  });
  await store.finishDelivery("d-3", {
    status: "dead",
    attempts: 35,
    nextAttemptAt: at(3),
    deliveredAt: null,
    lastError: "gave up after 35 attempts: HTTP 503",
  });
  await store.finishDelivery("d-5", {
    status: "failed",
    attempts: 1,
    nextAttemptAt: at(5),
    deliveredAt: null,
    lastError: "HTTP 410 Gone",
  });
  await store.setChannelDisabled("gone", "the receiver said it is gone: HTTP 410 Gone");
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(path: string, status = 200): Promise<any> {
  const res = await app.request(path);
  expect(res.status).toBe(status);
  return res.json();
}

describe("GET /api/v1/deliveries", () => {
  it("lists newest first, snake_case, and says when a channel is disabled", async () => {
    const body = await getJson("/api/v1/deliveries");
    expect(body.deliveries.map((d: { id: string }) => d.id)).toEqual(["d-5", "d-4", "d-3", "d-2", "d-1"]);
    expect(body.next).toBeNull();
    expect(body.deliveries[3]).toEqual({
      id: "d-2",
      subscription: "sub-ops",
      channel: "ops",
      vendor: "acme",
      incident_id: null,
      component_id: null,
      event_ids: ["ev-2"],
      status: "pending",
      attempts: 3,
      created_at: at(2),
      next_attempt_at: at(70),
      delivered_at: null,
      last_error: "HTTP 503 <from the receiver>",
      channel_disabled: null,
    });
    expect(body.deliveries[0]).toMatchObject({
      status: "failed",
      next_attempt_at: null,
      channel_disabled: "the receiver said it is gone: HTTP 410 Gone",
    });
    expect(body.deliveries[4]).toMatchObject({ status: "delivered", delivered_at: at(1) });
  });

  it.each([
    ["?status=dead", ["d-3"]],
    ["?status=pending", ["d-4", "d-2"]],
    ["?subscription=sub-gone", ["d-5"]],
    ["?subscription=sub-ops&status=delivered", ["d-1"]],
    ["?subscription=nobody", []],
  ])("filters %s", async (query, ids) => {
    const body = await getJson(`/api/v1/deliveries${query}`);
    expect(body.deliveries.map((d: { id: string }) => d.id)).toEqual(ids);
  });

  it("pages with the cursor, without overlap or gaps", async () => {
    const seen: string[] = [];
    let query = "?limit=2";
    for (let i = 0; i < 10; i++) {
      const body = await getJson(`/api/v1/deliveries${query}`);
      seen.push(...body.deliveries.map((d: { id: string }) => d.id));
      if (body.next === null) break;
      query = `?limit=2&before=${encodeURIComponent(body.next)}`;
    }
    expect(seen).toEqual(["d-5", "d-4", "d-3", "d-2", "d-1"]);
  });

  it("rejects an unknown status with 400", async () => {
    expect((await getJson("/api/v1/deliveries?status=lost", 400)).error).toMatch(/status must be one of/);
  });
});

describe("/deliveries page", () => {
  it("shows status, attempts, the last error (escaped) and the disabled channel", async () => {
    const res = await app.request("/deliveries");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(
      /Channel <strong>gone<\/strong> \(webhook\) is disabled: the receiver said it is gone/,
    );
    expect(page).toContain("HTTP 503 &lt;from the receiver&gt;");
    expect(page).not.toContain("<from the receiver>");
    expect(page).toContain("Dead (gave up)");
    expect(page).toContain("gave up after 35 attempts");
    expect(page).toMatch(/data-label="Attempts">35</);
    expect(page.indexOf("sub-gone")).toBeLessThan(page.indexOf("sub-ops"));
  });

  it("filters by status, and 400s an unknown one", async () => {
    const page = await (await app.request("/deliveries?status=delivered")).text();
    expect(page).toContain('<strong aria-current="page">Delivered</strong>');
    expect(page).not.toContain("gave up after");
    expect((await app.request("/deliveries?status=lost")).status).toBe(400);
  });
});
