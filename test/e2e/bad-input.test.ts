// Bad pages, each served by a real loopback server to the real client, platform, poller and store:
// each gives a clear error and a stale mark, and nothing stored is lost or changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "../../src/lib/guarded-http.ts";
import { pollVendor } from "../../src/poller/poll-vendor.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type Answer, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

const SUMMARY = "/api/v2/summary.json";
const summary = sharedFixture("statuspage/github-summary.json");
const atom = sharedFixture("statuspage/github-history.atom");

let vendor: FakeVendor;
let h: Harness;

beforeAll(async () => {
  vendor = await startFakeVendor({
    [SUMMARY]: summary,
    "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
    "/history.atom": atom,
  });
  h = await openHarness({ totalTimeoutMs: 1500 });
  await h.add({ url: vendor.url, slug: "github", platform: "statuspage" });
  await h.add({ url: `${vendor.url}/history.atom`, slug: "github-feed", platform: "feed" });
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

async function snapshotOf(slug: string) {
  return { incidents: await h.incidents(slug), components: await h.store.listComponents(slug) };
}

const doctype = `<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY boom "${"x".repeat(100)}">]>\n${atom.replace(/^<\?xml[^>]*>\n/, "")}`;

const cases: {
  name: string;
  slug: string;
  path: string;
  answer: Answer;
  error: RegExp;
  /** The HTTP client's total timeout for this case, if not the harness's. */
  totalTimeoutMs?: number;
}[] = [
  {
    name: "malformed JSON",
    slug: "github",
    path: SUMMARY,
    answer: { body: '{"page": {' },
    error: /invalid JSON/,
  },
  {
    name: "valid JSON of the wrong shape",
    slug: "github",
    path: SUMMARY,
    answer: { body: '{"hello":"world"}' },
    error: /is not a/,
  },
  {
    name: "an HTML page with status 200",
    slug: "github",
    path: SUMMARY,
    answer: {
      body: "<!doctype html><html><body>We'll be back</body></html>",
      headers: { "content-type": "text/html" },
    },
    error: /HTML page/,
  },
  {
    name: "a 10 MB body",
    slug: "github",
    path: SUMMARY,
    answer: { body: Buffer.alloc(10 * 1024 * 1024, 32) },
    error: /over \d+ bytes/,
  },
  {
    name: "a server that trickles bytes",
    slug: "github",
    path: SUMMARY,
    answer: { body: summary, trickleMs: 100 },
    error: /timed out/,
    // Its whole body would take hours: a short total timeout ends it as surely as the harness's.
    totalTimeoutMs: 300,
  },
  {
    name: "HTTP 500",
    slug: "github",
    path: SUMMARY,
    answer: { status: 500, body: "boom" },
    error: /HTTP 500/,
  },
  {
    name: "HTTP 503",
    slug: "github",
    path: SUMMARY,
    answer: { status: 503, body: "down" },
    error: /HTTP 503/,
  },
  {
    name: "a redirect loop",
    slug: "github",
    path: SUMMARY,
    answer: { status: 302, headers: { location: SUMMARY } },
    error: /redirect/,
  },
  {
    name: "a redirect to the cloud metadata address",
    slug: "github",
    path: SUMMARY,
    answer: { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } },
    error: /blocked: 169\.254\.169\.254/,
  },
  {
    name: "an XML document with a DOCTYPE and entities",
    slug: "github-feed",
    path: "/history.atom",
    answer: { body: doctype },
    error: /DOCTYPE/,
  },
  // Hostile bodies: each error names the URL, like every other poll error.
  {
    name: "XML nested past the depth cap",
    slug: "github-feed",
    path: "/history.atom",
    answer: {
      body: `<?xml version="1.0"?>${"<feed>".repeat(10_000)}`,
      headers: { "content-type": "application/atom+xml" },
    },
    error: /XML from http:\/\/127\.0\.0\.1:\d+\/history\.atom nests deeper than 64 levels/,
  },
  {
    name: "a feed made of __proto__ elements",
    slug: "github-feed",
    path: "/history.atom",
    answer: {
      body: `<?xml version="1.0"?><__proto__><constructor><prototype><entry><__proto__>x</__proto__></entry></prototype></constructor></__proto__>`,
      headers: { "content-type": "application/atom+xml" },
    },
    error: /http:\/\/127\.0\.0\.1:\d+\/history\.atom/,
  },
  {
    name: "JSON whose keys are __proto__",
    slug: "github",
    path: SUMMARY,
    answer: {
      body: '{"__proto__": {"page": {"id": "x"}}, "constructor": {"prototype": {"polluted": true}}}',
    },
    error: /http:\/\/127\.0\.0\.1:\d+\/api\/v2\/summary\.json/,
  },
];

describe("bad input leaves the record as it was", () => {
  it.each(cases)("$name", async ({ slug, path, answer, error, totalTimeoutMs }) => {
    const before = await snapshotOf(slug);
    const eventsBefore = (await h.store.listEvents({ limit: 500 })).items.length;
    const own =
      totalTimeoutMs === undefined
        ? undefined
        : createHttpClient({ allowPrivateTargets: true, totalTimeoutMs });
    const poll = async () =>
      own === undefined
        ? h.poll(slug)
        : pollVendor((await h.store.getVendor(slug))!, { ...h.deps, http: own });
    vendor.serve(path, answer);
    try {
      for (let attempt = 1; attempt <= 2; attempt++) {
        h.clock.advance(120);
        const outcome = await poll();
        expect(outcome.ok).toBe(false);
        expect(outcome.error).toMatch(error);
        expect(outcome.error).not.toContain("\n");
      }
    } finally {
      vendor.serve(path, path === SUMMARY ? summary : atom);
      await own?.close();
    }
    expect(await h.store.getVendor(slug)).toMatchObject({
      stale: true,
      failures: 2,
      lastError: expect.stringMatching(error),
    });
    expect(await snapshotOf(slug)).toEqual(before);
    const events = (await h.store.listEvents({ limit: 500 })).items.slice(eventsBefore);
    expect(events.map((e) => e.type)).toEqual(["source.degraded"]);
    h.clock.advance(120);
    expect((await h.poll(slug)).events.map((e) => e.type)).toEqual(["source.recovered"]);
    expect(await snapshotOf(slug)).toEqual(before);
  });

  it("429 with Retry-After: the next poll waits at least that long", async () => {
    vendor.serve(SUMMARY, { status: 429, headers: { "retry-after": "900" } });
    h.clock.advance(120);
    const outcome = await h.poll("github");
    vendor.serve(SUMMARY, summary);
    expect(outcome.error).toMatch(/HTTP 429/);
    const next = Date.parse((await h.store.getVendor("github"))!.nextPollAt);
    expect(next - h.clock.now.getTime()).toBeGreaterThanOrEqual(900_000);
    h.clock.advance(120);
    await h.poll("github");
  });

  it("a private address without PINGORU_ALLOW_PRIVATE_TARGETS is refused before any request", async () => {
    const strict = createHttpClient({ allowPrivateTargets: false });
    const hits = vendor.hits().length;
    try {
      const before = await snapshotOf("github");
      const outcome = await pollVendor((await h.store.getVendor("github"))!, {
        ...h.deps,
        http: strict,
        cacheFor: undefined,
      });
      expect(outcome.error).toMatch(/blocked: 127\.0\.0\.1 is a loopback address/);
      expect(vendor.hits().length).toBe(hits);
      expect(await snapshotOf("github")).toEqual(before);
    } finally {
      await strict.close();
    }
  });
});
