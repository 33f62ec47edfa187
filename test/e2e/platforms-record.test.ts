// DESIGN §5 on Twilio (groups, offsets), Claude (maintenances) and OpenAI on incident.io (JSON merged
// with its feed, two captures), each served by a real loopback server and polled into a real store.
import { afterEach, describe, expect, it } from "vitest";
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

let vendor: FakeVendor | null = null;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  await vendor?.close();
});

async function watch(routes: Record<string, string>, slug: string, start: string) {
  vendor = await startFakeVendor(routes);
  h = await openHarness({ start });
  const added = await h.add({ url: vendor.url, slug });
  return { h, vendor, added };
}

describe("Twilio: component groups, -07:00 offsets, open incidents at baseline", () => {
  const raw = JSON.parse(sharedFixture("statuspage/twilio-summary-groups-incidents-maintenances.json"));

  it("groups are not components; children carry the group's name; times are UTC", async () => {
    const { h } = await watch(
      {
        "/api/v2/summary.json": sharedFixture("statuspage/twilio-summary-groups-incidents-maintenances.json"),
      },
      "twilio",
      "2020-06-16T21:00:00.000Z",
    );
    const groups = new Map<string, string>(
      raw.components
        .filter((c: { group: boolean }) => c.group)
        .map((c: { id: string; name: string }) => [c.id, c.name]),
    );
    const components = await h.store.listComponents("twilio");
    expect(components.some((c) => groups.has(c.id))).toBe(false);
    for (const c of components) {
      const source = raw.components.find((r: { id: string }) => r.id === c.id);
      expect(c.group).toBe(source.group_id ? groups.get(source.group_id) : null);
    }
    const incidents = await h.incidents("twilio");
    for (const source of raw.incidents) {
      const got = incidents.find((i) => i.vendorIncidentId === source.id)!;
      const earliest = Math.min(Date.parse(source.created_at), Date.parse(source.started_at));
      expect(got.startedAt).toBe(new Date(earliest).toISOString());
      expect(got).toMatchObject({
        resolvedAt: null,
        seenLive: true,
        detectionLagSeconds: null,
        kind: "incident",
      });
    }
    expect(incidents.filter((i) => i.kind === "maintenance")).toHaveLength(raw.scheduled_maintenances.length);
    const vendors = (await h.api("/api/v1/vendors")) as { open_incidents: number }[];
    expect(vendors[0]!.open_incidents).toBe(raw.incidents.length);
  });
});

describe("Claude: maintenances scheduled → in_progress → verifying → completed", () => {
  it("start is the scheduled window, resolution is the completing update, components once each", async () => {
    const { h } = await watch(
      {
        "/api/v2/summary.json": sharedFixture("statuspage/claude-summary-active-incident.json"),
        "/api/v2/scheduled-maintenances.json": sharedFixture("statuspage/claude-scheduled-maintenances.json"),
      },
      "claude",
      "2026-01-01T00:00:00.000Z",
    );
    const maintenances = (await h.incidents("claude")).filter((i) => i.kind === "maintenance");
    const byId = new Map(maintenances.map((m) => [m.vendorIncidentId, m]));
    expect(byId.get("x017628t2rl5")).toMatchObject({
      status: "completed",
      startedAt: "2025-08-29T01:25:00.000Z",
      resolvedAt: "2025-08-29T02:40:21.277Z",
      seenLive: false,
    });
    const december = byId.get("16z0qdmy3qv2")!;
    expect(december).toMatchObject({
      startedAt: "2024-12-15T01:00:00.000Z",
      resolvedAt: "2024-12-15T01:26:47.953Z",
    });
    expect(december.updates.map((u) => u.status)).toEqual([
      "scheduled",
      "scheduled",
      "in_progress",
      "completed",
    ]);
    expect(december.affectedComponents.map((c) => [c.name, c.worstStatus])).toEqual([
      ["claude.ai", "under_maintenance"],
      ["console.anthropic.com", "under_maintenance"],
    ]);
    const api = (await h.api(`/api/v1/incidents/${december.id}`)) as { duration_seconds: number };
    expect(api.duration_seconds).toBe(1608);
  });
});

