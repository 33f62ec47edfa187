import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { localFixture } from "../../test/helpers/fixture-http.ts";
import { startLoopbackFixtures } from "../../test/helpers/loopback-fixtures.ts";
import { PingoruError } from "../lib/errors.ts";
import { getPlatform } from "../platforms/registry.ts";
import {
  findCatalogEntry,
  findCatalogEntryByUrl,
  loadCatalog,
  parseCatalog,
  searchCatalog,
  SLUG_PATTERN,
  type CatalogEntry,
} from "./catalog.ts";
import { CATEGORIES } from "./categories.ts";
import { PLATFORM_KINDS, type PlatformKind } from "../platforms/kinds.ts";

// The raw file, checked here on its own terms (not only through the loader's schema).
const raw: Record<string, unknown>[] = JSON.parse(
  readFileSync(new URL("./catalog.json", import.meta.url), "utf8"),
);

describe("the built-in catalog (catalog.json)", () => {
  it("holds at least 300 services and loads through the strict schema", () => {
    expect(raw.length).toBeGreaterThanOrEqual(300);
    expect(loadCatalog()).toHaveLength(raw.length);
    expect(loadCatalog()).toBe(loadCatalog());
  });

  it("has unique slugs of lower-case letters, digits and dashes", () => {
    const slugs = raw.map((e) => e.slug as string);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
  });

  it("has unique, valid http(s) status page URLs and feeds", () => {
    const urls = raw.map((e) => String(e.url).replace(/\/$/, "").toLowerCase());
    expect(new Set(urls).size).toBe(urls.length);
    for (const entry of raw)
      for (const key of ["url", "feed"] as const) {
        if (key === "feed" && entry.feed === undefined) continue;
        const url = new URL(String(entry[key]));
        expect(["http:", "https:"], `${String(entry.slug)} ${key}`).toContain(url.protocol);
        expect(url.hostname).toMatch(/\./);
      }
  });

  it("uses only known platforms, categories and fields, and names every entry", () => {
    for (const entry of raw) {
      expect(PLATFORM_KINDS).toContain(entry.platform);
      expect(CATEGORIES).toContain(entry.category);
      expect(String(entry.name).trim()).not.toBe("");
      expect(
        Object.keys(entry).filter(
          (k) => !["slug", "name", "category", "url", "platform", "feed"].includes(k),
        ),
      ).toEqual([]);
    }
  });
});

const good = {
  slug: "acme",
  name: "Acme",
  category: "cloud",
  url: "https://status.acme.example",
  platform: "statuspage",
};

