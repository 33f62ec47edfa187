// Admin pages through the real app: sign-in cookie, CSRF on every form, and each action's effect in the store.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminApp } from "../../test/helpers/admin-app.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { createHttpClient, type ClosableHttpClient } from "../lib/guarded-http.ts";
import { getPlatform } from "../platforms/registry.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";

const TOKEN = "admin-pages-test-token-0123456789";
const ORIGIN = "http://localhost";
let page: FakeVendor;
let http: ClosableHttpClient;
let store: Store;

beforeAll(async () => {
  page = await startFakeVendor({
    "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
    "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
    "/page": localFixture("html/status-page.handmade.html"),
  });
  http = createHttpClient({ allowPrivateTargets: true });
});
afterAll(async () => {
  await http.close();
  await page.close();
});
beforeEach(async () => {
  store = await openStore(":memory:");
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
    "2026-08-01T00:00:00.000Z",
  );
});
afterEach(() => store.close());

interface FormRequest {
  method?: string;
  cookie?: string;
  form?: Record<string, string | string[]>;
  origin?: string;
}

function request(path: string, init: FormRequest = {}, token: string | null = TOKEN) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  let body: string | undefined;
  if (init.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(init.form)) for (const one of [v].flat()) params.append(k, one);
    body = params.toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = init.origin ?? ORIGIN;
  }
  return adminApp(store, http, token).request(`${ORIGIN}${path}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await request("/admin/login", { form: { token: TOKEN } });
  expect(res.status).toBe(303);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const admin = await (await request("/admin", { cookie })).text();
  return { cookie, csrf: csrfOf(admin) };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe("admin pages: access", () => {
  it("say how to turn them on when no token is configured", async () => {
    for (const path of ["/admin", "/admin/login"]) {
      const res = await request(path, {}, null);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("PINGORU_ADMIN_TOKEN");
    }
  });

  it("send a visitor without a session to the sign-in form, and refuse their POSTs", async () => {
    const res = await request("/admin");
    expect([res.status, res.headers.get("location")]).toEqual([303, "/admin/login"]);
    expect(await (await request("/admin/login")).text()).toContain('name="token"');
    const post = await request("/admin/vendors/acme/pause", { form: { csrf: "x" } });
    expect(post.status).toBe(403);
    expect((await store.getVendor("acme"))?.paused).toBe(false);
  });

  it("refuse a wrong token without a cookie", async () => {
    const res = await request("/admin/login", { form: { token: "wrong" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("not the admin token");
  });

  it("set an HttpOnly, SameSite=Strict session cookie that is not the token (Secure over https)", async () => {
    const res = await request("/admin/login", { form: { token: TOKEN } });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^pingoru_admin=[\w.-]+; Max-Age=43200; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TOKEN);
    const https = await adminApp(store, http, TOKEN).request("https://pingoru.example/admin/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${TOKEN}`,
    });
    expect(https.headers.get("set-cookie")).toContain("; Secure");
  });

  it("refuse a form without the session's CSRF token, with another session's, or from another origin", async () => {
    const { cookie, csrf } = await signIn();
    const other = await signIn();
    const attempts: FormRequest[] = [
      { cookie, form: {} },
      { cookie, form: { csrf: other.csrf } },
      { cookie, form: { csrf }, origin: "https://evil.example" },
    ];
    for (const init of attempts) {
      const res = await request("/admin/vendors/acme/pause", init);
      expect(res.status).toBe(403);
    }
    expect((await store.getVendor("acme"))?.paused).toBe(false);
    const ok = await request("/admin/vendors/acme/pause", { cookie, form: { csrf } });
    expect([ok.status, ok.headers.get("location")]).toEqual([303, "/admin?done=paused&what=acme"]);
    expect((await store.getVendor("acme"))?.paused).toBe(true);
  });

  it("sign out by clearing the cookie", async () => {
    const { cookie, csrf } = await signIn();
    const res = await request("/admin/logout", { cookie, form: { csrf } });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^pingoru_admin=; Max-Age=0; Path=\/admin/);
  });
});

