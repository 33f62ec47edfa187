// "/admin": add from the catalog — search, pick, and the usual add flow takes the catalog's page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApp } from "../../test/helpers/admin-app.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { sharedFixture } from "../../test/helpers/fixture-http.ts";
import type { CatalogEntry } from "../catalog/catalog.ts";
import { createHttpClient, type ClosableHttpClient } from "../lib/guarded-http.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";

const TOKEN = "admin-catalog-test-token-0123456789";
const ORIGIN = "http://localhost";
let page: FakeVendor;
let http: ClosableHttpClient;
let store: Store;
let catalog: CatalogEntry[];

beforeAll(async () => {
  page = await startFakeVendor({
    "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
    "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
  });
  http = createHttpClient({ allowPrivateTargets: true });
  store = await openStore(":memory:");
  // The page search reads the built-in catalog; adding resolves through this one, on loopback.
  catalog = [
    { slug: "github", name: "GitHub", category: "developer-tools", url: page.url, platform: "statuspage" },
  ];
});
afterAll(async () => {
  await store.close();
  await http.close();
  await page.close();
});

function request(path: string, cookie?: string, form?: Record<string, string>) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = ORIGIN;
  }
  return adminApp(store, http, TOKEN, catalog).request(`${ORIGIN}${path}`, {
    method: form ? "POST" : "GET",
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await request("/admin/login", undefined, { token: TOKEN });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const admin = await (await request("/admin", cookie)).text();
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(admin)![1]! };
}

describe("admin: add from the catalog", () => {
  it("offers a search, and lists matches each with a form that posts its slug to the add flow", async () => {
    const { cookie } = await signIn();
    expect(await (await request("/admin", cookie)).text()).toMatch(/<input id="catalog-q" name="catalog"/);
    const body = await (await request("/admin?catalog=github", cookie)).text();
    expect(body).toContain('value="github" placeholder');
    const forms = [...body.matchAll(/<input type="hidden" name="url" value="([^"]+)" \/>/g)].map((m) => m[1]);
    expect(forms[0]).toBe("github");
    expect(body).toMatch(
      /<form method="post" action="\/admin\/vendors" class="inline-form">\s*<input type="hidden" name="csrf"/,
    );
  });

  it("says so when nothing matches", async () => {
    const { cookie } = await signIn();
    const body = await (await request("/admin?catalog=nothing-like-it", cookie)).text();
    expect(body).toContain("No catalog service matches “nothing-like-it”.");
  });

  it("adds the picked service from the catalog entry, and explains an unknown word", async () => {
    const { cookie, csrf } = await signIn();
    const added = await request("/admin/vendors", cookie, { csrf, url: "github" });
    expect([added.status, added.headers.get("location")]).toEqual([303, "/admin?done=added&what=GitHub"]);
    expect(await store.getVendor("github")).toMatchObject({
      name: "GitHub",
      platform: "statuspage",
      category: "developer-tools",
    });
    const unknown = await request("/admin/vendors", cookie, { csrf, url: "nosuch" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("pingoru catalog search nosuch");
  });
});
