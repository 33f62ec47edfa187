import { describe, expect, it } from "vitest";
import { fixtureHttp, localFixture, sharedFixture, type FakeRoute } from "../../test/helpers/fixture-http.ts";
import type { Snapshot } from "../domain/model.ts";
import { incidentio, mapIncidentio } from "./incidentio.ts";
import { parseFeed } from "./feed-parse.ts";
import { summarySchema } from "./statuspage-schema.ts";

const OPENAI = "https://status.openai.com";
const FEED = "incidentio/openai-feed.documented-format.rss";
const INCIDENT = "01M3Q4RK1SM4EMK445GGPG7C0N";
const summary = (file: string) => summarySchema.parse(JSON.parse(sharedFixture(`incidentio/${file}`)));
const feed = () => parseFeed(localFixture(FEED), `${OPENAI}/feed.rss`);

async function readOpenAi(routes: Record<string, FakeRoute>): Promise<Snapshot> {
  const result = await incidentio.read({ url: OPENAI }, { http: fixtureHttp(routes) });
  if (result.unchanged) throw new Error("expected a snapshot");
  return result.snapshot;
}

describe("incident.io summary", () => {
  it("keeps component ids across the two captures and both 'Login' components", () => {
    const healthy = mapIncidentio(summary("openai-api-v2-summary-healthy.json"), null, OPENAI);
    const incident = mapIncidentio(summary("openai-api-v2-summary.json"), null, OPENAI);
    const logins = healthy.components.filter((c) => c.name === "Login");
    expect(logins.map((c) => c.id)).toEqual(["01JSM5RTJWHRWDTS6Q604VEW3B", "01JMXBNJXG1S2D9V65P1ZZTD94"]);
    const ids = (s: Snapshot) => new Map(s.components.map((c) => [c.id, c.name]));
    const common = [...ids(healthy).keys()].filter((id) => ids(incident).has(id));
    expect(common.length).toBeGreaterThan(15);
    for (const id of common) expect(ids(incident).get(id)).toBe(ids(healthy).get(id));
    expect(healthy.incidents).toEqual([]); // no incidents key at all in that capture
  });

  it("maps the open incident with vendor ids, url on the page, and an unknown status as unknown", () => {
    const raw = summary("openai-api-v2-summary.json");
    raw.components[0] = { ...raw.components[0]!, status: "full_outage_ish" };
    const snapshot = mapIncidentio(raw, null, OPENAI);
    expect(snapshot.components[0]).toMatchObject({ status: "unknown", rawStatus: "full_outage_ish" });
    const open = snapshot.incidents.find((i) => i.id === INCIDENT)!;
    expect(open).toMatchObject({
      status: "investigating",
      impact: "minor",
      url: `${OPENAI}/incidents/${INCIDENT}`,
    });
    expect(open.updates.map((u) => u.id)).toEqual([
      "01M3Q4RK1S5K0NQDA0FZ267QJC",
      "01M3Q6J3T2220NEB407NX63SS9",
    ]);
  });
});

