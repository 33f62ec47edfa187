// One page, one vendor: adding a page already watched is refused whatever its spelling or slug, and
// a slug derived from a host another page holds comes with a free one to give instead.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PingoruError } from "../lib/errors.ts";
import { getPlatform } from "../platforms/registry.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { addVendor, type AddVendorDeps } from "./add-vendor.ts";

const NOW = "2026-02-10T19:43:00.000Z";
let store: Store;
let detected: string[];
let deps: AddVendorDeps;

beforeEach(async () => {
  store = await openStore(":memory:");
  detected = [];
  deps = {
    store,
    // Offline: a page that is added anyway is stored stale; refusals come before any request.
    http: { get: () => Promise.reject(new PingoruError("network", "offline")) },
    platform: getPlatform,
    detect: async (url) => {
      detected.push(url);
      return { kind: "cachet", confidence: 1, evidence: "GET /api/v1/ping" };
    },
    now: () => new Date(NOW),
    defaultIntervalSeconds: 60,
  };
  for (const [slug, url, platform] of [
    ["github", "https://www.githubstatus.com", "statuspage"],
    ["acme", "https://status.acme.example/api/v1", "cachet"],
  ] as const)
    await store.addVendor({ slug, name: slug, url, platform }, NOW);
});
afterEach(() => store.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("added"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(PingoruError);
      expect((error as PingoruError).kind).toBe("conflict");
      return (error as PingoruError).message;
    },
  );

describe("addVendor refuses a page already watched", () => {
  it.each([
    ["HTTPS://WWW.GitHubStatus.com/", "github2"],
    ["https://www.githubstatus.com:443/#incidents", undefined],
    ["https://www.githubstatus.com", "github"],
  ])("%s (slug %s): already watched as `github`, without detecting", async (url, slug) => {
    const message = await refusal(addVendor({ url, slug, platform: "statuspage" }, deps));
    expect(message).toMatch(/^https:\/\/www\.githubstatus\.com\S* is already watched as `github`$/);
    expect(detected).toEqual([]);
    expect((await store.listVendors()).map((v) => v.slug).sort()).toEqual(["acme", "github"]);
  });

  it("knows the platform's other URLs for its page, before detection and after it", async () => {
    const given = "https://status.acme.example";
    expect(await refusal(addVendor({ url: given, slug: "acme2", platform: "cachet" }, deps))).toBe(
      `${given} is already watched as \`acme\``,
    );
    await store.removeVendor("acme");
    await store.addVendor({ slug: "acme", url: given, platform: "cachet" }, NOW);
    const api = "https://status.acme.example/api/v1";
    expect(await refusal(addVendor({ url: `${api}/`, slug: "acme2" }, deps))).toBe(
      `${api} is already watched as \`acme\``,
    );
    expect(detected).toEqual(["https://status.acme.example/api/v1"]);
  });

  it("refuses a config vendor on a page another slug watches, and still updates its own", async () => {
    const page = { url: "https://www.githubstatus.com/", platform: "statuspage" };
    expect(await refusal(addVendor({ ...page, slug: "gh" }, deps, true))).toMatch(
      /already watched as `github`$/,
    );
    const { vendor } = await addVendor({ ...page, slug: "github", name: "GitHub" }, deps, true);
    expect(vendor).toMatchObject({ slug: "github", name: "GitHub", url: "https://www.githubstatus.com" });
  });
});

describe("a derived slug another page holds", () => {
  it("suggests the page's whole host as a slug, numbered on when that is taken too", async () => {
    const url = "https://github.status.example:8443";
    expect(await refusal(addVendor({ url, platform: "statuspage" }, deps))).toBe(
      `the slug "github" is taken by https://www.githubstatus.com: give this page its own with --slug github-status-example-8443`,
    );
    await store.addVendor(
      { slug: "github-status-example-8443", url: "https://elsewhere.example", platform: "feed" },
      NOW,
    );
    expect(await refusal(addVendor({ url, platform: "statuspage" }, deps))).toMatch(
      /--slug github-status-example-8443-2$/,
    );
    expect(await refusal(addVendor({ url, slug: "github", platform: "statuspage" }, deps))).toBe(
      `the slug "github" is taken by https://www.githubstatus.com: choose another`,
    );
  });

  it("adds another page on the same host under its own slug", async () => {
    const { vendor } = await addVendor(
      { url: "https://www.githubstatus.com/eu", slug: "github-eu", platform: "statuspage" },
      deps,
    );
    expect(vendor).toMatchObject({ slug: "github-eu", stale: true });
  });
});
