import { describe, expect, it } from "vitest";
import { fixtureHttp, type FakeRoute } from "../../test/helpers/fixture-http.ts";
import { detectPlatform, getPlatform, PLATFORMS } from "./registry.ts";
import { PLATFORM_KINDS } from "./kinds.ts";

const GH = "https://www.githubstatus.com";
const OPENAI = "https://status.openai.com";

describe("platform list", () => {
  it("has one platform per kind, in the vocabulary's order, found by getPlatform", () => {
    expect(PLATFORMS.map((p) => p.kind)).toEqual(PLATFORM_KINDS);
    for (const kind of PLATFORM_KINDS) expect(getPlatform(kind).kind).toBe(kind);
  });
});

describe("detectPlatform", () => {
  const cases: [string, string, Record<string, FakeRoute>, string, number][] = [
    [
      "Statuspage",
      GH,
      {
        [`${GH}/api/v2/summary.json`]: { shared: "statuspage/github-summary.json" },
        [`${GH}/history.atom`]: { shared: "statuspage/github-history.atom" },
      },
      "statuspage",
      0.95,
    ],
    [
      "incident.io (ULID ids) though it also has a feed",
      OPENAI,
      {
        [`${OPENAI}/api/v2/summary.json`]: { shared: "incidentio/openai-api-v2-summary.json" },
        [`${OPENAI}/feed.rss`]: { local: "incidentio/openai-feed.documented-format.rss" },
      },
      "incidentio",
      0.9,
    ],
    [
      "a feed URL itself",
      `${GH}/history.atom`,
      {
        [`${GH}/history.atom`]: { shared: "statuspage/github-history.atom" },
      },
      "feed",
      0.95,
    ],
    [
      "a plain page linking to a feed",
      "https://status.plain.test",
      {
        "https://status.plain.test": {
          body: `<html><head><link rel="alternate" type="application/rss+xml" href="https://status.plain.test/rss"></head></html>`,
        },
      },
      "feed",
      0.5,
    ],
    [
      "a plain page serving /history.rss",
      "https://status.plain.test",
      {
        "https://status.plain.test": { body: "<html><body>status</body></html>" },
        "https://status.plain.test/history.rss": {
          body: `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`,
        },
      },
      "feed",
      0.5,
    ],
  ];

  it.each(cases)("%s", async (_label, url, routes, kind, minimum) => {
    const detection = await detectPlatform(url, { http: fixtureHttp(routes) });
    expect(detection.kind).toBe(kind);
    expect(detection.confidence).toBeGreaterThanOrEqual(minimum);
    expect(detection.evidence).not.toBe("");
  });

  it("names what it tried when nothing fits, on one line", async () => {
    const http = fixtureHttp({ "https://nothing.test": { body: "<html><body>hello</body></html>" } });
    const error = await detectPlatform("https://nothing.test", { http }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "detect", url: "https://nothing.test" });
    const message = (error as Error).message;
    expect(message).toMatch(
      /^no status page platform recognised at https:\/\/nothing\.test \(tried statuspage/,
    );
    expect(message).toContain("incidentio");
    expect(message).toContain("feed");
    expect(message).not.toContain("\n");
  });

  it("tolerates a detector that throws", async () => {
    const http = fixtureHttp({
      [`${GH}/api/v2/summary.json`]: { shared: "statuspage/github-summary.json" },
      [GH]: { error: new Error("boom") },
    });
    expect((await detectPlatform(GH, { http })).kind).toBe("statuspage");
  });
});
