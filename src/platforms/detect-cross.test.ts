// Every detector against every platform's page (test/helpers/foreign-pages.ts), over loopback HTTP:
// a detector says "no" on each page that is not its own, and the whole set picks each page's own
// platform. The generic feed detector is the one exception, and a precise one: on a page that is,
// links to or serves a feed (Azure's feed, incident.io's and status.io's pages) it rightly says yes,
// and must then be less sure than the page's own platform.
import { afterAll, describe, expect, it } from "vitest";
import { kindedPages, type KindedPage } from "../../test/helpers/foreign-pages.ts";
import { startLoopbackFixtures } from "../../test/helpers/loopback-fixtures.ts";
import { feed } from "./feed.ts";
import { detectPlatform, getPlatform, PLATFORMS } from "./registry.ts";
import type { Platform } from "./platform.ts";
import type { PlatformKind } from "./kinds.ts";

const PAGES = kindedPages();

const feedMayClaim = (platform: Platform, page: KindedPage) =>
  platform.kind === "feed" && page.isFeed === true;

const FOREIGN: [PlatformKind, string, Platform, KindedPage][] = PLATFORMS.flatMap((platform) =>
  PAGES.filter((page) => page.kind !== platform.kind && !feedMayClaim(platform, page)).map(
    (page): [PlatformKind, string, Platform, KindedPage] => [platform.kind, page.name, platform, page],
  ),
);

const OWNED = PAGES.filter((p): p is KindedPage & { kind: PlatformKind } => p.kind !== null).map(
  (p): [string, PlatformKind, KindedPage] => [p.name, p.kind, p],
);

describe("detection across platforms", () => {
  const net = startLoopbackFixtures();
  afterAll(() => net.close());

  it("has a page for every platform that detects", () => {
    const kinds = new Set(OWNED.map(([, kind]) => kind));
    // html reads with selectors the user gives: it never detects, so it has no page here.
    const missing = PLATFORMS.map((p) => p.kind).filter((k) => k !== "html" && !kinds.has(k));
    expect(missing).toEqual([]);
  });

  it.each(FOREIGN)("%s says no to %s", async (_kind, _name, platform, page) => {
    net.serve(page.fixtures);
    expect(await platform.detect(page.url, { http: net.http })).toBeNull();
  });

  it.each(OWNED)("%s is detected as %s", async (_name, kind, page) => {
    net.serve(page.fixtures);
    const detection = await detectPlatform(page.url, { http: net.http });
    expect(detection.kind).toBe(kind);
    expect(detection.confidence).toBeGreaterThan(0.5);
  });

  const FEEDS = OWNED.filter(([, , page]) => page.isFeed);
  it.each(FEEDS)("%s is also a feed, but its own detector (%s) is surer", async (_name, kind, page) => {
    net.serve(page.fixtures);
    const ctx = { http: net.http };
    const asFeed = await feed.detect(page.url, ctx);
    const own = await getPlatform(kind).detect(page.url, ctx);
    expect(asFeed).toMatchObject({ kind: "feed" });
    expect(own).toMatchObject({ kind });
    expect(own!.confidence).toBeGreaterThan(asFeed!.confidence);
    expect((await detectPlatform(page.url, ctx)).kind).toBe(kind);
  });

  it("has feed pages to check that on, Azure's among them", () => {
    expect(FEEDS.map(([, kind]) => kind)).toContain("azure");
  });
});
