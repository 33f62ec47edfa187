// DESIGN §5, rule by rule, on GitHub's recorded Statuspage payloads served from a real loopback server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Incident } from "../../src/domain/model.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

interface RawUpdate {
  id: string;
  status: string;
  created_at: string;
  display_at?: string | null;
  affected_components?: { code: string; name: string; new_status: string }[] | null;
}
interface RawIncident {
  id: string;
  name: string;
  status: string;
  created_at: string;
  started_at?: string | null;
  incident_updates: RawUpdate[];
}

const summary = sharedFixture("statuspage/github-summary.json");
const incidentsJson = sharedFixture("statuspage/github-incidents.json");
const raw: RawIncident[] = JSON.parse(incidentsJson).incidents;
const ms = (t: string) => Date.parse(t);
const shownAt = (u: RawUpdate) => u.display_at ?? u.created_at;
const closed = (s: string) => s === "resolved" || s === "postmortem";

/** The rules, derived here from the raw payload without Pingoru's code. */
function expected(incident: RawIncident) {
  const updates = [...incident.incident_updates].sort((a, b) => ms(shownAt(a)) - ms(shownAt(b)));
  const started = Math.min(
    ...[incident.started_at, incident.created_at, shownAt(updates[0]!)].filter(Boolean).map((t) => ms(t!)),
  );
  let resolved: number | null = null;
  let open = true;
  for (const u of updates) {
    if (closed(u.status) && open) resolved = ms(shownAt(u));
    if (!closed(u.status)) resolved = null;
    open = !closed(u.status);
  }
  return { started, resolved: closed(incident.status) ? resolved : null, updates };
}

let vendor: FakeVendor;
let h: Harness;
let stored: Incident[];

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": summary,
    "/api/v2/incidents.json": incidentsJson,
  });
  h = await openHarness({ start: "2026-08-01T00:00:00.000Z" });
  const added = await h.add({ url: vendor.url, slug: "github" });
  expect(added.detection?.kind).toBe("statuspage");
  expect(added.baseline).toMatchObject({ ok: true, events: [] });
  stored = await h.incidents("github");
});
afterAll(async () => {
  await h.close();
  await vendor.close();
});

const byVendorId = () => new Map(stored.map((i) => [i.vendorIncidentId, i]));

describe("GitHub Statuspage over loopback: the record is true", () => {
  it("one vendor incident is one Pingoru incident", () => {
    expect(stored).toHaveLength(new Set(raw.map((i) => i.id)).size);
  });

  it("started_at is the earliest time the vendor gives", () => {
    for (const incident of raw)
      expect(ms(byVendorId().get(incident.id)!.startedAt), incident.id).toBe(expected(incident).started);
  });

  it("resolved_at is the update that last moved it into resolved; duration = resolved − started", () => {
    for (const incident of raw) {
      const got = byVendorId().get(incident.id)!;
      const want = expected(incident);
      expect(got.resolvedAt === null ? null : ms(got.resolvedAt), incident.id).toBe(want.resolved);
    }
  });

  it("the baseline: resolved history is seen_live=false with no lag, detected at the first poll", () => {
    for (const incident of stored) {
      expect(incident.detectedAt).toBe("2026-08-01T00:00:00.000Z");
      expect(incident.detectionLagSeconds).toBeNull();
      expect(incident.seenLive).toBe(incident.resolvedAt === null);
    }
  });

  it("every incident has the vendor's title and a link to the vendor's own report", () => {
    for (const incident of raw) {
      const got = byVendorId().get(incident.id)!;
      expect(got.title).toBe(incident.name);
      expect(got.url).toBe(`https://www.githubstatus.com/incidents/${incident.id}`);
    }
  });

  it("updates are ordered by the displayed time and stored once each", () => {
    for (const incident of raw) {
      const got = byVendorId().get(incident.id)!;
      expect(got.updates.map((u) => u.id)).toEqual(expected(incident).updates.map((u) => u.id));
      expect(got.updates.map((u) => ms(u.at))).toEqual(expected(incident).updates.map((u) => ms(shownAt(u))));
    }
  });

  it("each update lists its components once, in the vendor's order; affected = their union", () => {
    for (const incident of raw) {
      const got = byVendorId().get(incident.id)!;
      for (const [index, update] of got.updates.entries()) {
        const ids = update.components.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        const rawNames = expected(incident).updates[index]!.affected_components?.map((c) => c.code) ?? [];
        expect(new Set(ids)).toEqual(new Set(rawNames));
      }
      const affected = got.affectedComponents.map((c) => c.name);
      expect(new Set(affected).size).toBe(affected.length);
    }
  });

  it("the API serves the same record, newest first, with durations", async () => {
    const page = (await h.api("/api/v1/vendors/github/incidents?limit=500")) as {
      incidents: Record<string, unknown>[];
    };
    expect(page.incidents).toHaveLength(stored.length);
    const starts = page.incidents.map((i) => ms(i.started_at as string));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    for (const i of page.incidents)
      if (i.resolved_at)
        expect(i.duration_seconds).toBe(
          Math.round((ms(i.resolved_at as string) - ms(i.started_at as string)) / 1000),
        );
  });
});

