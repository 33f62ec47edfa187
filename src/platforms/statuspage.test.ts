import { describe, expect, it } from "vitest";
import { fixtureHttp, localFixture, sharedFixture, type FakeRoute } from "../../test/helpers/fixture-http.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Snapshot } from "../domain/model.ts";
import { statuspage, mapStatuspage, isUlid } from "./statuspage.ts";
import { incidentDocumentSchema, incidentsSchema, summarySchema } from "./statuspage-schema.ts";
import { isPlaceholder, mapComponents, mapIncident } from "./statuspage-map.ts";

const GH = "https://www.githubstatus.com";
const json = (file: string): unknown => JSON.parse(sharedFixture(`statuspage/${file}`));
const summaryOf = (file: string) => summarySchema.parse(json(file));

async function readPage(url: string, routes: Record<string, FakeRoute>): Promise<Snapshot> {
  const result = await statuspage.read({ url }, { http: fixtureHttp(routes) });
  if (result.unchanged) throw new Error("expected a snapshot");
  return result.snapshot;
}

function githubRoutes(): Record<string, FakeRoute> {
  return {
    [`${GH}/api/v2/summary.json`]: { shared: "statuspage/github-summary.json" },
    [`${GH}/api/v2/incidents.json`]: { shared: "statuspage/github-incidents.json" },
  };
}

describe("statuspage components", () => {
  it("drops GitHub's placeholder row and keeps the vendor's order", () => {
    const components = mapComponents(summaryOf("github-summary.json").components, GH);
    expect(components.map((c) => c.name)).not.toContain("Visit www.githubstatus.com for more information");
    expect(components.map((c) => c.name).slice(0, 3)).toEqual(["Git Operations", "Webhooks", "API Requests"]);
    expect(components.map((c) => c.position)).toEqual(components.map((_, i) => i));
  });

  it.each([
    ["Visit www.githubstatus.com for more information", null, true],
    ["See https://example.com for details", null, true],
    ["claude.ai", null, false],
    ["Claude API (api.anthropic.com)", null, false],
    ["Visit www.githubstatus.com for more information", "a real description", false],
  ])("isPlaceholder(%j, %j) is %s", (name, description, expected) => {
    expect(isPlaceholder({ name, description }, GH)).toBe(expected);
  });

  it("maps Twilio groups: containers are not components, children carry the group's name", () => {
    const raw = summaryOf("twilio-summary-groups-incidents-maintenances.json").components;
    const components = mapComponents(raw, "https://status.twilio.com");
    const groups = raw.filter((c) => c.group === true);
    expect(groups).toHaveLength(8);
    expect(components).toHaveLength(raw.length - groups.length);
    expect(components.map((c) => c.id)).not.toContain("s2k3h0mkqnth");
    expect(components.find((c) => c.id === "d1j2nx64rpq3")).toMatchObject({
      name: "MMS",
      group: "PROGRAMMABLE MESSAGING",
      status: "degraded_performance",
    });
    expect(components.find((c) => c.id === "365164svr9y3")?.group).toBeNull(); // AUTOPILOT, top level
    // a group's children sit together, in their own position order
    const messaging = components.filter((c) => c.group === "PROGRAMMABLE MESSAGING").map((c) => c.name);
    expect(messaging).toEqual(["MMS", "SMS", "SMPP", "Channels", "Notify", "Conversations"]);
  });

  it("maps HashiCorp groups (components.json shape)", () => {
    const raw = summaryOf("hashicorp-components-groups-2021-edited.json").components;
    const components = mapComponents(raw, "https://status.hashicorp.com");
    expect(components.find((c) => c.id === "mgv1p2j9x444")?.group).toBe("HashiCorp Cloud Platform (HCP)");
    expect(components.find((c) => c.id === "1mdm36t0fkx1")?.group).toBeNull();
    expect(components.some((c) => c.id === "cnzk9zc90jqy")).toBe(false);
    expect(new Set(components.map((c) => c.id)).size).toBe(components.length);
  });

  it("maps an unknown raw status to unknown and keeps the raw value", () => {
    const [c] = mapComponents(
      [{ ...summaryOf("github-summary.json").components[0]!, status: "sideways" }],
      GH,
    );
    expect(c).toMatchObject({ status: "unknown", rawStatus: "sideways" });
  });
});

