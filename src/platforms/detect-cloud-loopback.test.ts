// Detection over real HTTP for the cloud providers' own status sources: a loopback server serving
// only one provider's endpoints is detected as that provider.
import { describe, expect, it } from "vitest";
import { localFixture } from "../../test/helpers/fixture-http.ts";
import { detectOnLoopback } from "../../test/helpers/loopback-detect.ts";

const OWN: [string, Record<string, string>][] = [
  [
    "gcp",
    {
      "/incidents.json": localFixture("gcp/incidents.documented-format.json"),
      "/products.json": localFixture("gcp/products.documented-format.json"),
    },
  ],
];

describe("detection of Azure's status feed on a loopback server", () => {
  it("an RSS feed titled Azure is azure, not a generic feed", async () => {
    const path = "/en-us/status/feed/";
    const { detection } = await detectOnLoopback(
      { [path]: localFixture("azure/feed.documented-format.rss") },
      path,
    );
    expect(detection).toMatchObject({ kind: "azure" });
    expect(detection.confidence).toBeGreaterThan(0.95);
  });
});

describe("detection of the AWS Health Dashboard on a loopback server", () => {
  it("its events list, sent as UTF-16LE with a BOM, is aws", async () => {
    const text = localFixture("aws/currentevents.documented-format.json");
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const { detection } = await detectOnLoopback({ "/public/currentevents": { body } });
    expect(detection).toMatchObject({ kind: "aws" });
    expect(detection.confidence).toBeGreaterThan(0.9);
  });
});

describe("detection of a cloud provider's status source on a loopback server", () => {
  it.each(OWN)("%s", async (kind, paths) => {
    const { detection } = await detectOnLoopback(paths);
    expect(detection.kind).toBe(kind);
    expect(detection.confidence).toBeGreaterThan(0.9);
    expect(detection.evidence).toMatch(/\S/);
  });
});
