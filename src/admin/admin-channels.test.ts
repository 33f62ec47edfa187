// The admin page's channel forms over real HTTP (@hono/node-server on loopback), with the real channel
// factory: a form per kind with its own fields, secrets never on the page and kept when left blank,
// errors shown on the form as typed, and "send test" against a real loopback receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHttpReceiver, type HttpReceiver } from "../../test/helpers/http-receiver.ts";
import { startHttpServer, type HttpServer } from "../http/server.ts";
import { channelFields } from "../notify/channel-settings.ts";
import { createChannel } from "../notify/channels/index.ts";
import { CHANNELS } from "../notify/registry.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "./web-app.ts";

const TOKEN = "admin-channels-test-token-0123456789";
const SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
let store: Store;
let server: HttpServer;
let receiver: HttpReceiver;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  store = await openStore(":memory:");
  receiver = await startHttpReceiver();
  const now = () => new Date();
  const app = createWebApp({
    store,
    now,
    pollIntervalSeconds: 60,
    admin: {
      adminToken: TOKEN,
      channelFor: (config) => createChannel(config, { allowPrivateTargets: true }),
    },
  });
  server = await startHttpServer(app, { port: 0, host: "127.0.0.1" });
  const login = await post("/admin/login", { token: TOKEN }, "");
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const admin = await (await get("/admin", cookie)).text();
  session = { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(admin)![1]! };
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await store?.close();
});
beforeEach(async () => {
  for (const channel of await store.listChannels()) await store.removeChannel(channel.id);
  receiver.requests.length = 0;
});

function get(path: string, cookie = session.cookie) {
  return fetch(server.url + path, { headers: { cookie }, redirect: "manual" });
}

function post(path: string, form: Record<string, string | string[]>, cookie = session.cookie) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries({ csrf: session?.csrf ?? "", ...form }))
    for (const one of [value].flat()) body.append(name, one);
  return fetch(server.url + path, { method: "POST", headers: { cookie }, body, redirect: "manual" });
}

const alertOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1] ?? null;
const inputOf = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>`).exec(html)?.[0] ?? null;

describe("admin channel forms", () => {
  it.each(CHANNELS.map((d) => [d.type, d] as const))(
    "the admin page has a %s form with a field per setting, secrets as password fields",
    async (type, definition) => {
      const html = await (await get("/admin")).text();
      const form = new RegExp(`<form[^>]*>(?:(?!</form>)[\\s\\S])*value="${type}"[\\s\\S]*?</form>`).exec(
        html,
      )![0];
      expect(form).toContain(`<button type="submit">Add ${type} channel</button>`);
      for (const field of channelFields(definition)) {
        const input = inputOf(form, field.name);
        expect(input, field.name).not.toBeNull();
        if (field.secret) expect(input).toContain('type="password"');
        if (field.kind === "number") expect(input).toContain('type="number"');
        if (field.kind === "boolean") expect(input).toContain('type="checkbox"');
      }
    },
  );

  it("adds a webhook; the page never shows its secret; a blank secret on edit keeps it", async () => {
    const added = await post("/admin/channels", {
      type: "webhook",
      id: "ops",
      url: "https://hooks.example/p",
      secret: SECRET,
    });
    expect([added.status, added.headers.get("location")]).toEqual([
      303,
      "/admin?done=channel-saved&what=ops",
    ]);
    expect((await store.listChannels())[0]).toMatchObject({
      id: "ops",
      type: "webhook",
      config: { url: "https://hooks.example/p", secret: SECRET },
    });
    const admin = await (await get("/admin?done=channel-saved&what=ops")).text();
    expect(admin).toContain("Saved channel ops.");
    expect(admin).toContain('href="/admin/channels/ops"');

    const edit = await (await get("/admin/channels/ops")).text();
    expect(inputOf(edit, "url")).toContain('value="https://hooks.example/p"');
    expect(inputOf(edit, "secret")).toMatch(/type="password"(?![^>]*value=)/);
    expect(edit).toContain("leave blank to keep the stored one");
    for (const html of [admin, edit]) expect(html).not.toContain(SECRET.slice(6, 20));

    const kept = { type: "webhook", id: "ops", editing: "1", url: "https://hooks.example/q", secret: "" };
    expect((await post("/admin/channels", kept)).status).toBe(303);
    expect((await store.listChannels())[0]!.config).toEqual({
      url: "https://hooks.example/q",
      secret: SECRET,
    });
    const replaced = "whsec_b3RoZXItb3RoZXItb3RoZXI=";
    await post("/admin/channels", { ...kept, secret: replaced });
    expect((await store.listChannels())[0]!.config).toEqual({
      url: "https://hooks.example/q",
      secret: replaced,
    });
  });

  it("adds an email channel: a list, a nested port number and a switch; edit shows them back", async () => {
    const res = await post("/admin/channels", {
      type: "email",
      id: "mail",
      to: "a@example.com, b@example.com",
      from: "pingoru@example.com",
      "smtp.host": "127.0.0.1",
      "smtp.port": "2525",
      "smtp.secure": "on",
      "smtp.user": "",
      "smtp.password": "hunter2-pw",
    });
    expect(res.status).toBe(303);
    expect((await store.listChannels())[0]!.config).toEqual({
      to: ["a@example.com", "b@example.com"],
      from: "pingoru@example.com",
      smtp: { host: "127.0.0.1", port: 2525, secure: true, password: "hunter2-pw" },
    });
    const edit = await (await get("/admin/channels/mail")).text();
    expect(inputOf(edit, "to")).toContain('value="a@example.com, b@example.com"');
    expect(inputOf(edit, "smtp.port")).toContain('value="2525"');
    expect(inputOf(edit, "smtp.secure")).toContain("checked");
    expect(edit).not.toContain("hunter2");
  });

  it.each<[string, Record<string, string>, number, RegExp]>([
    [
      "a bad URL",
      { type: "webhook", id: "x", url: "ftp://nope" },
      400,
      /^could not save the channel: channel x: url: must be an http\(s\) URL$/,
    ],
    [
      "a missing required field",
      { type: "slack", id: "x", url: "" },
      400,
      /^could not save the channel: channel x: url: /,
    ],
    [
      "a bad id",
      { type: "webhook", id: "no spaces", url: "https://hooks.example/s" },
      400,
      /invalid channel id/,
    ],
    [
      "an unknown type",
      { type: "carrier-pigeon", id: "x" },
      400,
      /unknown channel type "carrier-pigeon" \(one of webhook, slack, /,
    ],
  ])(
    "refuses %s with a one-line error, keeping what was typed but no secret",
    async (_, form, status, error) => {
      const res = await post("/admin/channels", { ...form, secret: "whsec_dHlwZWQtdHlwZWQtdHlwZWQ=" });
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(alertOf(html)?.replace(/&quot;/g, '"')).toMatch(error);
      if (form.url) expect(inputOf(html, "url") ?? "").toContain(`value="${form.url}"`);
      expect(html).not.toContain("dHlwZWQt");
      expect(await store.listChannels()).toEqual([]);
    },
  );

  it("sign-out revokes the session on the server: the same cookie no longer signs in", async () => {
    const login = await post("/admin/login", { token: TOKEN }, "");
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const page = await (await get("/admin", cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const body = new URLSearchParams({ csrf });
    const out = await fetch(`${server.url}/admin/logout`, {
      method: "POST",
      headers: { cookie },
      body,
      redirect: "manual",
    });
    expect(out.status).toBe(303);
    const again = await get("/admin", cookie); // a copy of the cookie kept after signing out
    expect([again.status, again.headers.get("location")]).toEqual([303, "/admin/login"]);
    const form = await fetch(`${server.url}/admin/channels`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ csrf, type: "slack", id: "late", url: "https://hooks.example/s" }),
      redirect: "manual",
    });
    expect(form.status).toBe(403);
    expect(await form.text()).toContain("Your session has ended");
    expect(await store.listChannels()).toEqual([]);
    expect((await get("/admin")).status).toBe(200); // another session is untouched
  });

  it("refuses a channel on the metadata address when it is saved", async () => {
    const refused = await post("/admin/channels", {
      type: "webhook",
      id: "meta",
      url: "http://[64:ff9b::a9fe:a9fe]/latest",
    });
    expect(refused.status).toBe(400);
    expect(alertOf(await refused.text())).toMatch(/must not point at a cloud metadata or link-local address/);
    expect(await store.listChannels()).toEqual([]);
  });

  it("refuses to add over an existing channel (409): editing it is the way", async () => {
    await post("/admin/channels", { type: "slack", id: "chat", url: "https://hooks.example/s1" });
    const again = await post("/admin/channels", {
      type: "slack",
      id: "chat",
      url: "https://hooks.example/s2",
    });
    expect(again.status).toBe(409);
    expect(alertOf(await again.text())).toContain("already exists: edit it");
    expect((await store.listChannels())[0]!.config).toEqual({ url: "https://hooks.example/s1" });
  });
});

describe("admin channel send test", () => {
  it("sends the sample through the real channel and shows the outcome beside the channel", async () => {
    await post("/admin/channels", {
      type: "webhook",
      id: "ops",
      url: receiver.url("accept"),
      secret: SECRET,
    });
    const res = await post("/admin/channels/ops/test", {});
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/admin\?tested=ops&ms=\d+#channel-ops$/);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ type: "incident.opened" });

    const html = await (await get(location)).text();
    const item = /<li id="channel-ops">[\s\S]*?<\/li>/.exec(html)![0];
    expect(item).toMatch(/role="status">Test sent: ops accepted it in \d+ ms\.</);
  });

  it("shows a refusal as an alert beside the channel, without the secret URL's token", async () => {
    await post("/admin/channels", {
      type: "slack",
      id: "chat",
      url: receiver.url("rejected", "/T0/B0/TOKEN123"),
    });
    const res = await post("/admin/channels/chat/test", {});
    const html = await (await get(res.headers.get("location")!)).text();
    const item = /<li id="channel-chat">[\s\S]*?<\/li>/.exec(html)![0];
    expect(alertOf(item)).toMatch(/^Test failed: .*400/);
    expect(html).not.toContain("TOKEN123");
    expect(receiver.requests).toHaveLength(1);
  });

  it("refuses a test without the session's CSRF token, and a channel that does not exist", async () => {
    await post("/admin/channels", { type: "webhook", id: "ops", url: receiver.url("accept") });
    expect((await post("/admin/channels/ops/test", { csrf: "forged" })).status).toBe(403);
    expect(receiver.requests).toHaveLength(0);
    const missing = await post("/admin/channels/nope/test", {});
    expect(missing.status).toBe(404);
    expect(alertOf(await missing.text())).toContain("no channel &quot;nope&quot;");
  });
});