describe("statuspage incidents", () => {
  it("GitHub incidents.json: all 50 have titles, vendor urls, sorted updates and components once each", async () => {
    const snapshot = await readPage(GH, githubRoutes());
    expect(snapshot.pageName).toBe("GitHub");
    expect(snapshot.incidents).toHaveLength(50);
    const raw = incidentsSchema.parse(json("github-incidents.json")).incidents;
    for (const incident of snapshot.incidents) {
      expect(incident.title).not.toBe("");
      expect(incident.url).toBe(`${GH}/incidents/${incident.id}`);
      const times = incident.updates.map((u) => u.at);
      expect(times).toEqual([...times].sort());
      const source = raw.find((r) => r.id === incident.id)!;
      expect(incident.updates).toHaveLength(source.incident_updates.length);
      for (const update of incident.updates) {
        const ids = update.components.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        const vendor = source.incident_updates.find((u) => u.id === update.id)!;
        expect(ids).toEqual([...new Set(vendor.affected_components.map((a) => a.code))]);
        expect(update.at).toBe(vendor.display_at ?? vendor.created_at);
      }
    }
  });

  it("uses display_at over created_at, and started_at for startedAt", () => {
    const raw = incidentsSchema.parse(json("github-incidents.json")).incidents;
    const backdated = raw.flatMap((i) => i.incident_updates).find((u) => u.display_at !== u.created_at)!;
    const incident = raw.find((i) => i.incident_updates.includes(backdated))!;
    const mapped = mapIncident(incident, GH, null);
    expect(mapped.updates.find((u) => u.id === backdated.id)?.at).toBe(backdated.display_at);
    expect(mapped.startedAt).toBe(incident.started_at);
  });

  it("keeps a component named with old_status == new_status, with its new status", () => {
    const doc = incidentDocumentSchema.parse(json("github-incident-by-id.json"));
    const mapped = mapIncident(doc.incident, GH, null);
    const same = doc.incident.incident_updates.flatMap((u) =>
      u.affected_components.filter((a) => a.old_status === a.new_status).map((a) => ({ u, a })),
    );
    expect(same.length).toBeGreaterThan(0);
    for (const { u, a } of same) {
      const states = mapped.updates.find((m) => m.id === u.id)!.components;
      expect(states).toContainEqual({ id: a.code, name: a.name, status: a.new_status });
    }
  });

  it("critical Actions incident: impact critical, incident-level components kept in vendor order", () => {
    const raw = incidentsSchema.shape.incidents.element.parse(json("github-incident-actions-critical.json"));
    const mapped = mapIncident(raw, GH, null);
    expect(mapped).toMatchObject({ impact: "critical", status: "resolved", kind: "incident" });
    expect(mapped.components.map((c) => c.name)).toEqual(["API Requests", "Issues", "Actions", "Pages"]);
    expect(mapped.url).toBe(`${GH}/incidents/${raw.id}`);
  });

  it("Claude maintenance: scheduled → in_progress → verifying → completed, renamed component keeps its id", async () => {
    const url = "https://status.claude.com";
    const snapshot = await readPage(url, {
      [`${url}/api/v2/summary.json`]: { shared: "statuspage/claude-summary-active-incident.json" },
      [`${url}/api/v2/scheduled-maintenances.json`]: {
        shared: "statuspage/claude-scheduled-maintenances.json",
      },
    });
    const m = snapshot.incidents.find((i) => i.id === "x017628t2rl5")!;
    expect(m).toMatchObject({
      kind: "maintenance",
      impact: "maintenance",
      status: "completed",
      scheduledFor: "2025-08-29T01:25:00.000Z",
      scheduledUntil: "2025-08-29T02:40:00.000Z",
    });
    expect(m.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "verifying", "completed"]);
    const older = snapshot.incidents.find((i) => i.id === "16z0qdmy3qv2")!;
    const inProgress = older.updates.find((u) => u.status === "in_progress")!;
    expect(inProgress.components).toEqual([
      { id: "rwppv331jlwc", name: "claude.ai", status: "under_maintenance" },
      { id: "0qbwn08sd68x", name: "console.anthropic.com", status: "under_maintenance" },
    ]);
    expect(older.components.find((c) => c.id === "0qbwn08sd68x")?.name).toBe(
      "Claude Console (platform.claude.com)",
    );
    // the summary's open incident is there too; reminder_intervals "[]" as a string did not matter
    expect(snapshot.incidents.find((i) => i.id === "978mjkgw6mh7")).toMatchObject({ status: "monitoring" });
  });

  it("Twilio -07:00 offsets convert to UTC; maintenances carry their window", () => {
    const snapshot = mapStatuspage(
      { summary: summaryOf("twilio-summary-groups-incidents-maintenances.json") },
      "https://status.twilio.com",
    );
    const incident = snapshot.incidents.find((i) => i.id === "4dtnnnnxnhn9")!;
    expect(incident.startedAt).toBe("2020-06-16T20:27:41.521Z");
    expect(incident.updates.map((u) => u.at)).toEqual([
      "2020-06-16T20:27:41.585Z",
      "2020-06-16T21:00:29.019Z",
    ]);
    const maintenance = snapshot.incidents.find((i) => i.id === "9szb6ydlg10w")!;
    expect(maintenance).toMatchObject({
      kind: "maintenance",
      status: "scheduled",
      impact: "maintenance",
      scheduledFor: "2020-06-16T23:00:00.000Z",
      scheduledUntil: "2020-06-17T03:00:00.000Z",
    });
    expect(snapshot.incidents.filter((i) => i.kind === "maintenance")).toHaveLength(9);
  });

  it("CloudAMQP maintenance in progress: components under maintenance", () => {
    const snapshot = mapStatuspage(
      { summary: summaryOf("cloudamqp-summary-maintenance-in-progress.json") },
      "https://status.cloudamqp.com",
    );
    expect(snapshot.components.find((c) => c.name === "Shared servers")?.status).toBe("under_maintenance");
    const open = snapshot.incidents.filter((i) => i.kind === "maintenance");
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((i) => i.impact === "maintenance")).toBe(true);
  });

  it("GitHub 2022 active incident: seven investigating updates, summary and history merge into one", async () => {
    const summary = summaryOf("github-summary-active-incident-2022.json");
    const open = summary.incidents[0]!;
    const snapshot = mapStatuspage(
      { summary, incidents: { incidents: [{ ...open, incident_updates: open.incident_updates.slice(2) }] } },
      GH,
    );
    const merged = snapshot.incidents.filter((i) => i.id === open.id);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.updates).toHaveLength(7);
    expect(new Set(merged[0]!.updates.map((u) => u.id)).size).toBe(7);
  });

  it("an update without a vendor id gets a stable derived id", () => {
    const raw = incidentsSchema.parse(json("github-incidents.json")).incidents[0]!;
    const stripped = { ...raw, incident_updates: raw.incident_updates.map(({ id: _id, ...u }) => u) };
    const a = mapIncident(stripped, GH, null).updates.map((u) => u.id);
    const b = mapIncident(stripped, GH, null).updates.map((u) => u.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });

  it("a published postmortem (Statuspage's postmortem fields) is one more update; a draft is none", () => {
    const text = localFixture("statuspage/github-incidents-postmortem.derived.json");
    const raw = incidentsSchema.parse(JSON.parse(text)).incidents[0]!;
    const mapped = mapIncident(raw, GH, null);
    expect(mapped.status).toBe("postmortem");
    expect(mapped.updates).toHaveLength(raw.incident_updates.length + 1);
    expect(mapped.updates.at(-1)).toMatchObject({
      status: "postmortem",
      at: raw.postmortem_published_at,
      message: raw.postmortem_body,
      components: [],
    });
    expect(mapIncident(raw, GH, null).updates.at(-1)!.id).toBe(mapped.updates.at(-1)!.id);
    const draft = mapIncident({ ...raw, postmortem_published_at: null }, GH, null);
    expect(draft.updates.map((u) => u.status)).not.toContain("postmortem");
  });
});

