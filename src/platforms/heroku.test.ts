import { describe, expect, it } from "vitest";
import { editJson } from "../../test/platform-contract.ts";
import { fixtureHttp, localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import {
  heroku,
  herokuColourStatus,
  herokuCurrentSchema,
  herokuIncidentsSchema,
  mapHeroku,
} from "./heroku.ts";

const PAGE = "https://status.heroku.com";
const INCIDENT = sharedFixture("heroku/heroku-current-status-incident.json");
const MAINTENANCE = sharedFixture("heroku/heroku-current-status-maintenance.json");
const HISTORY = localFixture("heroku/incidents.documented-format.json");
const current = (body: string) => herokuCurrentSchema.parse(JSON.parse(body));
const history = () => herokuIncidentsSchema.parse(JSON.parse(HISTORY));

describe("heroku mapping", () => {
  it.each([
    ["green", "operational"],
    ["yellow", "degraded_performance"],
    ["red", "major_outage"],
    ["blue", "under_maintenance"],
    ["purple", "unknown"],
    ["", "unknown"],
  ])("colour %s → %s", (raw, status) => {
    expect(herokuColourStatus(raw)).toBe(status);
  });

  it("systems are components in the page's order, with their colours kept raw", () => {
    expect(mapHeroku(current(MAINTENANCE), []).components).toEqual([
      { id: "Apps", name: "Apps", group: null, position: 0, status: "operational", rawStatus: "green" },
      { id: "Data", name: "Data", group: null, position: 1, status: "under_maintenance", rawStatus: "blue" },
      { id: "Tools", name: "Tools", group: null, position: 2, status: "operational", rawStatus: "green" },
    ]);
  });

  it("an open incident: updates oldest first with vendor ids, 'issue' is investigating, impact from colours", () => {
    const [incident] = mapHeroku(current(INCIDENT), []).incidents;
    expect(incident).toMatchObject({
      id: "1918",
      kind: "incident",
      status: "investigating",
      impact: "minor",
      url: "https://status.heroku.com/incidents/1918",
      startedAt: "2019-10-24T18:39:30.231Z",
    });
    expect(incident!.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ["6090", "investigating", "2019-10-24T18:39:30.231Z"],
      ["6091", "investigating", "2019-10-24T18:49:47.743Z"],
    ]);
  });

  it("a scheduled entry is a maintenance: scheduled → in_progress → completed", () => {
    const [maintenance] = mapHeroku(current(MAINTENANCE), []).incidents;
    expect(maintenance).toMatchObject({
      id: "2120",
      kind: "maintenance",
      status: "completed",
      impact: "maintenance",
    });
    expect(maintenance!.updates.map((u) => u.status)).toEqual([
      "scheduled",
      "in_progress",
      "in_progress",
      "completed",
    ]);
  });

  it("history merges with current by id; 'update' keeps the status before it", () => {
    const snapshot = mapHeroku(current(INCIDENT), history());
    const merged = snapshot.incidents.filter((i) => i.id === "1918");
    expect(merged).toHaveLength(1);
    expect(merged[0]!.status).toBe("resolved");
    expect(merged[0]!.updates.map((u) => u.status)).toEqual([
      "investigating",
      "investigating",
      "monitoring",
      "resolved",
    ]);
    const builds = snapshot.incidents.find((i) => i.id === "1911")!;
    expect(builds).toMatchObject({ kind: "incident", status: "resolved", impact: "critical" });
    expect(builds.updates.map((u) => u.status)).toEqual(["investigating", "investigating", "resolved"]);
  });

  it("resolved: true closes an incident whose last update does not say so", () => {
    const body = editJson(INCIDENT, (v) => {
      (v.incidents as Record<string, unknown>[])[0]!.resolved = true;
    });
    expect(mapHeroku(current(body), []).incidents[0]!.status).toBe("resolved");
  });

  it("reads without /api/v4/incidents (404); a wrong-shaped one is a shape error", async () => {
    const only = fixtureHttp({ [`${PAGE}/api/v4/current-status`]: { body: INCIDENT } });
    const result = await heroku.read({ url: PAGE }, { http: only });
    expect(result.unchanged === false && result.snapshot.incidents.map((i) => i.id)).toEqual(["1918"]);
    const bad = fixtureHttp({
      [`${PAGE}/api/v4/current-status`]: { body: INCIDENT },
      [`${PAGE}/api/v4/incidents`]: { body: '{"incidents": 3}' },
    });
    await expect(heroku.read({ url: PAGE }, { http: bad })).rejects.toMatchObject({ kind: "shape" });
  });
});
