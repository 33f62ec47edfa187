// SLA targets from the admin API and the admin page, through the real app over a seeded store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOW, seedRecord } from "../../test/helpers/seed-record.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "./web-app.ts";

const TOKEN = "sla-admin-test-token-0123456789";
const ORIGIN = "http://localhost";
let store: Store;

beforeEach(async () => {
  store = await openStore(":memory:");
  await seedRecord(store); // acme (components API, Web app, Docs) and quiet (none)
});
afterEach(() => store.close());

const app = () =>
  createWebApp({
    store,
    now: () => NOW,
    pollIntervalSeconds: 60,
    admin: { adminToken: TOKEN, channelFor: () => ({ id: "x", type: "webhook", send: async () => {} }) },
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await app().request(`/api/v1/admin/vendors${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

describe("admin API: SLA targets", () => {
  it("needs the bearer token for every route", async () => {
    for (const token of [null, "wrong"]) {
      expect((await call("GET", "/acme/sla", undefined, token)).status).toBe(401);
      expect((await call("PUT", "/acme/sla", { target: 99.9 }, token)).status).toBe(401);
      expect((await call("DELETE", "/acme/sla", undefined, token)).status).toBe(401);
    }
    expect(await store.listSlas()).toEqual([]);
  });

  it("sets (201), replaces (200), lists and removes targets, in the config file's shape", async () => {
    expect(await call("GET", "/acme/sla")).toEqual({ status: 200, body: [] });
    const whole = await call("PUT", "/acme/sla", { target: 99.9, credits: "95:25, 99.0:10", claim_days: 30 });
    const wholeJson = {
      vendor: "acme",
      component: null,
      target: 99.9,
      credits: "99:10,95:25",
      claim_days: 30,
    };
    expect(whole).toEqual({ status: 201, body: wholeJson });
    const api = await call("PUT", "/acme/sla", { target: 99.5, component: "API" });
    const apiJson = { vendor: "acme", component: "API", target: 99.5, credits: null, claim_days: null };
    expect(api).toEqual({ status: 201, body: apiJson });
    const again = await call("PUT", "/acme/sla", { target: 99.95, component: "API", credits: "" });
    expect(again).toEqual({ status: 200, body: { ...apiJson, target: 99.95 } });
    expect((await call("GET", "/acme/sla")).body).toEqual([wholeJson, { ...apiJson, target: 99.95 }]);
    // What the store holds is what the CLI and the SLA API read.
    expect(await store.listSlas()).toEqual([
      {
        vendor: "acme",
        component: null,
        targetPercent: 99.9,
        credits: [
          { below: 99, creditPercent: 10 },
          { below: 95, creditPercent: 25 },
        ],
        claimDays: 30,
      },
      { vendor: "acme", component: "API", targetPercent: 99.95, credits: [], claimDays: null },
    ]);
    const judged: Json = await (await app().request("/api/v1/sla?month=2024-05")).json();
    expect(judged.items.map((i: Json) => [i.component, i.target_percent])).toEqual([
      [null, 99.9],
      ["API", 99.95],
    ]);

    expect((await call("DELETE", "/acme/sla?component=API")).status).toBe(204);
    expect((await call("DELETE", "/acme/sla?component=API")).body).toEqual({
      error: 'no SLA for acme / "API"',
    });
    expect((await call("DELETE", "/acme/sla")).status).toBe(204);
    expect((await call("DELETE", "/acme/sla")).status).toBe(404);
    expect(await store.listSlas()).toEqual([]);
  });

  it.each([
    [{ target: 0 }, "target must be a percentage above 0 and at most 100, got 0"],
    [{ target: 100.5 }, "target must be a percentage above 0 and at most 100, got 100.5"],
    [{ target: "99.9" }, "target: Invalid input: expected number, received string"],
    [{}, "target: Invalid input: expected number, received undefined"],
    [{ target: 99, credits: "99:10;95:25" }, 'credits must look like "99.0:10,95.0:25"'],
    [{ target: 99, credits: "99:0" }, "a credit must be a percentage above 0 and at most 100, got 0"],
    [{ target: 99, claim_days: 0 }, "claim days must be whole days from 1 to 3650, got 0"],
    [{ target: 99, claim_days: 2.5 }, "claim days must be whole days from 1 to 3650, got 2.5"],
    [{ target: 99, component: "Nope" }, 'component: acme lists no component "Nope"'],
    [{ target: 99, component: "" }, "component: Too small: expected string to have >=1 characters"],
    [{ target: 99, extra: 1 }, 'Unrecognized key: "extra"'],
    ["[1]", "Invalid input: expected object, received array"],
    ["{not json", "the body must be a JSON object"],
  ])("refuses %j with a one-line 400", async (body, message) => {
    const res = await call("PUT", "/acme/sla", body);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(message);
    expect(res.body.error).not.toContain("\n");
    expect(await store.listSlas()).toEqual([]);
  });

  it("answers 404 for a vendor it does not watch", async () => {
    for (const [method, body] of [["GET"], ["PUT", { target: 99 }], ["DELETE"]] as const)
      expect(await call(method, "/nobody/sla", body)).toEqual({
        status: 404,
        body: { error: 'no vendor "nobody"' },
      });
  });

  it("is in the OpenAPI document", async () => {
    const doc: Json = await (await app().request("/api/v1/openapi.json")).json();
    expect(Object.keys(doc.paths["/admin/vendors/{slug}/sla"]).sort()).toEqual(["delete", "get", "put"]);
  });
});

interface FormRequest {
  cookie?: string;
  form?: Record<string, string>;
}

function request(path: string, init: FormRequest = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = ORIGIN;
  }
  return app().request(`${ORIGIN}${path}`, { method: body === undefined ? "GET" : "POST", headers, body });
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await request("/admin/login", { form: { token: TOKEN } });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const admin = await (await request("/admin", { cookie })).text();
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(admin)![1]! };
}

describe("admin pages: SLA targets", () => {
  it("link each vendor's SLA page from the admin page, with a summary of its targets", async () => {
    const { cookie } = await signIn();
    expect(await (await request("/admin", { cookie })).text()).toMatch(
      /none ·\s*<a href="\/admin\/vendors\/acme\/sla">Set<span class="visually-hidden"> SLA targets of Acme/,
    );
    await store.setSla({
      vendor: "acme",
      component: "API",
      targetPercent: 99.5,
      credits: [],
      claimDays: null,
    });
    expect(await (await request("/admin", { cookie })).text()).toContain("API 99.5 % ·");
  });

  it("offer the whole vendor or one of its components, and save the form as a target", async () => {
    const { cookie, csrf } = await signIn();
    const page = await (await request("/admin/vendors/acme/sla", { cookie })).text();
    expect(page).toContain("No SLA targets yet.");
    const select = /<select id="sla-component"[^]*?<\/select>/.exec(page)![0];
    const options = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options).toEqual(["", "API", "Web app", "Docs"]);

    const form = { csrf, component: "Web app", target: "99.9", credits: "99:10,95:25", claim_days: "30" };
    const saved = await request("/admin/vendors/acme/sla", { cookie, form });
    expect([saved.status, saved.headers.get("location")]).toEqual([
      303,
      "/admin/vendors/acme/sla?done=saved&what=Web%20app",
    ]);
    expect(await store.listSlas()).toEqual([
      {
        vendor: "acme",
        component: "Web app",
        targetPercent: 99.9,
        credits: [
          { below: 99, creditPercent: 10 },
          { below: 95, creditPercent: 25 },
        ],
        claimDays: 30,
      },
    ]);
    const after = await (await request(saved.headers.get("location")!, { cookie })).text();
    expect(after).toContain("Saved the SLA target of Web app.");
    expect(after).toMatch(/<th scope="row">Web app<\/th>\s*<td data-label="Target">99.9 %<\/td>/);
    expect(after).toContain("99:10,95:25");
    expect(after).toContain("30 days");

    await request("/admin/vendors/acme/sla", { cookie, form: { csrf, component: "", target: "99" } });
    expect((await store.listSlas()).map((t) => [t.component, t.targetPercent, t.claimDays])).toEqual([
      [null, 99, null],
      ["Web app", 99.9, 30],
    ]);
  });

  it("refuse a bad form with the reason, keeping what was typed", async () => {
    const { cookie, csrf } = await signIn();
    for (const [form, status, message] of [
      [{ target: "" }, 400, "target is required, e.g. 99.9"],
      [{ target: "abc" }, 400, "target must be a percentage above 0 and at most 100, got NaN"],
      [{ target: "99", credits: "lots" }, 400, "credits must look like"],
      [
        { target: "99", claim_days: "soon" },
        400,
        "claim days must be whole days from 1 to 3650, got &quot;soon&quot;",
      ],
      [{ target: "99", component: "Gone" }, 400, "component: acme lists no component &quot;Gone&quot;"],
    ] as const) {
      const res = await request("/admin/vendors/acme/sla", { cookie, form: { csrf, ...form } });
      expect(res.status).toBe(status);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`role="alert">[^<]*${message.replace(/[.()]/g, "\\$&")}`));
      if ("credits" in form) expect(html).toContain('value="lots"');
    }
    expect(await store.listSlas()).toEqual([]);
  });

  it("remove a target with its own button, and need the CSRF token", async () => {
    const { cookie, csrf } = await signIn();
    await store.setSla({ vendor: "acme", component: null, targetPercent: 99, credits: [], claimDays: null });
    await store.setSla({
      vendor: "acme",
      component: "API",
      targetPercent: 99.5,
      credits: [],
      claimDays: null,
    });
    const page = await (await request("/admin/vendors/acme/sla", { cookie })).text();
    expect(page).toContain('action="/admin/vendors/acme/sla/remove"');
    expect(page).toContain('Remove<span class="visually-hidden"> the SLA target of the whole vendor');

    const forged = await request("/admin/vendors/acme/sla/remove", { cookie, form: { component: "API" } });
    expect(forged.status).toBe(403);
    const removed = await request("/admin/vendors/acme/sla/remove", {
      cookie,
      form: { csrf, component: "API" },
    });
    expect(removed.headers.get("location")).toBe("/admin/vendors/acme/sla?done=removed&what=API");
    expect((await store.listSlas()).map((t) => t.component)).toEqual([null]);
    const again = await request("/admin/vendors/acme/sla/remove", {
      cookie,
      form: { csrf, component: "API" },
    });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("no SLA for acme / &quot;API&quot;");
  });

  it("answer 404 for a vendor it does not watch", async () => {
    const { cookie, csrf } = await signIn();
    expect((await request("/admin/vendors/nobody/sla", { cookie })).status).toBe(404);
    const res = await request("/admin/vendors/nobody/sla", { cookie, form: { csrf, target: "99" } });
    expect(res.status).toBe(404);
  });
});