describe("statuspage read", () => {
  it("continues without incidents.json and scheduled-maintenances.json when they 404", async () => {
    const snapshot = await readPage(GH, {
      [`${GH}/api/v2/summary.json`]: { shared: "statuspage/github-summary.json" },
    });
    expect(snapshot.components.length).toBe(11);
  });

  it("fails when the summary fails", async () => {
    await expect(readPage(GH, {})).rejects.toMatchObject({ kind: "http", status: 404 });
  });

  it("is unchanged without parsing when every response is notModified (bodies not even JSON)", async () => {
    const routes: Record<string, FakeRoute> = {
      [`${GH}/api/v2/summary.json`]: { body: "<<not json", notModified: true },
      [`${GH}/api/v2/incidents.json`]: { body: "{{{", notModified: true },
    };
    const http = fixtureHttp(routes);
    expect(await statuspage.read({ url: GH }, { http })).toEqual({ unchanged: true });
    expect(http.calls.map((c) => c.url)).toContain(`${GH}/api/v2/scheduled-maintenances.json`);
  });

  it("parses everything when only one response changed", async () => {
    const routes = githubRoutes();
    routes[`${GH}/api/v2/summary.json`] = { shared: "statuspage/github-summary.json", notModified: true };
    expect((await statuspage.read({ url: GH }, { http: fixtureHttp(routes) })).unchanged).toBe(false);
  });

  it("passes the cache to every request", async () => {
    const cache = { get: () => undefined, set: () => {} };
    const http = fixtureHttp(githubRoutes());
    await statuspage.read({ url: GH }, { http, cache });
    expect(http.calls.every((c) => c.options?.cache === cache)).toBe(true);
  });

  it.each([
    ["malformed JSON", '{"page": ', "parse"],
    ["wrong shape", JSON.stringify({ hello: "world" }), "shape"],
    ["HTML served with 200", "<!DOCTYPE html><html><body>Sign in</body></html>", "shape"],
    [
      "component without a name",
      JSON.stringify({ page: { id: "x", name: "X" }, components: [{ id: "a" }] }),
      "shape",
    ],
  ])("%s → PingoruError %s with a one-line message naming the url", async (_label, body, kind) => {
    const error = await readPage(GH, { [`${GH}/api/v2/summary.json`]: { body } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PingoruError);
    expect(error).toMatchObject({ kind, url: `${GH}/api/v2/summary.json` });
    expect((error as Error).message).toContain(`${GH}/api/v2/summary.json`);
    expect((error as Error).message).not.toContain("\n");
  });
});

describe("statuspage detect", () => {
  it("recognises a Statuspage summary with 0.95", async () => {
    const http = fixtureHttp({ [`${GH}/api/v2/summary.json`]: { shared: "statuspage/github-summary.json" } });
    expect(await statuspage.detect(GH, { http })).toMatchObject({ kind: "statuspage", confidence: 0.95 });
  });

  it("declines incident.io's compatible summary (ULID ids) and a missing one", async () => {
    const url = "https://status.openai.com";
    const http = fixtureHttp({
      [`${url}/api/v2/summary.json`]: { shared: "incidentio/openai-api-v2-summary.json" },
    });
    expect(await statuspage.detect(url, { http })).toBeNull();
    expect(await statuspage.detect("https://nothing.example", { http })).toBeNull();
  });

  it.each([
    ["01JMXBRMFEQW613TFE89F45035", true],
    ["8l4ygp009s5s", false],
    ["01JMXBRMFEQW613TFE89F4503U", false], // U is not Crockford base32
  ])("isUlid(%s) is %s", (id, expected) => {
    expect(isUlid(id)).toBe(expected);
  });
});
