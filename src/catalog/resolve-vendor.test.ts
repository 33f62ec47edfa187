// `vendors add github`: resolution alone, then through addVendor against a loopback fake Statuspage page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import { localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startLoopbackFixtures } from "../../test/helpers/loopback-fixtures.ts";
import { PingoruError } from "../lib/errors.ts";
import { createHttpClient, type ClosableHttpClient } from "../lib/guarded-http.ts";
import { getPlatform } from "../platforms/registry.ts";
import { addVendor, type AddVendorDeps } from "../poller/add-vendor.ts";
import { createMemoryCache } from "../poller/memory-cache.ts";
import { openStore } from "../store/open-store.ts";
import { loadCatalog, type CatalogEntry } from "./catalog.ts";
import { resolveVendorRequest } from "./resolve-vendor.ts";

const CATALOG: CatalogEntry[] = [
  {
    slug: "acme",
    name: "Acme Cloud",
    category: "cloud",
    url: "https://status.acme.example",
    platform: "statuspage",
    feed: "https://status.acme.example/history.atom",
  },
];

describe("resolveVendorRequest", () => {
  it("turns a slug or a name into the entry's page, platform, feed, name, slug and category", () => {
    const expected = {
      url: "https://status.acme.example",
      name: "Acme Cloud",
      slug: "acme",
      platform: "statuspage",
      feedUrl: "https://status.acme.example/history.atom",
      category: "cloud",
    };
    expect(resolveVendorRequest({ url: "acme" }, CATALOG)).toEqual(expected);
    expect(resolveVendorRequest({ url: " Acme cloud " }, CATALOG)).toEqual(expected);
  });

  it("lets the user's own slug, name, platform and feed win", () => {
    const given = {
      url: "acme",
      slug: "a",
      name: "A",
      platform: "feed",
      feedUrl: "https://f.example",
    } as const;
    expect(resolveVendorRequest(given, CATALOG)).toEqual({
      ...given,
      url: CATALOG[0]!.url,
      category: "cloud",
    });
  });

  it("passes a URL through, adding the category, platform and feed when it is a catalog page", () => {
    expect(resolveVendorRequest({ url: "https://other.example" }, CATALOG)).toEqual({
      url: "https://other.example",
    });
    expect(resolveVendorRequest({ url: "https://status.acme.example/" }, CATALOG)).toEqual({
      url: "https://status.acme.example/",
      platform: "statuspage",
      feedUrl: "https://status.acme.example/history.atom",
      category: "cloud",
    });
    // A platform the user names wins, and the catalog's feed (which belongs to its platform) is dropped.
    expect(resolveVendorRequest({ url: "https://status.acme.example", platform: "feed" }, CATALOG)).toEqual({
      url: "https://status.acme.example",
      platform: "feed",
      feedUrl: undefined,
      category: "cloud",
    });
  });

  it("refuses an unknown word in one line that points at the catalog search", () => {
    const error = (() => {
      try {
        return resolveVendorRequest({ url: "nosuch" }, CATALOG);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PingoruError);
    expect((error as PingoruError).kind).toBe("input");
    expect((error as PingoruError).message).toMatch(
      /^"nosuch" is not a valid URL.*pingoru catalog search nosuch\)$/,
    );
  });
});

describe("addVendor with a catalog slug", () => {
  let vendor: FakeVendor;
  let http: ClosableHttpClient;

  beforeAll(async () => {
    vendor = await startFakeVendor({
      "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
      "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
    });
    http = createHttpClient({ allowPrivateTargets: true });
  });
  afterAll(async () => {
    await http.close();
    await vendor.close();
  });

  it("adds `github` from the catalog: its page and platform (no detection), name, slug and category", async () => {
    const store = await openStore(":memory:");
    const catalog: CatalogEntry[] = [
      {
        slug: "github",
        name: "GitHub",
        category: "developer-tools",
        url: vendor.url,
        platform: "statuspage",
      },
    ];
    const deps: AddVendorDeps = {
      store,
      http,
      platform: getPlatform,
      detect: () => Promise.reject(new Error("a catalog entry names its platform: no detection")),
      now: () => new Date("2026-01-01T00:00:00Z"),
      defaultIntervalSeconds: 60,
      cacheFor: () => createMemoryCache(),
      catalog,
    };
    try {
      const added = await addVendor({ url: "github" }, deps);
      expect(added.detection).toBeNull();
      expect(added.baseline.ok).toBe(true);
      expect(added.vendor).toMatchObject({
        slug: "github",
        name: "GitHub",
        url: vendor.url.replace(/\/$/, ""),
        platform: "statuspage",
        category: "developer-tools",
      });
      expect(vendor.hits()).toContain("/api/v2/summary.json");
      await expect(addVendor({ url: "gitlab" }, deps)).rejects.toThrow(/pingoru catalog search gitlab/);
      expect((await store.listVendors()).map((v) => v.slug)).toEqual(["github"]);
      // The config file later points the slug at another page: refused, the record untouched.
      const before = await store.getVendor("github");
      await expect(
        addVendor(
          { url: "https://status.clerk.example", slug: "github", platform: "statuspage" },
          deps,
          true,
        ),
      ).rejects.toThrow(/vendor "github" watches .* not https:\/\/status\.clerk\.example.*slug of its own/);
      await expect(addVendor({ url: "github", platform: "incidentio" }, deps, true)).rejects.toThrow(
        /\(statuspage\), not .* \(incidentio\)/,
      );
      expect(await store.getVendor("github")).toEqual(before);
      // The same page again (a config reload) still updates it.
      await addVendor({ url: "github", name: "GitHub, Inc." }, deps, true);
      expect((await store.getVendor("github"))?.name).toBe("GitHub, Inc.");
    } finally {
      await store.close();
    }
  });
});

// The built-in catalog's cloud entries: resolved to their own adapters, then added and read through
// them (the loopback client answers for the providers' real hosts; every other URL is a 404).
const CLOUD: [slug: string, platform: string, url: string, endpoints: () => Record<string, string>][] = [
  [
    "aws",
    "aws",
    "https://health.aws.amazon.com/health/status",
    () => ({
      "https://health.aws.amazon.com/public/currentevents": localFixture(
        "aws/currentevents.documented-format.json",
      ),
    }),
  ],
  [
    "google-cloud",
    "gcp",
    "https://status.cloud.google.com",
    () => ({
      "https://status.cloud.google.com/incidents.json": localFixture("gcp/incidents.documented-format.json"),
      "https://status.cloud.google.com/products.json": localFixture("gcp/products.documented-format.json"),
    }),
  ],
];

describe("the built-in catalog's cloud providers", () => {
  const net = startLoopbackFixtures();
  afterAll(() => net.close());

  it.each(CLOUD)("`%s` resolves to the %s platform at %s", (slug, platform, url) => {
    expect(resolveVendorRequest({ url: slug })).toMatchObject({ url, platform, slug });
  });

  it.each(CLOUD)("`vendors add %s` reads it with the %s adapter", async (slug, platform, url, endpoints) => {
    net.serve(endpoints());
    const store = await openStore(":memory:");
    const deps: AddVendorDeps = {
      store,
      http: net.http,
      platform: getPlatform,
      detect: () => Promise.reject(new Error("a catalog entry names its platform: no detection")),
      now: () => new Date("2026-01-01T00:00:00Z"),
      defaultIntervalSeconds: 60,
      cacheFor: () => createMemoryCache(),
      catalog: loadCatalog(),
    };
    try {
      const added = await addVendor({ url: slug }, deps);
      expect(added.baseline.ok).toBe(true);
      expect(added.vendor).toMatchObject({ slug, url, platform, category: "cloud" });
      expect((await store.listComponents(slug)).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
