import { describe, expect, it } from "vitest";
import { editJson } from "../../test/platform-contract.ts";
import { fixtureHttp, localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { mapSlack, slack, slackCurrentSchema, slackHistorySchema, SLACK_SERVICES } from "./slack.ts";

const PAGE = "https://slack-status.com";
const CURRENT = sharedFixture("slack/slack-current-active-incident.json");
const HISTORY = localFixture("slack/history.documented-format.json");
const current = (body = CURRENT) => slackCurrentSchema.parse(JSON.parse(body));
const history = () => slackHistorySchema.parse(JSON.parse(HISTORY));

describe("slack mapping", () => {
  it("services are components; those an open incident names take its type's state", () => {
    const snapshot = mapSlack(current(), []);
    const byName = new Map(snapshot.components.map((c) => [c.name, c]));
    expect(byName.get("Notifications")).toMatchObject({
      status: "degraded_performance",
      rawStatus: "incident",
    });
    expect(byName.get("Apps/Integrations/APIs")).toMatchObject({ status: "degraded_performance" });
    expect(byName.get("Messaging")).toMatchObject({ status: "operational", rawStatus: "active" });
    expect(snapshot.components.map((c) => c.position)).toEqual(SLACK_SERVICES.map((_, i) => i));
  });

  it.each([
    ["outage", "major_outage"],
    ["incident", "degraded_performance"],
    ["notice", "operational"],
    ["meltdown", "unknown"],
  ])("type %s → %s", (type, status) => {
    const body = editJson(CURRENT, (v) => {
      (v.active_incidents as Record<string, unknown>[])[0]!.type = type;
    });
    const notifications = mapSlack(current(body), []).components.find((c) => c.name === "Notifications")!;
    expect(notifications.status).toBe(status);
  });

  it("status 'broken' vouches for nothing: unnamed services are unknown", () => {
    const body = editJson(CURRENT, (v) => {
      v.status = "broken";
      v.active_incidents = [];
    });
    const snapshot = mapSlack(current(body), []);
    expect(snapshot.components.every((c) => c.status === "unknown" && c.rawStatus === "broken")).toBe(true);
  });

  it("reads -07:00 offsets as UTC; an active incident is investigating with its note as an update", () => {
    const incident = mapSlack(current(), []).incidents.find((i) => i.id === "878")!;
    expect(incident).toMatchObject({
      kind: "incident",
      status: "investigating",
      impact: "minor",
      startedAt: "2020-07-30T22:12:34.000Z",
      url: "https://status.slack.com/2020-07/ea58a170d343b2ad",
      components: [{ id: "Notifications", name: "Notifications", status: "degraded_performance" }],
    });
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({ status: "investigating", at: "2020-07-30T22:12:34.000Z" });
    expect(incident.updates[0]!.message).toMatch(/^Some users might notice/);
  });

  it("history merges with current by id; the last note of a resolved incident resolves it", () => {
    const snapshot = mapSlack(current(), history());
    expect(snapshot.incidents.filter((i) => i.id === "878")).toHaveLength(1);
    const resolved = snapshot.incidents.find((i) => i.id === "878")!;
    expect(resolved.updates.map((u) => [u.at, u.status])).toEqual([
      ["2020-07-30T22:12:34.000Z", "investigating"],
      ["2020-07-31T00:02:10.000Z", "resolved"],
    ]);
    expect(resolved.updates[1]!.components).toEqual([
      { id: "Notifications", name: "Notifications", status: "operational" },
    ]);
    const outage = snapshot.incidents.find((i) => i.id === "871")!;
    expect(outage).toMatchObject({ status: "resolved", impact: "critical" });
    expect(outage.updates.map((u) => u.status)).toEqual(["investigating", "investigating", "resolved"]);
    expect(outage.components.map((c) => c.name)).toEqual(["Messaging", "Workspace/Org Administration"]);
  });

  it("reads without /history (404) from the current state alone", async () => {
    const http = fixtureHttp({ [`${PAGE}/api/v2.0.0/current`]: { body: CURRENT } });
    const result = await slack.read({ url: PAGE }, { http });
    expect(result.unchanged === false && result.snapshot.incidents.map((i) => i.id)).toEqual(["878", "879"]);
  });

  it("a wrong-shaped /history is a shape error, not a silent gap", async () => {
    const http = fixtureHttp({
      [`${PAGE}/api/v2.0.0/current`]: { body: CURRENT },
      [`${PAGE}/api/v2.0.0/history`]: { body: '{"incidents": "none"}' },
    });
    await expect(slack.read({ url: PAGE }, { http })).rejects.toMatchObject({ kind: "shape" });
  });
});