describe("incident.io summary + feed", () => {
  const merged = () => mapIncidentio(summary("openai-api-v2-summary.json"), feed(), OPENAI);

  it("one incident, one update per moment: JSON and feed items of the same second and status merge", () => {
    const incident = merged().incidents.filter((i) => i.id === INCIDENT);
    expect(incident).toHaveLength(1);
    const updates = incident[0]!.updates;
    expect(updates.map((u) => [u.at, u.status])).toEqual([
      ["2026-09-29T17:52:52.000Z", "investigating"],
      ["2026-09-29T18:24:17.000Z", "investigating"],
      ["2026-09-29T19:05:40.000Z", "identified"],
      ["2026-09-29T20:31:12.000Z", "resolved"],
    ]);
    // the JSON's vendor ids and text win; the feed adds per-update components
    expect(updates[0]!.id).toBe("01M3Q4RK1S5K0NQDA0FZ267QJC");
    expect(updates[1]!.message).toMatch(/^We’re investigating elevated errors/);
    expect(updates[1]!.components.map((c) => c.name)).toEqual([
      "Conversations",
      "Login",
      "Chat Completions",
      "Agents",
    ]);
    expect(incident[0]).toMatchObject({
      status: "resolved",
      impact: "minor",
      title: expect.stringMatching(/^Elevated/),
    });
  });

  it("reads feed component states; a duplicate name ('Login') gets no id rather than a wrong one", () => {
    const updates = merged().incidents.find((i) => i.id === INCIDENT)!.updates;
    const identified = updates.find((u) => u.status === "identified")!;
    expect(identified.components).toContainEqual({
      id: "01M3Q6W0264T1RJS1YEM47CAQJ",
      name: "Agents",
      status: "major_outage",
    });
    // this capture lists one "Login", so it is pinned; the earlier capture lists two, so it is not
    expect(identified.components).toContainEqual({
      id: "01JSM5RTJWHRWDTS6Q604VEW3B",
      name: "Login",
      status: "degraded_performance",
    });
    const withTwoLogins = mapIncidentio(summary("openai-api-v2-summary-healthy.json"), feed(), OPENAI);
    const logins = withTwoLogins.incidents
      .find((i) => i.id === INCIDENT)!
      .updates.flatMap((u) => u.components.filter((c) => c.name === "Login"));
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((c) => c.id === null)).toBe(true);
    expect(identified.message).toBe(
      "We have identified the cause of the elevated errors &amp; are applying a mitigation. Agents API requests remain the most affected.",
    );
  });

  it("adds incidents only the feed knows, with the page's incident url (no doubled slash)", () => {
    const old = merged().incidents.find((i) => i.id === "01M3P0Q5ZC7T3V8X9YB2D4F6GH")!;
    expect(old).toMatchObject({
      title: "Increased latency for Fine-tuning jobs",
      status: "resolved",
      impact: "minor",
      url: `${OPENAI}/incidents/01M3P0Q5ZC7T3V8X9YB2D4F6GH`,
      startedAt: null,
    });
    expect(old.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);
    // the JSON's other open incident is still there
    expect(merged().incidents.map((i) => i.id)).toContain("01M3Q4HMNP8SZ27DTZKW6F5BJ4");
  });

  it("reading twice gives identical ids (stable derived ids for feed-only updates)", () => {
    expect(merged()).toEqual(merged());
  });

  it("reads an incident.io Atom entry (CDATA, summary with components, content without)", () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>OpenAI status</title><generator>incident.io</generator>
      <entry><title type="html"><![CDATA[Elevated errors]]></title><id>${OPENAI}//incidents/${INCIDENT}</id>
      <link href="${OPENAI}//incidents/${INCIDENT}"/><updated>2026-09-29T18:24:17.000Z</updated>
      <summary type="html"><![CDATA[<b>Status: Investigating</b><br/><br/>Looking.<br/><br/><b>Affected components</b><ul><li>Realtime (Degraded performance)</li></ul>]]></summary>
      <content type="html"><![CDATA[<b>Status: Investigating</b><br/><br/>Looking.]]></content></entry></feed>`;
    const snapshot = mapIncidentio(summary("openai-api-v2-summary.json"), parseFeed(atom, "x"), OPENAI);
    const incident = snapshot.incidents.find((i) => i.id === INCIDENT)!;
    expect(incident.updates).toHaveLength(2);
    expect(incident.updates[1]!.components).toEqual([
      { id: "01JMXBRMFEQW613TFE89F45035", name: "Realtime", status: "degraded_performance" },
    ]);
  });
});

describe("incident.io read and detect", () => {
  const routes = (): Record<string, FakeRoute> => ({
    [`${OPENAI}/api/v2/summary.json`]: { shared: "incidentio/openai-api-v2-summary.json" },
    [`${OPENAI}/feed.rss`]: { local: FEED },
  });

  it("reads summary.json and /feed.rss", async () => {
    const snapshot = await readOpenAi(routes());
    expect(snapshot.pageName).toBe("OpenAI");
    expect(snapshot.incidents.find((i) => i.id === INCIDENT)!.updates).toHaveLength(4);
  });

  it("falls back to /history.atom, then to the summary alone", async () => {
    const r = routes();
    delete r[`${OPENAI}/feed.rss`];
    const http = fixtureHttp(r);
    const result = await incidentio.read({ url: OPENAI }, { http });
    expect(http.calls.map((c) => c.url)).toContain(`${OPENAI}/history.atom`);
    expect(result.unchanged === false && result.snapshot.incidents.length).toBe(2);
  });

  it("uses PageRef.feedUrl when given", async () => {
    const http = fixtureHttp({ ...routes(), "https://feeds.test/openai.rss": { local: FEED } });
    await incidentio.read({ url: OPENAI, feedUrl: "https://feeds.test/openai.rss" }, { http });
    expect(http.calls.map((c) => c.url)).toContain("https://feeds.test/openai.rss");
    expect(http.calls.map((c) => c.url)).not.toContain(`${OPENAI}/feed.rss`);
  });

  it("is unchanged without parsing when summary and feed are notModified (bodies invalid)", async () => {
    const http = fixtureHttp({
      [`${OPENAI}/api/v2/summary.json`]: { body: "not json", notModified: true },
      [`${OPENAI}/feed.rss`]: { body: "<<< not xml", notModified: true },
    });
    expect(await incidentio.read({ url: OPENAI }, { http })).toEqual({ unchanged: true });
  });

  it("a broken feed is a parse error, not a silent gap", async () => {
    const r = routes();
    r[`${OPENAI}/feed.rss`] = { body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss/>` };
    await expect(readOpenAi(r)).rejects.toMatchObject({ kind: "parse" });
  });

  it("detects by ULID ids in summary.json, or an HTML page mentioning incident.io", async () => {
    const http = fixtureHttp({
      ...routes(),
      "https://status.other.test": {
        body: `<html><body>Powered by <a href="https://incident.io">incident.io</a></body></html>`,
      },
    });
    expect(await incidentio.detect(OPENAI, { http })).toMatchObject({ kind: "incidentio" });
    expect((await incidentio.detect(OPENAI, { http }))!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(await incidentio.detect("https://status.other.test", { http })).toMatchObject({ confidence: 0.9 });
    const github = fixtureHttp({
      "https://www.githubstatus.com/api/v2/summary.json": { shared: "statuspage/github-summary.json" },
    });
    expect(await incidentio.detect("https://www.githubstatus.com", { http: github })).toBeNull();
  });
});
