// Admin API for vendors through the real app, a real store, and a loopback fake Statuspage page.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { adminApp } from "../../test/helpers/admin-app.ts";
import { createHttpClient, type ClosableHttpClient } from "../lib/guarded-http.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";

const TOKEN = "t0ken-for-vendor-tests";

let vendor: FakeVendor;
let http: ClosableHttpClient;
let store: Store;

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
    "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
    "/page": localFixture("html/status-page.handmade.html"),
  });
  http = createHttpClient({ allowPrivateTargets: true });
});
afterAll(async () => {
  await http.close();
  await vendor.close();
});
beforeEach(async () => {
  store = await openStore(":memory:");
});
afterEach(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await adminApp(store, http, TOKEN).request(`/api/v1/admin/vendors${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

describe("admin API: vendors", () => {
  it("needs the token", async () => {
    expect((await call("POST", "", { url: vendor.url }, null)).status).toBe(401);
    expect((await call("POST", "/x/pause", undefined, "wrong")).status).toBe(401);
    expect(await store.listVendors()).toEqual([]);
  });

  it("adds by URL like `vendors add` (detects, loads the baseline), then refuses the same slug (409)", async () => {
    const added = await call("POST", "", { url: vendor.url, slug: "github", components: ["Git Operations"] });
    expect(added.status).toBe(201);
    expect(added.body.vendor).toMatchObject({
      slug: "github",
      platform: "statuspage",
      paused: false,
      watched_components: ["Git Operations"],
    });
    expect(added.body.detection.kind).toBe("statuspage");
    expect(added.body.baseline).toEqual({ ok: true });
    expect((await store.listIncidents("github", { limit: 5 })).items.length).toBeGreaterThan(0);
    expect((await call("POST", "", { url: vendor.url, slug: "github" })).status).toBe(409);
  });

  it.each([
    ["no url", {}, 400],
    ["an unknown field", { url: "https://x.example", colour: "red" }, 400],
    ["a bad platform", { url: "https://x.example", platform: "myspace" }, 400],
    ["a bad slug", { url: "https://x.example", slug: "Not A Slug" }, 400],
    ["a non-http URL", { url: "ftp://x.example" }, 400],
    [
      "html selectors with no statuses",
      { url: "https://x.example", html: { component: "li", statuses: {} } },
      400,
    ],
    [
      "html selectors for another platform",
      {
        url: "https://x.example",
        platform: "feed",
        html: { component: "li", statuses: { up: "operational" } },
      },
      400,
    ],
  ])("refuses %s with %i and stores nothing", async (_, body, status) => {
    const res = await call("POST", "", body);
    expect(res.status).toBe(status);
    expect(typeof res.body.error).toBe("string");
    expect(await store.listVendors()).toEqual([]);
  });

  it("adds a page with no API by its html selectors, and keeps them when components are chosen", async () => {
    const html = {
      component: "li.component",
      name: ".component__name",
      status: ".component__status",
      statuses: { operational: "operational", "major outage": "major_outage" },
    };
    const added = await call("POST", "", { url: `${vendor.url}/page`, slug: "acme", html });
    expect(added.status).toBe(201);
    expect(added.body.vendor).toMatchObject({ slug: "acme", platform: "html", platform_options: html });
    expect(added.body.detection).toBeNull();
    expect((await store.listComponents("acme")).map((c) => c.name)).toContain("Managed Database");
    const chosen = await call("PUT", "/acme/components", { components: ["API"] });
    expect(chosen.body).toMatchObject({ watched_components: ["API"], platform_options: html });
  });

  it("pauses, resumes, sets components, removes; 404 for an unknown slug", async () => {
    await store.addVendor(
      { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
      "2026-08-01T00:00:00.000Z",
    );
    expect((await call("POST", "/acme/pause")).body).toMatchObject({ slug: "acme", paused: true });
    expect((await store.getVendor("acme"))?.paused).toBe(true);
    expect((await call("POST", "/acme/resume")).body.paused).toBe(false);

    const set = await call("PUT", "/acme/components", { components: ["API", "API", "Web"] });
    expect([set.status, set.body.watched_components]).toEqual([200, ["API", "Web"]]);
    expect((await store.getVendor("acme"))?.watchedComponents).toEqual(["API", "Web"]);
    expect((await call("PUT", "/acme/components", { components: null })).body.watched_components).toBeNull();
    expect((await call("PUT", "/acme/components", { components: "API" })).status).toBe(400);

    expect((await call("DELETE", "/acme")).status).toBe(204);
    expect(await store.getVendor("acme")).toBeNull();
    for (const [method, path] of [
      ["DELETE", "/acme"],
      ["POST", "/acme/pause"],
      ["POST", "/acme/resume"],
      ["PUT", "/acme/components"],
    ] as const)
      expect((await call(method, path, method === "PUT" ? { components: null } : undefined)).status).toBe(
        404,
      );
  });
});
