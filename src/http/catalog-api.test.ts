// The catalog over HTTP, and a vendor's category from store to API to the dashboard's filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";

const NOW = new Date("2026-01-01T00:00:00Z");
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  const at = NOW.toISOString();
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://a.example", platform: "statuspage", category: "cloud" },
    at,
  );
  await store.addVendor(
    { slug: "bank", name: "Bank", url: "https://b.example", platform: "statuspage", category: "payments" },
    at,
  );
  await store.addVendor({ slug: "plain", name: "Plain", url: "https://p.example", platform: "feed" }, at);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function getJson(path: string): Promise<any> {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return res.json();
}

describe("GET /api/v1/catalog", () => {
  it("searches the built-in catalog, best match first, in the public entry shape", async () => {
    const { entries } = await getJson("/api/v1/catalog?q=github");
    expect(entries[0]).toEqual({
      slug: "github",
      name: "GitHub",
      category: "developer-tools",
      url: "https://www.githubstatus.com",
      platform: "statuspage",
      feed: null,
    });
  });

  it("lists the whole catalog without q, and nothing for words that match nothing", async () => {
    expect((await getJson("/api/v1/catalog")).entries.length).toBeGreaterThanOrEqual(300);
    expect(await getJson("/api/v1/catalog?q=nothing-like-it")).toEqual({ entries: [] });
    const azure = (await getJson("/api/v1/catalog?q=azure")).entries;
    expect(azure[0]).toMatchObject({
      slug: "azure",
      platform: "azure",
      feed: expect.stringMatching(/^https:/),
    });
  });
});

describe("a vendor's category", () => {
  it("is stored; an upsert without one keeps it, null clears it", async () => {
    expect((await store.getVendor("acme"))?.category).toBe("cloud");
    expect((await store.getVendor("plain"))?.category).toBeNull();
    const input = { slug: "bank", name: "Bank", url: "https://b.example", platform: "statuspage" } as const;
    await store.upsertVendor(input, NOW.toISOString());
    expect((await store.getVendor("bank"))?.category).toBe("payments");
    await store.upsertVendor({ ...input, category: null }, NOW.toISOString());
    expect((await store.getVendor("bank"))?.category).toBeNull();
    await store.upsertVendor({ ...input, category: "payments" }, NOW.toISOString());
  });

  it("is in the vendor API", async () => {
    const vendors: { slug: string; category: string | null }[] = await getJson("/api/v1/vendors");
    expect(vendors.map((v) => [v.slug, v.category])).toEqual([
      ["acme", "cloud"],
      ["bank", "payments"],
      ["plain", null],
    ]);
    expect((await getJson("/api/v1/vendors/acme")).category).toBe("cloud");
  });

  it.each([
    ["/?category=cloud", ["acme"]],
    ["/?category=payments", ["bank"]],
    ["/?category=databases", []],
    ["/", ["acme", "bank", "plain"]],
  ])("filters the dashboard: %s", async (path, slugs) => {
    const body = await (await app.request(path)).text();
    expect([...body.matchAll(/<tr\s+data-slug="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(slugs);
  });

  it("offers the vendors' categories in the dashboard's filter", async () => {
    const body = await (await app.request("/?category=cloud")).text();
    const options = [...body.matchAll(/<option value="([a-z-]+)"\s*(selected)?\s*>\1<\/option>/g)];
    expect(options.map((m) => [m[1], m[2] === "selected"])).toEqual([
      ["cloud", true],
      ["payments", false],
    ]);
  });
});
