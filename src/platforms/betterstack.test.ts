import { describe, expect, it } from "vitest";
import { editJson } from "../../test/platform-contract.ts";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { betterstack, betterstackStatus, mapBetterstack } from "./betterstack.ts";
import { betterstackIndexSchema, splitIncluded } from "./betterstack-schema.ts";
import { parseFeed } from "./feed-parse.ts";
import { mergeFeedIntoJson } from "./json-feed-merge.ts";

const PAGE = "https://status.acme-hosting.test";
const INDEX = localFixture("betterstack/index.documented-format.json");
const parts = (body = INDEX) =>
  splitIncluded(betterstackIndexSchema.parse(JSON.parse(body)), `${PAGE}/index.json`);
type Item = { id: string; type: string; attributes: Record<string, unknown> };
const items = (v: Record<string, unknown>) => v.included as Item[];

describe("betterstack mapping", () => {
  it.each([
    ["operational", "operational"],
    ["degraded", "degraded_performance"],
    ["downtime", "major_outage"],
    ["maintenance", "under_maintenance"],
    ["wobbly", "unknown"],
  ])("resource status %s → %s", (raw, status) => {
    expect(betterstackStatus(raw)).toBe(status);
  });

  it("resources in section order, then their own position; the section is the group", () => {
    expect(
      mapBetterstack(parts(), PAGE).components.map((c) => [c.id, c.name, c.group, c.position, c.status]),
    ).toEqual([
      ["880101", "Website", "Core", 0, "operational"],
      ["880102", "API", "Core", 1, "degraded_performance"],
      ["880103", "Postgres", "Data", 2, "under_maintenance"],
      ["880104", "Object storage", "Data", 3, "major_outage"],
    ]);
  });

  it("an open report: updates oldest first (offsets to UTC) with per-update resource states", () => {
    const open = mapBetterstack(parts(), PAGE).incidents.find((i) => i.id === "552001")!;
    expect(open).toMatchObject({
      kind: "incident",
      status: "investigating",
      impact: "critical",
      startedAt: "2026-04-02T08:15:00.000Z",
      url: `${PAGE}/incident/552001`,
    });
    expect(open.updates.map((u) => [u.id, u.at, u.status])).toEqual([
      ["990001", "2026-04-02T08:15:00.000Z", "investigating"],
      ["990002", "2026-04-02T09:02:41.000Z", "investigating"],
    ]);
    expect(open.updates[0]!.components).toEqual([{ id: "880102", name: "API", status: "major_outage" }]);
  });

  it("a resolved report: its last update resolves it; a maintenance is scheduled, then in progress", () => {
    const incidents = mapBetterstack(parts(), PAGE).incidents;
    const resolved = incidents.find((i) => i.id === "552000")!;
    expect(resolved.status).toBe("resolved");
    expect(resolved.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);
    const maintenance = incidents.find((i) => i.id === "552002")!;
    expect(maintenance).toMatchObject({
      kind: "maintenance",
      status: "in_progress",
      impact: "maintenance",
      scheduledFor: "2026-04-02T07:00:00.000Z",
      scheduledUntil: "2026-04-02T11:00:00.000Z",
      startedAt: null,
    });
    expect(maintenance.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress"]);
  });

  it("a malformed resource is a shape error naming it", () => {
    const body = editJson(INDEX, (v) => {
      delete items(v).find((i) => i.id === "880102")!.attributes.public_name;
    });
    expect(() => parts(body)).toThrow(/status_page_resource \(id 880102\).*public_name/);
  });

  it("merges /feed.rss items into reports by the id in their link; feed-only reports are added", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme Hosting</title>
      <item><title>Slow API responses</title><link>${PAGE}/incident/552001</link>
        <pubDate>Thu, 02 Apr 2026 08:15:00 GMT</pubDate><description>API responses are slower than usual. We are investigating.</description></item>
      <item><title>Email delays</title><link>${PAGE}/incident/551000</link>
        <pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Resolved - Emails are flowing again.</description></item>
      </channel></rss>`;
    const merged = mergeFeedIntoJson(mapBetterstack(parts(), PAGE), parseFeed(rss, `${PAGE}/feed.rss`));
    const open = merged.incidents.filter((i) => i.id === "552001");
    expect(open).toHaveLength(1);
    expect(open[0]!.updates.map((u) => u.id)).toEqual(["990001", "990002"]);
    expect(merged.incidents.find((i) => i.id === "551000")).toMatchObject({
      title: "Email delays",
      status: "resolved",
    });
  });

  it("reads /feed.rss when served, and without it (404)", async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
      <item><title>Email delays</title><link>${PAGE}/incident/551000</link><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Resolved - ok.</description></item></channel></rss>`;
    const withFeed = fixtureHttp({
      [`${PAGE}/index.json`]: { body: INDEX },
      [`${PAGE}/feed.rss`]: { body: rss },
    });
    const result = await betterstack.read({ url: PAGE }, { http: withFeed });
    expect(result.unchanged === false && result.snapshot.incidents.map((i) => i.id)).toContain("551000");
    const without = fixtureHttp({ [`${PAGE}/index.json`]: { body: INDEX } });
    const alone = await betterstack.read({ url: PAGE }, { http: without });
    expect(alone.unchanged === false && alone.snapshot.incidents).toHaveLength(3);
  });
});
