import { describe, expect, it } from "vitest";
import {
  durationSeconds,
  type ComponentStatus,
  type IncidentSnapshot,
  type IncidentStatus,
  type UpdateSnapshot,
} from "./model.ts";
import { buildIncident, type RecordContext } from "./record.ts";
import { endUnlisted } from "./unlisted.ts";

const at = (hour: number, day = 1) => new Date(Date.UTC(2026, 7, day, hour)).toISOString();
const u = (id: string, status: IncidentStatus, time: string, message = `${status}.`): UpdateSnapshot => ({
  id,
  status,
  at: time,
  message,
  components: [],
});
const snap = (updates: UpdateSnapshot[], extra: Partial<IncidentSnapshot> = {}): IncidentSnapshot => ({
  id: "x",
  kind: "incident",
  title: "Webhooks delayed",
  status: updates.at(-1)?.status ?? "investigating",
  impact: "minor",
  url: null,
  startedAt: null,
  scheduledFor: null,
  scheduledUntil: null,
  components: [],
  updates,
  ...extra,
});
const ctx = (now: string, baseline = false): RecordContext => ({
  vendor: "acme",
  now,
  baseline,
  componentOrder: new Map(),
});

describe("the record is true (DESIGN §5)", () => {
  it("started_at is the earliest time the vendor gives, not when Pingoru saw it", () => {
    const back = snap([u("a", "investigating", at(10))], { startedAt: at(8) });
    expect(buildIncident(back, null, ctx(at(12))).startedAt).toBe(at(8));
    expect(buildIncident(snap([u("a", "investigating", at(10))]), null, ctx(at(12))).startedAt).toBe(at(10));
  });

  it("resolved_at is the update that moved it into resolved; a later post-mortem does not move it", () => {
    const incident = buildIncident(
      snap([u("a", "investigating", at(10)), u("b", "resolved", at(11)), u("c", "postmortem", at(9, 4))]),
      null,
      ctx(at(10, 4)),
    );
    expect(incident.resolvedAt).toBe(at(11));
    expect(durationSeconds(incident)).toBe(3600);
  });

  it("a reopened incident has no resolved_at until resolved again", () => {
    const updates = [
      u("a", "investigating", at(10)),
      u("b", "resolved", at(11)),
      u("c", "investigating", at(12)),
    ];
    const reopened = buildIncident(snap(updates), null, ctx(at(13)));
    expect(reopened.resolvedAt).toBeNull();
    expect(durationSeconds(reopened)).toBeNull();
    const again = buildIncident(snap([...updates, u("d", "resolved", at(14))]), reopened, ctx(at(15)));
    expect(again.resolvedAt).toBe(at(14));
    expect(durationSeconds(again)).toBe(4 * 3600);
  });

  it("duration is never negative", () => {
    const odd = snap([u("a", "resolved", at(10))], { startedAt: at(11) });
    expect(durationSeconds(buildIncident(odd, null, ctx(at(12))))).toBe(0);
  });

  it.each([
    { name: "baseline, resolved history", baseline: true, status: "resolved", live: false, lag: null },
    { name: "baseline, open", baseline: true, status: "investigating", live: true, lag: null },
    { name: "later poll, open", baseline: false, status: "investigating", live: true, lag: 7200 },
    { name: "later poll, already resolved", baseline: false, status: "resolved", live: false, lag: 7200 },
  ] as const)("detected_at, seen_live and lag: $name", ({ baseline, status, live, lag }) => {
    const incident = buildIncident(snap([u("a", status, at(10))]), null, ctx(at(12), baseline));
    expect(incident).toMatchObject({ detectedAt: at(12), seenLive: live, detectionLagSeconds: lag });
    const later = buildIncident(
      snap([u("a", status, at(10)), u("b", "resolved", at(13))]),
      incident,
      ctx(at(14)),
    );
    expect(later).toMatchObject({ detectedAt: at(12), seenLive: live, detectionLagSeconds: lag });
  });

  it("every incident has a title: the vendor's, else the first sentence of its first update", () => {
    const untitled = snap([u("a", "investigating", at(10), "<p>We are seeing errors. More soon.</p>")], {
      title: " ",
    });
    expect(buildIncident(untitled, null, ctx(at(11))).title).toBe("We are seeing errors.");
  });

  it("updates are ordered by time and stored once, even when a source drops old ones", () => {
    const first = buildIncident(
      snap([u("b", "identified", at(11)), u("a", "investigating", at(10))]),
      null,
      ctx(at(11)),
    );
    expect(first.updates.map((x) => x.id)).toEqual(["a", "b"]);
    const next = buildIncident(
      snap([u("b", "identified", at(11)), u("c", "resolved", at(12))]),
      first,
      ctx(at(12)),
    );
    expect(next.updates.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("one update seen by two sources (JSON id, feed hash) is stored once, under its first id", () => {
    const fromJson = { ...u("01JSON", "investigating", at(10)), components: [] };
    const fromFeed = {
      ...u("feedhash", "investigating", at(10)),
      message: "<p>investigating.</p>",
      components: [{ id: null, name: "API", status: "partial_outage" as const }],
    };
    const first = buildIncident(snap([fromJson]), null, ctx(at(11)));
    const next = buildIncident(snap([fromFeed, u("r", "resolved", at(12))]), first, ctx(at(13)));
    expect(next.updates.map((x) => x.id)).toEqual(["01JSON", "r"]);
    expect(next.updates[0]!.message).toBe("investigating.");
    expect(next.updates[0]!.components).toEqual([{ id: null, name: "API", status: "partial_outage" }]);
    expect(buildIncident(snap([fromJson, u("r", "resolved", at(12))]), next, ctx(at(14)))).toEqual(next);
  });

  it("a component named without an id takes the id the incident already gave that name", () => {
    const api = (id: string | null, status: "partial_outage" | "operational") => ({
      id,
      name: "API",
      status,
    });
    const incident = buildIncident(
      snap([
        { ...u("a", "investigating", at(10)), components: [api("c-api", "partial_outage")] },
        { ...u("b", "resolved", at(11)), components: [api(null, "operational")] },
      ]),
      null,
      ctx(at(12)),
    );
    expect(incident.updates[1]!.components).toEqual([api("c-api", "operational")]);
    expect(incident.affectedComponents).toEqual([
      { id: "c-api", name: "API", worstStatus: "partial_outage" },
    ]);
  });

  it("every component list follows the vendor's order, then the incident's first mention (issue 16)", () => {
    const state = (name: string, status: ComponentStatus = "operational") => ({ id: null, name, status });
    const order = new Map([
      ["A", 0],
      ["B", 1],
      ["C", 2],
    ]);
    const incident = buildIncident(
      snap([
        {
          ...u("a", "investigating", at(10)),
          components: [state("Y"), state("C", "major_outage"), state("A")],
        },
        {
          ...u("b", "resolved", at(11)),
          components: [state("X"), state("A"), state("Y"), state("B"), state("C")],
        },
      ]),
      null,
      { ...ctx(at(12)), componentOrder: order },
    );
    expect(incident.updates.map((x) => x.components.map((c) => c.name))).toEqual([
      ["A", "C", "Y"],
      ["A", "B", "C", "Y", "X"],
    ]);
    expect(incident.affectedComponents).toEqual([{ id: null, name: "C", worstStatus: "major_outage" }]);
    expect(incident.listedOperational.map((c) => c.name)).toEqual(["A", "B", "Y", "X"]);
  });

  it.each<[string, ComponentStatus[], boolean]>([
    ["degraded once", ["operational", "degraded_performance", "operational"], true],
    [
      "under maintenance (a maintenance affects what it maintains)",
      ["under_maintenance", "operational"],
      true,
    ],
    ["a state Pingoru could not read", ["unknown"], true],
    ["operational throughout", ["operational", "operational"], false],
  ])("a component %s is affected: %s", (_, states, affected) => {
    const updates = states.map((status, i) => ({
      ...u(`u${i}`, "investigating", at(10 + i)),
      components: [{ id: "c", name: "API", status }],
    }));
    const incident = buildIncident(snap(updates), null, ctx(at(20)));
    expect(incident.affectedComponents.map((c) => c.name)).toEqual(affected ? ["API"] : []);
    expect(incident.listedOperational.map((c) => c.name)).toEqual(affected ? [] : ["API"]);
  });
});

describe("an incident ended by no longer being listed", () => {
  it("keeps every component it named, the ones only listed as operational too", () => {
    const named = [
      { id: "c-api", name: "API", status: "degraded_performance" as ComponentStatus },
      { id: "c-login", name: "Login", status: "operational" as ComponentStatus },
    ];
    const open = buildIncident(
      snap([{ ...u("a", "investigating", at(10)), components: named }]),
      null,
      ctx(at(11)),
    );
    expect(open.affectedComponents.map((c) => c.name)).toEqual(["API"]);
    expect(open.listedOperational.map((c) => c.name)).toEqual(["Login"]);
    const ended = buildIncident(endUnlisted(open, at(12)), open, ctx(at(12)));
    expect(ended.status).toBe("resolved");
    expect(ended.affectedComponents.map((c) => c.name)).toEqual(["API"]);
    expect(ended.listedOperational.map((c) => c.name)).toEqual(["Login"]);
  });
});