describe("admin pages: vendors", () => {
  it("list vendors with pause, resume and remove forms that do what they say", async () => {
    const { cookie, csrf } = await signIn();
    const html = await (await request("/admin", { cookie })).text();
    expect(html).toContain('action="/admin/vendors/acme/pause"');
    expect(html).toContain('action="/admin/vendors/acme/remove"');
    await request("/admin/vendors/acme/pause", { cookie, form: { csrf } });
    const paused = await (await request("/admin?done=paused&what=acme", { cookie })).text();
    expect(paused).toContain("Paused acme: it is no longer polled.");
    expect(paused).toContain('action="/admin/vendors/acme/resume"');
    await request("/admin/vendors/acme/resume", { cookie, form: { csrf } });
    expect((await store.getVendor("acme"))?.paused).toBe(false);
    const removed = await request("/admin/vendors/acme/remove", { cookie, form: { csrf } });
    expect(removed.status).toBe(303);
    expect(await store.getVendor("acme")).toBeNull();
    expect((await request("/admin/vendors/acme/remove", { cookie, form: { csrf } })).status).toBe(404);
  });

  it("preview a page (platform, components with status, recent incidents), then add it with chosen components", async () => {
    const { cookie, csrf } = await signIn();
    const preview = await request("/admin/vendors/preview", { cookie, form: { csrf, url: page.url } });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("statuspage");
    expect(html).toContain('value="Git Operations"');
    expect(html).toContain("Recent incidents");
    const incidents = JSON.parse(sharedFixture("statuspage/github-incidents.json")).incidents;
    expect(html).toContain(incidents[0].name.replace(/&/g, "&amp;").replace(/'/g, "&#39;"));
    expect(await store.getVendor("github")).toBeNull(); // a preview stores nothing

    const added = await request("/admin/vendors", {
      cookie,
      form: {
        csrf,
        url: page.url,
        platform: "statuspage",
        slug: "github",
        name: "",
        components: ["Git Operations", "API Requests"],
      },
    });
    expect(added.status).toBe(303);
    const vendor = await store.getVendor("github");
    expect(vendor).toMatchObject({
      platform: "statuspage",
      watchedComponents: ["Git Operations", "API Requests"],
    });
    expect((await store.listIncidents("github", { limit: 1 })).items).toHaveLength(1);

    const again = await request("/admin/vendors", { cookie, form: { csrf, url: page.url, slug: "github" } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("is already watched as `github`");
  });

  it("show a page that cannot be read as an error on the admin page", async () => {
    const { cookie, csrf } = await signIn();
    const res = await request("/admin/vendors/preview", { cookie, form: { csrf, url: "not a url" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert">could not read not a url: /);
  });

  it("choose components: checkboxes of the vendor's components, saved as its watched list", async () => {
    const { cookie, csrf } = await signIn();
    await request("/admin/vendors", { cookie, form: { csrf, url: page.url, slug: "github" } });
    const form = await (await request("/admin/vendors/github/components", { cookie })).text();
    expect(form).toContain('value="Git Operations"');
    expect(form).not.toMatch(/"\s+checked/);
    await request("/admin/vendors/github/components", { cookie, form: { csrf, components: ["Webhooks"] } });
    expect((await store.getVendor("github"))?.watchedComponents).toEqual(["Webhooks"]);
    const again = await (await request("/admin/vendors/github/components", { cookie })).text();
    expect(again).toMatch(/value="Webhooks"\s+checked/);
    await request("/admin/vendors/github/components", { cookie, form: { csrf } });
    expect((await store.getVendor("github"))?.watchedComponents).toBeNull();
  });
});

describe("admin pages: channels and subscriptions", () => {
  it("add and remove a channel and a subscription; bad settings are shown, not saved", async () => {
    const { cookie, csrf } = await signIn();
    const webhook = { url: "https://hooks.example/p", secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=" };
    expect(
      (await request("/admin/channels", { cookie, form: { csrf, id: "ops", type: "webhook", ...webhook } }))
        .status,
    ).toBe(303);
    expect((await store.listChannels()).map((c) => [c.id, c.type])).toEqual([["ops", "webhook"]]);
    const bad = await request("/admin/channels", {
      cookie,
      form: { csrf, id: "x", type: "webhook", url: "not a url" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("url: must be an http(s) URL");

    const sub = await request("/admin/subscriptions", {
      cookie,
      form: {
        csrf,
        id: "ops-acme",
        channel: "ops",
        vendors: "acme",
        events: "incident.opened",
        min_impact: "major",
        remind_before_minutes: "45",
        notify_during_maintenance: "on",
      },
    });
    expect(sub.status).toBe(303);
    expect(await store.listSubscriptions()).toEqual([
      {
        id: "ops-acme",
        channel: "ops",
        vendors: ["acme"],
        components: null,
        minImpact: "major",
        events: ["incident.opened"],
        remindBeforeMinutes: 45,
        notifyDuringMaintenance: true,
      },
    ]);
    const badReminder = await request("/admin/subscriptions", {
      cookie,
      form: { csrf, channel: "ops", remind_before_minutes: "soon" },
    });
    expect(badReminder.status).toBe(400);
    expect(await badReminder.text()).toContain("remind_before_minutes");
    const html = await (await request("/admin", { cookie })).text();
    expect(html).toContain("reminder 45 min before maintenance");
    expect(html).toContain('action="/admin/subscriptions/ops-acme/remove"');
    expect(html).not.toContain("whsec_"); // secrets never on the page

    await request("/admin/subscriptions/ops-acme/remove", { cookie, form: { csrf } });
    expect(await store.listSubscriptions()).toEqual([]);
    await request("/admin/channels/ops/remove", { cookie, form: { csrf } });
    expect(await store.listChannels()).toEqual([]);
  });
});

describe("admin pages: a page with no API (platform html)", () => {
  const SELECTORS = localFixture("html/status-page.selectors.json");
  const unescape = (text: string) =>
    text.replace(
      /&(quot|#39|lt|gt|amp);/g,
      (_, e: string) => ({ quot: '"', "#39": "'", lt: "<", gt: ">", amp: "&" })[e]!,
    );
  const alertOf = (html: string) => unescape(/role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? "");
  const textareaOf = (html: string) =>
    unescape(/<textarea[^>]*id="vendor-html"[^>]*>\n?([^<]*)<\/textarea>/.exec(html)![1]!);
  const hiddenOf = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [
        m[1]!,
        unescape(m[2]!),
      ]),
    );

  it("preview the components the selectors read, with their mapped statuses, then add it with its selectors", async () => {
    const { cookie, csrf } = await signIn();
    const url = `${page.url}/page`;
    const preview = await request("/admin/vendors/preview", {
      cookie,
      form: { csrf, url, platform: "", html: SELECTORS },
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const shown = [
      ...html.matchAll(/name="components"\s+value="([^"]+)"[\s\S]*?class="status status-(\w+)"/g),
    ].map((m) => [unescape(m[1]!), m[2]]);
    const options = JSON.parse(SELECTORS);
    const read = await getPlatform("html").read({ url, feedUrl: null, options }, { http });
    if (read.unchanged) throw new Error("expected a snapshot");
    expect(shown).toEqual(read.snapshot.components.map((c) => [c.name, c.status]));
    expect(new Set(shown.map(([, status]) => status)).size).toBeGreaterThanOrEqual(4); // the words were mapped
    expect(html).toMatch(/<dd>\s*html\b/);
    expect(await store.getVendor("acme-html")).toBeNull(); // a preview stores nothing

    // Post the preview's own add form back, as the browser would.
    const hidden = hiddenOf(html);
    expect(JSON.parse(hidden.html!)).toEqual(options);
    const added = await request("/admin/vendors", {
      cookie,
      form: { ...hidden, slug: "acme-html", components: "Dashboard" },
    });
    expect(added.status).toBe(303);
    expect(await store.getVendor("acme-html")).toMatchObject({
      platform: "html",
      platformOptions: options,
      watchedComponents: ["Dashboard"],
    });
    expect((await store.listComponents("acme-html")).map((c) => c.name)).toEqual(shown.map(([name]) => name));
  });

  const withKey = JSON.stringify({ ...JSON.parse(SELECTORS), colour: "red" });
  const refused: [string, Record<string, string>, RegExp][] = [
    ["bad JSON", { html: "{component: li.component}" }, /^HTML selectors: not JSON: \S/],
    ["an unknown key", { html: withKey }, /^HTML selectors: unknown key colour$/],
    [
      "a key with a bad value",
      { html: '{"component": "li", "statuses": {"up": "fine"}}' },
      /^HTML selectors: statuses\.up: /,
    ],
    [
      "selectors with another platform",
      { platform: "statuspage", html: SELECTORS },
      /^HTML selectors are for platform html, not statuspage$/,
    ],
    [
      "platform html without selectors",
      { platform: "html", html: "" },
      /^platform html needs HTML selectors$/,
    ],
  ];
  it.each(refused)(
    "refuse %s with a one-line error, keeping what was typed, reading and storing nothing",
    async (_, given, error) => {
      const { cookie, csrf } = await signIn();
      const form = { csrf, url: `${page.url}/page`, feed: "", platform: "", html: "", ...given };
      const before = page.hits().length;
      const preview = await request("/admin/vendors/preview", { cookie, form });
      expect(preview.status).toBe(400);
      const html = await preview.text();
      expect(alertOf(html)).toMatch(error);
      expect(alertOf(html)).not.toContain("\n");
      expect(textareaOf(html)).toBe(form.html.trim());
      expect(html).toContain(`value="${form.url}"`);
      expect(html).toMatch(/id="vendor-html"[^>]*aria-invalid="true"/);
      if (form.platform) expect(html).toContain(`<option selected>${form.platform}</option>`);

      const added = await request("/admin/vendors", { cookie, form: { ...form, slug: "acme-html" } });
      expect(added.status).toBe(400);
      expect(alertOf(await added.text())).toMatch(error);
      expect(page.hits().length).toBe(before);
      expect(await store.getVendor("acme-html")).toBeNull();
    },
  );
});
