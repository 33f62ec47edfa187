// A page with no API that links to its history feed: detected as `feed`, and the feed it found is
// stored, so later polls fetch the feed alone instead of looking for it again.
import { afterAll, expect, it } from "vitest";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness } from "./harness.ts";

const page = `<!doctype html><html><head><title>Acme status</title>
<link rel="alternate" type="application/atom+xml" title="History" href="/history.atom"></head>
<body><h1>All systems operational</h1></body></html>`;

const vendor = await startFakeVendor({
  "/": page,
  "/history.atom": sharedFixture("statuspage/github-history.atom"),
});
const h = await openHarness();
afterAll(async () => {
  await h.close();
  await vendor.close();
});

it("detects the feed a plain page links to, stores it, and polls only the feed", async () => {
  const added = await h.add({ url: vendor.url, slug: "acme" });
  expect(added.detection).toMatchObject({ kind: "feed", feedUrl: `${vendor.url}/history.atom` });
  expect(added.vendor.feedUrl).toBe(`${vendor.url}/history.atom`);
  expect((await h.incidents("acme")).length).toBe(25);
  const before = vendor.hits().length;
  h.clock.advance(60);
  expect(await h.poll("acme")).toMatchObject({ ok: true, events: [] });
  expect(vendor.hits().slice(before)).toEqual(["/history.atom"]);
});
