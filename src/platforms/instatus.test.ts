import { describe, expect, it } from "vitest";
import { editJson } from "../../test/platform-contract.ts";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { instatus, instatusComponentStatus, mapInstatus } from "./instatus.ts";
import { instatusComponentsSchema, instatusSummarySchema } from "./instatus-schema.ts";
import { parseFeed } from "./feed-parse.ts";
import { mergeFeedIntoJson } from "./json-feed-merge.ts";

const PAGE = "https://status.acme-cloud.test";
const SUMMARY = localFixture("instatus/summary.documented-format.json");
const COMPONENTS = localFixture("instatus/components.documented-format.json");
const INCIDENT = "cly3k9v2a000108l4f0ab1cde";
const summary = () => instatusSummarySchema.parse(JSON.parse(SUMMARY));
const routes = () => ({
  [`${PAGE}/summary.json`]: { body: SUMMARY },
  [`${PAGE}/v3/components.json`]: { body: COMPONENTS },
});
const components = () => instatusComponentsSchema.parse(JSON.parse(COMPONENTS));

describe("instatus mapping", () => {
  it("maps every UPPERCASE component word; unknown words are unknown with the raw kept", () => {
    const table: [string, string][] = [
      ["OPERATIONAL", "operational"],
      ["DEGRADEDPERFORMANCE", "degraded_performance"],
      ["PARTIALOUTAGE", "partial_outage"],
      ["MINOROUTAGE", "partial_outage"],
      ["MAJOROUTAGE", "major_outage"],
      ["UNDERMAINTENANCE", "under_maintenance"],
      ["SORTAOUTAGE", "unknown"],
      ["", "unknown"],
    ];
    for (const [raw, status] of table) expect(instatusComponentStatus(raw), raw).toBe(status);
  });

  it("groups: a parent is a container, its children carry its name in their order; flat `group` too", () => {
    const snapshot = mapInstatus(summary(), components());
    expect(snapshot.components.map((c) => [c.name, c.group, c.position, c.status])).toEqual([
      ["Website", null, 0, "operational"],
      ["GraphQL API", "API", 1, "partial_outage"],
      ["REST API", "API", 2, "degraded_performance"],
      ["Webhooks", "API", 3, "partial_outage"],
      ["Database", "Storage", 4, "under_maintenance"],
      ["Object storage", "Storage", 5, "major_outage"],
    ]);
    expect(snapshot.components.find((c) => c.name === "Webhooks")!.rawStatus).toBe("MINOROUTAGE");
  });

  it("an unknown component word in /v3/components.json is unknown, never operational", () => {
    const raw = components();
    raw.components[0] = { ...raw.components[0]!, status: "SORTAOUTAGE" };
    expect(mapInstatus(summary(), raw).components[0]).toMatchObject({
      status: "unknown",
      rawStatus: "SORTAOUTAGE",
    });
  });

  it("maps the open incident and the scheduled maintenance (window end from duration minutes)", () => {
    const [incident, maintenance] = mapInstatus(summary(), components()).incidents;
    expect(incident).toMatchObject({
      id: INCIDENT,
      kind: "incident",
      title: "Elevated API error rates in eu-west",
      status: "identified",
      impact: "major",
      startedAt: "2026-03-14T09:12:30.000Z",
      url: `${PAGE}/incident/${INCIDENT}`,
    });
    expect(maintenance).toMatchObject({
      kind: "maintenance",
      status: "scheduled",
      impact: "maintenance",
      scheduledFor: "2026-03-16T22:00:00.000Z",
      scheduledUntil: "2026-03-16T23:30:00.000Z",
    });
  });

  it.each([
    ["INVESTIGATING", "investigating"],
    ["MONITORING", "monitoring"],
    ["RESOLVED", "resolved"],
    ["INPROGRESS", "in_progress"],
    ["COMPLETED", "completed"],
  ])("incident status %s → %s", (raw, status) => {
    const raw2 = summary();
    raw2.activeIncidents[0] = { ...raw2.activeIncidents[0]!, status: raw };
    expect(mapInstatus(raw2, null).incidents[0]!.status).toBe(status);
  });

  it("reads offsets and epoch seconds as UTC", () => {
    const body = editJson(SUMMARY, (v) => {
      const [i] = v.activeIncidents as Record<string, unknown>[];
      i!.started = "2026-03-14T10:12:30+01:00";
      const [m] = v.activeMaintenances as Record<string, unknown>[];
      m!.start = 1773698400;
    });
    const mapped = mapInstatus(instatusSummarySchema.parse(JSON.parse(body)), null);
    expect(mapped.incidents[0]!.startedAt).toBe("2026-03-14T09:12:30.000Z");
    expect(mapped.incidents[1]!.scheduledFor).toBe("2026-03-16T22:00:00.000Z");
  });

  it("merges /history.rss items into the summary's incident by the id in their link", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme Cloud</title>
      <item><title>Elevated API error rates in eu-west</title><link>${PAGE}/incident/${INCIDENT}</link>
        <guid>${PAGE}/incident/${INCIDENT}#1</guid><pubDate>Sat, 14 Mar 2026 09:12:30 GMT</pubDate>
        <description>Investigating - We are looking into errors.</description></item>
      <item><title>Login outage</title><link>${PAGE}/incident/clold0000001</link>
        <pubDate>Fri, 13 Mar 2026 08:00:00 GMT</pubDate><description>Resolved - All good.</description></item>
      </channel></rss>`;
    const merged = mergeFeedIntoJson(
      mapInstatus(summary(), components()),
      parseFeed(rss, `${PAGE}/history.rss`),
    );
    const open = merged.incidents.filter((i) => i.id === INCIDENT);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      status: "identified",
      impact: "major",
      url: `${PAGE}/incident/${INCIDENT}`,
    });
    expect(open[0]!.updates.map((u) => u.at)).toEqual(["2026-03-14T09:12:30.000Z"]);
    expect(merged.incidents.find((i) => i.id === "clold0000001")).toMatchObject({ status: "resolved" });
  });

  it("read: an unknown word in /v3/components.json is unknown with the raw kept", async () => {
    const body = editJson(COMPONENTS, (v) => {
      (v.components as Record<string, unknown>[])[0]!.status = "SORTAOUTAGE";
    });
    const http = fixtureHttp({ ...routes(), [`${PAGE}/v3/components.json`]: { body } });
    const result = await instatus.read({ url: PAGE }, { http });
    expect(result.unchanged === false && result.snapshot.components[0]).toMatchObject({
      status: "unknown",
      rawStatus: "SORTAOUTAGE",
    });
  });

  it("falls back to /v3/summary.json, and reads PageRef.feedUrl when given", async () => {
    const http = fixtureHttp({
      [`${PAGE}/v3/summary.json`]: { body: SUMMARY },
      "https://feeds.test/acme.rss": {
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`,
      },
    });
    const result = await instatus.read({ url: PAGE, feedUrl: "https://feeds.test/acme.rss" }, { http });
    expect(result.unchanged === false && result.snapshot.incidents).toHaveLength(2);
    expect(http.calls.map((c) => c.url)).toContain("https://feeds.test/acme.rss");
    expect(http.calls.map((c) => c.url)).not.toContain(`${PAGE}/history.rss`);
  });
});
