// Admin routes through the real app and a real store; channels are fakes that record or fail.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PingoruError } from "../lib/errors.ts";
import { DeliveryError, type Channel } from "../notify/channel.ts";
import type { ChannelConfig, Notification } from "../domain/notification.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "./web-app.ts";

const TOKEN = "t0ken-for-tests";
const SECRET = "whsec_c2VjcmV0LXNpZ25pbmcta2V5LWJ5dGVz";
let store: Store;
let sent: Notification[];
let failWith: Error | null;

const channelFor = (config: ChannelConfig): Channel => {
  if (config.type === "slack" && String(config.config.url).includes("invalid"))
    throw new PingoruError("input", `channel ${config.id}: url refused`);
  return {
    id: config.id,
    type: config.type,
    async send(notification) {
      if (failWith) throw failWith;
      sent.push(notification);
    },
  };
};

beforeEach(async () => {
  store = await openStore(":memory:");
  sent = [];
  failWith = null;
});
afterEach(() => store.close());

function app(adminToken: string | null = TOKEN) {
  return createWebApp({
    store,
    now: () => new Date("2026-08-01T00:00:00.000Z"),
    pollIntervalSeconds: 60,
    admin: { adminToken, channelFor },
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await app().request(`/api/v1/admin${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json, headers: res.headers };
}

const hook = { type: "webhook", url: "https://hooks.example/pingoru", secret: SECRET };

describe("admin API: access", () => {
  it("is disabled (403, one-line reason) when no token is configured", async () => {
    for (const token of [null, ""]) {
      const res = await app(token).request("/api/v1/admin/channels", {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: "admin API disabled: set PINGORU_ADMIN_TOKEN" });
    }
  });

  it.each([
    ["no header", null],
    ["a wrong token", "nope"],
    ["a token with a prefix of the right one", TOKEN.slice(0, 5)],
  ])("refuses %s with 401", async (_, token) => {
    const res = await call("GET", "/channels", undefined, token);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("does not reach the store without the token", async () => {
    expect((await call("PUT", "/channels/ops", hook, "nope")).status).toBe(401);
    expect(await store.listChannels()).toEqual([]);
  });
});

describe("admin API: channels", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:0:a9fe:a9fe]/x",
    "http://[64:ff9b:1::a9fe:a9fe]/x",
    "http://[2002:a9fe:a9fe::1]/x",
  ])("refuses a channel on the metadata address %s when it is saved (400), storing nothing", async (url) => {
    const refused = await call("PUT", "/channels/meta", { ...hook, url });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/must not point at a cloud metadata or link-local address/);
    expect(await store.listChannels()).toEqual([]);
  });

  it("creates (201), lists and shows with secrets as <secret>, updates (200), deletes (204 then 404)", async () => {
    const created = await call("PUT", "/channels/ops", hook);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: "ops", ...hook, secret: "<secret>", disabled_reason: null });
    expect(JSON.stringify((await call("GET", "/channels")).body)).not.toContain(SECRET);
    expect((await call("GET", "/channels/ops")).body.secret).toBe("<secret>");
    expect(await store.listChannels()).toEqual([
      { id: "ops", type: "webhook", config: { url: hook.url, secret: SECRET }, disabledReason: null },
    ]);

    const updated = await call("PUT", "/channels/ops", { ...hook, url: "https://hooks.example/v2" });
    expect(updated.status).toBe(200);
    expect((await store.listChannels())[0]!.config.url).toBe("https://hooks.example/v2");

    expect((await call("DELETE", "/channels/ops")).status).toBe(204);
    expect((await call("DELETE", "/channels/ops")).status).toBe(404);
    expect((await call("GET", "/channels/ops")).status).toBe(404);
  });

  it("a GET body PUT back as it is keeps the stored secret", async () => {
    await call("PUT", "/channels/ops", hook);
    const shown = (await call("GET", "/channels/ops")).body;
    expect((await call("PUT", "/channels/ops", shown)).status).toBe(200);
    expect((await store.listChannels())[0]!.config.secret).toBe(SECRET);
  });

  it("saving a disabled channel re-enables it", async () => {
    await call("PUT", "/channels/ops", hook);
    await store.setChannelDisabled("ops", "the receiver said it is gone: HTTP 410");
    expect((await call("GET", "/channels/ops")).body.disabled_reason).toMatch(/gone/);
    await call("PUT", "/channels/ops", hook);
    expect((await call("GET", "/channels/ops")).body.disabled_reason).toBeNull();
  });

  it.each([
    ["an unknown type", { type: "fax", url: "https://x.example" }, /type must be one of/],
    ["an unknown key", { ...hook, colour: "red" }, /unknown key colour/],
    ["a bad secret, without echoing it", { ...hook, secret: "hunter2hunter2" }, /secret: must be "whsec_"/],
    ["a channel the factory refuses", { type: "slack", url: "https://invalid.example" }, /url refused/],
    ["a body that is not JSON", "{nope", /JSON object/],
    ["an id in the body that differs", { ...hook, id: "other" }, /does not match/],
  ])("400s %s", async (_, body, reason) => {
    const res = await call("PUT", "/channels/ops", body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(reason);
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(await store.listChannels()).toEqual([]);
  });

  it("POST …/test sends a sample notification and reports the outcome", async () => {
    await call("PUT", "/channels/ops", hook);
    const ok = await call("POST", "/channels/ops/test");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, channel: "ops", ms: expect.any(Number) });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.events[0]!.type).toBe("incident.opened");
    failWith = new DeliveryError("HTTP 503 from hooks.example", { retryable: true });
    const failed = await call("POST", "/channels/ops/test");
    expect(failed.status).toBe(502);
    expect(failed.body).toEqual({ ok: false, channel: "ops", error: "HTTP 503 from hooks.example" });
    expect((await call("POST", "/channels/nope/test")).status).toBe(404);
  });
});

describe("admin API: subscriptions", () => {
  beforeEach(async () => {
    await call("PUT", "/channels/ops", hook);
  });

  it("creates, lists, updates and deletes, in the config file's shape", async () => {
    const body = {
      channel: "ops",
      vendors: ["github"],
      components: { github: ["Actions"] },
      min_impact: "major",
      events: ["incident.opened", "component.changed"],
      remind_before_minutes: 60,
      notify_during_maintenance: true,
    };
    const created = await call("PUT", "/subscriptions/gh-actions", body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: "gh-actions", ...body });
    expect(await store.listSubscriptions()).toEqual([
      {
        id: "gh-actions",
        channel: "ops",
        vendors: ["github"],
        components: { github: ["Actions"] },
        minImpact: "major",
        events: ["incident.opened", "component.changed"],
        remindBeforeMinutes: 60,
        notifyDuringMaintenance: true,
      },
    ]);
    const all = await call("PUT", "/subscriptions/gh-actions", { channel: "ops" });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      id: "gh-actions",
      channel: "ops",
      vendors: null,
      components: null,
      min_impact: null,
      events: ["incident.opened", "incident.updated", "incident.resolved"],
      remind_before_minutes: null,
      notify_during_maintenance: false,
    });
    expect((await call("GET", "/subscriptions")).body).toEqual([all.body]);
    expect((await call("DELETE", "/subscriptions/gh-actions")).status).toBe(204);
    expect((await call("GET", "/subscriptions/gh-actions")).status).toBe(404);
  });

  it.each([
    ["an unknown channel", { channel: "nope" }, /no channel "nope"/],
    ["an unknown event", { channel: "ops", events: ["incident.exploded"] }, /events/],
    ["an unknown impact", { channel: "ops", min_impact: "huge" }, /min_impact/],
    ["a reminder of no minutes", { channel: "ops", remind_before_minutes: 0 }, /remind_before_minutes/],
    ["an unknown key", { channel: "ops", vendor: ["github"] }, /unknown key vendor/],
  ])("400s %s", async (_, body, reason) => {
    const res = await call("PUT", "/subscriptions/s1", body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(reason);
    expect(await store.listSubscriptions()).toEqual([]);
  });
});