describe("OpenAI on incident.io: JSON merged with the feed, across two captures", () => {
  const healthy = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
  const during = sharedFixture("incidentio/openai-api-v2-summary.json");
  const feed = localFixture("incidentio/openai-feed.documented-format.rss");
  const [head, ...rest] = feed.split("<item>");
  const items = rest.map((item) => "<item>" + item.replace(/<\/channel>[\s\S]*$/, ""));
  const feedOf = (chosen: string[]) => `${head}${chosen.join("")}</channel>\n</rss>\n`;
  const BIG = "01M3Q4RK1SM4EMK445GGPG7C0N";

  it("one incident per vendor incident, updates once, events only for real changes", async () => {
    const fineTuning = items.filter((i) => i.includes("01M3P0Q5ZC7T3V8X9YB2D4F6GH"));
    const big = items.filter((i) => i.includes(BIG)).reverse(); // oldest first
    const { h, vendor, added } = await watch(
      { "/api/v2/summary.json": healthy, "/feed.rss": feedOf(fineTuning) },
      "openai",
      "2026-09-24T00:00:00.000Z",
    );
    expect(added.detection?.kind).toBe("incidentio");
    const components = await h.store.listComponents("openai");
    const logins = components.filter((c) => c.name === "Login");
    expect(logins).toHaveLength(2);
    expect(new Set(logins.map((c) => c.id)).size).toBe(2);

    // The incident: the JSON has two updates, the feed the same two (same incident, time and status).
    vendor.serve("/api/v2/summary.json", during);
    vendor.serve("/feed.rss", feedOf([...big.slice(0, 2).reverse(), ...fineTuning]));
    h.clock.now = new Date("2026-09-29T18:30:00.000Z");
    const opened = await h.poll("openai");
    const status = (text: string) =>
      new Map<string, string>(
        JSON.parse(text).components.map((c: { id: string; status: string }) => [c.id, c.status]),
      );
    const before = status(healthy);
    const changedIds = [...status(during)].filter(([id, s]) => before.has(id) && before.get(id) !== s).length;
    expect(opened.events.filter((e) => e.type === "component.changed")).toHaveLength(changedIds);
    expect(opened.events.filter((e) => e.type === "incident.opened")).toHaveLength(
      JSON.parse(during).incidents.length,
    );
    let incident = (await h.incidents("openai")).find((i) => i.vendorIncidentId === BIG)!;
    expect(incident.updates).toHaveLength(2);
    expect(incident).toMatchObject({
      seenLive: true,
      resolvedAt: null,
      startedAt: "2026-09-29T17:52:52.000Z",
    });
    expect(incident.detectionLagSeconds).toBe(
      (Date.parse("2026-09-29T18:30:00Z") - Date.parse("2026-09-29T17:52:52Z")) / 1000,
    );

    // Resolution arrives through the feed; the page is healthy again.
    vendor.serve("/api/v2/summary.json", healthy);
    vendor.serve("/feed.rss", feedOf([...[...big].reverse(), ...fineTuning]));
    h.clock.now = new Date("2026-09-29T20:35:00.000Z");
    const resolved = await h.poll("openai");
    expect(resolved.events.filter((e) => e.incidentId === incident.id).map((e) => e.type)).toEqual([
      "incident.updated",
      "incident.resolved",
    ]);
    incident = (await h.incidents("openai")).find((i) => i.vendorIncidentId === BIG)!;
    expect(incident.updates.map((u) => u.status)).toEqual([
      "investigating",
      "investigating",
      "identified",
      "resolved",
    ]);
    expect(incident.resolvedAt).toBe("2026-09-29T20:31:12.000Z");
    expect(incident.affectedComponents.find((c) => c.name === "Agents")?.worstStatus).toBe("major_outage");
    expect(new Set(incident.affectedComponents.map((c) => c.name)).size).toBe(
      incident.affectedComponents.length,
    );
    expect((await h.poll("openai")).events).toEqual([]);
  });
});
