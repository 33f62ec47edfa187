// Detection over real HTTP: a loopback server serving only one platform's endpoints is detected as
// that platform, and the other platforms' recorded pages keep their own kinds.
import { describe, expect, it } from "vitest";
import { localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { pageOf, pathsOf } from "../../test/helpers/foreign-pages.ts";
import { detectOnLoopback } from "../../test/helpers/loopback-detect.ts";

const OWN: [string, Record<string, string>][] = [
  [
    "instatus",
    {
      "/summary.json": localFixture("instatus/summary.documented-format.json"),
      "/v3/components.json": localFixture("instatus/components.documented-format.json"),
    },
  ],
  [
    "slack",
    {
      "/api/v2.0.0/current": sharedFixture("slack/slack-current-active-incident.json"),
      "/api/v2.0.0/history": localFixture("slack/history.documented-format.json"),
    },
  ],
  [
    "heroku",
    {
      "/api/v4/current-status": sharedFixture("heroku/heroku-current-status-incident.json"),
      "/api/v4/incidents": localFixture("heroku/incidents.documented-format.json"),
    },
  ],
  ["betterstack", { "/index.json": localFixture("betterstack/index.documented-format.json") }],
];

describe("detection from a loopback server serving only one platform", () => {
  it.each(OWN)("%s", async (kind, paths) => {
    const { detection } = await detectOnLoopback(paths);
    expect(detection.kind).toBe(kind);
    expect(detection.confidence).toBeGreaterThan(0.9);
    expect(detection.evidence).toMatch(/\S/);
  });

  const theirs = ["statuspage", "incidentio", "feed"] as const;
  it.each(theirs)("a %s page stays what it is", async (kind) => {
    const page = pageOf(kind);
    const path = new URL(page.url).pathname;
    const { detection } = await detectOnLoopback(pathsOf(page), path === "/" ? "" : path);
    expect(detection.kind).toBe(kind);
  });
});