describe("parseCatalog", () => {
  it.each([
    ["a duplicate slug", [good, { ...good, url: "https://other.example" }], /1\.slug: duplicate slug/],
    [
      "a duplicate URL",
      [good, { ...good, slug: "acme-2", url: "https://www.status.acme.example/" }],
      /1\.url: duplicate url/,
    ],
    ["a slug with capitals", [{ ...good, slug: "Acme" }], /0\.slug/],
    ["an unknown platform", [{ ...good, platform: "myspace" }], /0\.platform/],
    ["an unknown category", [{ ...good, category: "gaming" }], /0\.category/],
    ["an ftp URL", [{ ...good, url: "ftp://acme.example" }], /0\.url/],
    ["a bad feed", [{ ...good, feed: "not a url" }], /0\.feed/],
    ["an unknown field", [{ ...good, colour: "red" }], /0/],
    ["an empty name", [{ ...good, name: " " }], /0\.name/],
  ])("refuses %s with a one-line input error", (_, data, reason) => {
    let error: unknown;
    try {
      parseCatalog(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PingoruError);
    expect((error as PingoruError).kind).toBe("input");
    expect((error as PingoruError).message).toMatch(/^[^\n]+$/);
    expect((error as PingoruError).message).toMatch(reason);
  });

  it("accepts a good entry, with or without a feed", () => {
    const feed = { ...good, slug: "b", url: "https://b.example", feed: "https://b.example/feed.atom" };
    expect(parseCatalog([good, feed]).map((e) => e.slug)).toEqual(["acme", "b"]);
  });
});

const entry = (
  slug: string,
  name: string,
  category: CatalogEntry["category"],
  url = `https://${slug}.example`,
) => ({ slug, name, category, url, platform: "statuspage" }) as const;
const SAMPLE: CatalogEntry[] = [
  entry("digitalocean", "DigitalOcean", "cloud"),
  entry("gitlab", "GitLab", "developer-tools"),
  entry("github", "GitHub", "developer-tools"),
  entry("legit-pay", "Legit Pay", "payments"),
  entry("jira", "Jira", "productivity", "https://jira-software.status.atlassian.com"),
  entry("fly-io", "Fly.io", "hosting"),
  entry("stripe", "Stripe", "payments"),
  entry("acme-git", "Acme Git Hosting", "hosting"),
];

describe("searchCatalog", () => {
  it.each([
    ["github", ["github"]],
    ["GitHub", ["github"]],
    // exact, then prefixes (by name), then a word inside the name, then inside a longer word
    ["git", ["github", "gitlab", "acme-git", "digitalocean", "legit-pay"]],
    ["payments", ["legit-pay", "stripe"]],
    ["pay", ["legit-pay", "stripe"]],
    ["git hosting", ["acme-git"]],
    ["atlassian", ["jira"]],
    ["flyio", ["fly-io"]],
    ["fly.io", ["fly-io"]],
    ["nothing-like-it", []],
  ])("%s → %j", (query, slugs) => {
    expect(searchCatalog(query, SAMPLE).map((e) => e.slug)).toEqual(slugs);
  });

  it("takes words as a list, all of which must match", () => {
    expect(searchCatalog(["git", "cloud"], SAMPLE).map((e) => e.slug)).toEqual(["digitalocean"]);
  });

  it("lists everything by name for no words", () => {
    expect(searchCatalog([], SAMPLE).map((e) => e.name)).toEqual(
      [...SAMPLE.map((e) => e.name)].sort((a, b) => a.localeCompare(b)),
    );
  });

  it("finds well-known services in the built-in catalog first", () => {
    expect(searchCatalog("github")[0]?.url).toBe("https://www.githubstatus.com");
    expect(searchCatalog("openai")[0]?.platform).toBe("incidentio");
  });
});

describe("findCatalogEntry", () => {
  it.each([
    ["github", "github"],
    ["  GitHub ", "github"],
    ["Fly.io", "fly-io"],
    ["fly io", "fly-io"],
    ["Acme Git Hosting", "acme-git"],
    ["git", null],
    ["", null],
  ])("%j → %j", (text, slug) => {
    expect(findCatalogEntry(text, SAMPLE)?.slug ?? null).toBe(slug);
  });

  it("finds an entry by its page URL, ignoring scheme, www and a trailing slash", () => {
    expect(findCatalogEntryByUrl("http://www.github.example/", SAMPLE)?.slug).toBe("github");
    expect(findCatalogEntryByUrl("https://github.example/incidents", SAMPLE)).toBeNull();
  });
});

// Each adapter dials fixed paths under the URL it is given: these are the public endpoints each catalog
// entry must lead its adapter to (served on loopback from the format fixtures; any other URL is a 404).
const GCP_BODIES = {
  "incidents.json": localFixture("gcp/incidents.documented-format.json"),
  "products.json": localFixture("gcp/products.documented-format.json"),
};
const gcpEndpoints = (base: string) =>
  Object.fromEntries(Object.entries(GCP_BODIES).map(([file, body]) => [`${base}/${file}`, body]));
const CLOUD_ENTRIES: [slug: string, platform: PlatformKind, endpoints: Record<string, string>][] = [
  [
    "aws",
    "aws",
    {
      "https://health.aws.amazon.com/public/currentevents": localFixture(
        "aws/currentevents.documented-format.json",
      ),
    },
  ],
  [
    "azure",
    "azure",
    {
      "https://rssfeed.azure.status.microsoft/en-us/status/feed/": localFixture(
        "azure/feed.documented-format.rss",
      ),
    },
  ],
  ["google-cloud", "gcp", gcpEndpoints("https://status.cloud.google.com")],
  ["google-workspace", "gcp", gcpEndpoints("https://www.google.com/appsstatus/dashboard")],
  ["firebase", "gcp", gcpEndpoints("https://status.firebase.google.com")],
];

describe("the cloud providers' catalog entries lead their adapters to the public endpoints", () => {
  const net = startLoopbackFixtures();
  afterAll(() => net.close());

  it.each(CLOUD_ENTRIES)("%s is read by the %s adapter", async (slug, platform, endpoints) => {
    const entry = findCatalogEntry(slug);
    expect(entry?.platform).toBe(platform);
    net.serve(endpoints);
    const page = { url: entry!.url, feedUrl: entry!.feed ?? null };
    const result = await getPlatform(platform).read(page, { http: net.http });
    expect(result.unchanged).toBe(false);
    if (!result.unchanged) expect(result.snapshot.incidents.length).toBeGreaterThan(0);
    // Every endpoint was read (optional extra sources an adapter also tries 404 here, harmlessly).
    // Each origin has its own loopback server, so paths suffice.
    const read = new Set(net.requested().map((u) => new URL(u).pathname));
    for (const url of Object.keys(endpoints)) expect(read).toContain(new URL(url).pathname);
  });

  it("covers every entry of these platforms, so a new one is checked too", () => {
    const covered = CLOUD_ENTRIES.map(([slug]) => slug).sort();
    const cloud = loadCatalog().filter((e) => ["aws", "azure", "gcp"].includes(e.platform));
    expect(cloud.map((e) => e.slug).sort()).toEqual(covered);
  });
});

// The URL shape each adapter can work with, checked on every entry of that platform.
const SHAPES: [PlatformKind, string, (e: CatalogEntry) => boolean][] = [
  [
    "aws",
    "a page on health.aws.amazon.com (a feed, if any, AWS's own RSS)",
    (e) =>
      host(e.url) === "health.aws.amazon.com" &&
      (!e.feed || (host(e.feed) === "status.aws.amazon.com" && e.feed.endsWith(".rss"))),
  ],
  [
    "azure",
    "Azure's status RSS feed as feed (or url)",
    (e) =>
      /(^|\.)azure\.status\.microsoft$/.test(host(e.feed ?? e.url)) &&
      /\/status\/feed\/$/.test(e.feed ?? e.url),
  ],
  [
    "gcp",
    "a dashboard base (<url>/incidents.json), no feed",
    (e) => !/\.json$|\/$|[?#]/.test(e.url) && !e.feed,
  ],
  ["slack", "slack-status.com", (e) => host(e.url) === "slack-status.com"],
  ["heroku", "status.heroku.com", (e) => host(e.url) === "status.heroku.com"],
  [
    "statusio",
    "an api.status.io document or a hosted page's root",
    (e) =>
      /^https:\/\/api\.status\.io\/1\.0\/status\/[0-9a-f]{24}$/.test(e.url) ||
      ["", "/"].includes(new URL(e.url).pathname),
  ],
];

function host(url: string): string {
  return new URL(url).hostname;
}

describe("catalog URLs fit their platform's adapter", () => {
  it.each(SHAPES)("%s entries: %s", (platform, _shape, fits) => {
    const entries = loadCatalog().filter((e) => e.platform === platform);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !fits(e)).map((e) => e.slug)).toEqual([]);
  });
});
