// The delivery log through the real web app: admin-only, the JSON API behind the admin token and the
// page behind the admin sign-in; the old public paths redirect there and show nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../domain/model.ts";
import type { Delivery } from "../domain/notification.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "../admin/web-app.ts";

let store: Store;
let app: ReturnType<typeof createWebApp>;
let cookie: string;
const TOKEN = "deliveries-admin-token";
const ORIGIN = "http://pingoru.test";
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
  app = createWebApp({
    store,
    now: () => NOW,
    pollIntervalSeconds: 60,
    admin: { adminToken: TOKEN, channelFor: () => Promise.reject(new Error("unused")) as never },
  });
  const login = await app.request(`${ORIGIN}/admin/login`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: TOKEN }).toString(),
  });
  expect(login.status).toBe(303);
  cookie = login.headers.get("set-cookie")!.split(";")[0]!;
});

const page = (path: string) => app.request(`${ORIGIN}${path}`, { headers: { cookie } });
afterAll(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(path: string, status = 200): Promise<any> {
  const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(status);
  return res.json();
}

describe("the delivery log is admin-only", () => {
  it("the old public API path redirects to the admin one, which needs the admin token", async () => {
    const moved = await app.request("/api/v1/deliveries?status=dead");
    expect([moved.status, moved.headers.get("location")]).toEqual([
      308,
      "/api/v1/admin/deliveries?status=dead",
    ]);
    expect(await moved.text()).not.toContain("ops");
    for (const headers of [{}, { authorization: "Bearer wrong" }]) {
      const res = await app.request("/api/v1/admin/deliveries", { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("sub-ops");
    }
  });

  it("the old page redirects to the admin one, which needs the admin sign-in", async () => {
    const moved = await app.request("/deliveries?status=dead");
    expect([moved.status, moved.headers.get("location")]).toEqual([308, "/admin/deliveries?status=dead"]);
    const anonymous = await app.request(`${ORIGIN}/admin/deliveries`);
    expect([anonymous.status, anonymous.headers.get("location")]).toEqual([303, "/admin/login"]);
  });
});

describe("GET /api/v1/admin/deliveries", () => {
  it("lists newest first, snake_case, and says when a channel is disabled", async () => {
    const body = await getJson("/api/v1/admin/deliveries");
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
    const body = await getJson(`/api/v1/admin/deliveries${query}`);
    expect(body.deliveries.map((d: { id: string }) => d.id)).toEqual(ids);
  });

  it("pages with the cursor, without overlap or gaps", async () => {
    const seen: string[] = [];
    let query = "?limit=2";
    for (let i = 0; i < 10; i++) {
      const body = await getJson(`/api/v1/admin/deliveries${query}`);
      seen.push(...body.deliveries.map((d: { id: string }) => d.id));
      if (body.next === null) break;
      query = `?limit=2&before=${encodeURIComponent(body.next)}`;
    }
    expect(seen).toEqual(["d-5", "d-4", "d-3", "d-2", "d-1"]);
  });

  it("rejects an unknown status with 400", async () => {
    expect((await getJson("/api/v1/admin/deliveries?status=lost", 400)).error).toMatch(
      /status must be one of/,
    );
  });
});

describe("/admin/deliveries page", () => {
  it("shows status, attempts, the last error (escaped) and the disabled channel", async () => {
    const res = await page("/admin/deliveries");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(
      /Channel <strong>gone<\/strong> \(webhook\) is disabled: the receiver said it is gone/,
    );
    expect(html).toContain("HTTP 503 &lt;from the receiver&gt;");
    expect(html).not.toContain("<from the receiver>");
    expect(html).toContain("Dead (gave up)");
    expect(html).toContain("gave up after 35 attempts");
    expect(html).toMatch(/data-label="Attempts">35</);
    expect(html.indexOf("sub-gone")).toBeLessThan(html.indexOf("sub-ops"));
  });

  it("filters by status, and 400s an unknown one", async () => {
    const html = await (await page("/admin/deliveries?status=delivered")).text();
    expect(html).toContain('<strong aria-current="page">Delivered</strong>');
    expect(html).not.toContain("gave up after");
    expect((await page("/admin/deliveries?status=lost")).status).toBe(400);
  });
});