describe("GitHub Statuspage over loopback: later polls", () => {
  it("an unchanged page is no change; re-ordered components and renumbered positions are no change", async () => {
    h.clock.advance(60);
    expect((await h.poll("github")).events).toEqual([]);
    const page = JSON.parse(summary);
    page.components.reverse();
    page.components.forEach((c: { position: number }, i: number) => (c.position = 100 + i));
    page.page.updated_at = "2026-08-01T00:01:00.000Z";
    vendor.serve("/api/v2/summary.json", JSON.stringify(page));
    h.clock.advance(60);
    expect((await h.poll("github")).events).toEqual([]);
    vendor.serve("/api/v2/summary.json", summary);
  });

  it("a new incident seen later is news, with detection lag = detected − started", async () => {
    const fresh = structuredClone(raw[0]!);
    fresh.id = "newinc00001";
    fresh.name = "Degraded Codespaces";
    fresh.status = "investigating";
    fresh.started_at = fresh.created_at = "2026-08-01T00:00:30.000Z";
    fresh.incident_updates = [
      {
        ...fresh.incident_updates.at(-1)!,
        id: "newupd00001",
        status: "investigating",
        created_at: fresh.created_at,
        display_at: fresh.created_at,
      },
    ];
    vendor.serve(
      "/api/v2/incidents.json",
      JSON.stringify({ ...JSON.parse(incidentsJson), incidents: [fresh, ...raw] }),
    );
    h.clock.advance(60);
    const outcome = await h.poll("github");
    expect(outcome.events.map((e) => e.type)).toEqual(["incident.opened"]);
    const got = (await h.incidents("github")).find((i) => i.vendorIncidentId === "newinc00001")!;
    expect(got).toMatchObject({ seenLive: true, resolvedAt: null, title: "Degraded Codespaces" });
    expect(got.detectionLagSeconds).toBe((ms(got.detectedAt) - ms("2026-08-01T00:00:30.000Z")) / 1000);
    expect((await h.poll("github")).events).toEqual([]);
  });

  it("a page that cannot be fetched marks the vendor stale, records one source.degraded, and changes nothing", async () => {
    const before = await h.incidents("github");
    const components = await h.store.listComponents("github");
    vendor.serve("/api/v2/summary.json", { status: 500, body: "oops" });
    for (let i = 0; i < 3; i++) {
      h.clock.advance(60);
      expect((await h.poll("github")).ok).toBe(false);
    }
    const events = (await h.store.listEvents({ limit: 500 })).items.filter(
      (e) => e.type === "source.degraded",
    );
    expect(events).toHaveLength(1);
    expect(await h.store.getVendor("github")).toMatchObject({ stale: true, failures: 3 });
    expect(await h.incidents("github")).toEqual(before);
    expect(await h.store.listComponents("github")).toEqual(components);
    vendor.serve("/api/v2/summary.json", summary);
    h.clock.advance(60);
    expect((await h.poll("github")).events.map((e) => e.type)).toEqual(["source.recovered"]);
    expect(await h.store.getVendor("github")).toMatchObject({ stale: false, failures: 0 });
  });
});
