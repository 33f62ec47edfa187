import { describe, expect, it } from "vitest";
import type {
  ComponentSnapshot,
  Incident,
  IncidentSnapshot,
  IncidentStatus,
  UpdateSnapshot,
} from "./model.ts";
import { buildIncident } from "./record.ts";
import {
  componentRevisions,
  currentDeletions,
  deletionKey,
  editedEvents,
  incidentDeletions,
  incidentRevisions,
  revisionMarks,
  updateDeletions,
  withinCap,
  MAX_REVISIONS_PER_SUBJECT,
  type Revision,
} from "./revisions.ts";
import { endUnlisted } from "./unlisted.ts";

const at = (hour: number) => new Date(Date.UTC(2026, 7, 1, hour)).toISOString();
const NOW = at(20);
const u = (id: string, status: IncidentStatus, hour: number, message = `${status}.`): UpdateSnapshot => ({
  id,
  status,
  at: at(hour),
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
const build = (seen: IncidentSnapshot, prev: Incident | null = null) =>
  buildIncident(seen, prev, { vendor: "acme", now: NOW, baseline: false, componentOrder: new Map() });

const OPEN = [u("a", "investigating", 10, "Looking."), u("b", "identified", 11, "Found it.")];
const OVER = [...OPEN, u("c", "resolved", 12, "Fixed.")];
const fields = (rs: Revision[]) => rs.map((r) => [r.updateId, r.field, r.oldValue, r.newValue]);

describe("incidentRevisions: what the vendor edited", () => {
  it.each([
    [
      "an update's text",
      OVER,
      [u("a", "investigating", 10, "Looked."), ...OVER.slice(1)],
      {},
      [["a", "message", "Looking.", "Looked."]],
    ],
    [
      "an update's time",
      OVER,
      [OVER[0]!, u("b", "identified", 10, "Found it."), OVER[2]!],
      {},
      [["b", "at", at(11), at(10)]],
    ],
    ["the start, moved earlier", OVER, OVER, { startedAt: at(8) }, [[null, "started_at", at(10), at(8)]]],
    ["the impact, once over", OVER, OVER, { impact: "major" }, [[null, "impact", "minor", "major"]]],
    [
      "the title, once over",
      OVER,
      OVER,
      { title: "Webhooks lost" },
      [[null, "title", "Webhooks delayed", "Webhooks lost"]],
    ],
  ] as const)("records %s", (_, before, after, extra, expected) => {
    const prev = build(snap([...before]));
    const next = build(snap([...after], extra), prev);
    expect(fields(incidentRevisions(prev, next, NOW))).toEqual(expected);
  });

  it.each([
    ["a new update", OPEN, OVER, {}],
    ["the impact while open (the incident unfolding)", OPEN, OPEN, { impact: "major" }],
    ["the title while open", OPEN, OPEN, { title: "Webhooks lost" }],
    ["whitespace in a text", OVER, [u("a", "investigating", 10, " Looking.\n"), ...OVER.slice(1)], {}],
    ["nothing at all", OVER, OVER, {}],
  ] as const)("ignores %s", (_, before, after, extra) => {
    const prev = build(snap([...before]));
    expect(incidentRevisions(prev, build(snap([...after], extra), prev), NOW)).toEqual([]);
  });

  it("ignores Pingoru's own ending of an incident no longer listed", () => {
    const prev = build(snap(OPEN));
    expect(incidentRevisions(prev, build(endUnlisted(prev, NOW), prev), NOW)).toEqual([]);
  });

  it("ignores a maintenance started before its schedule (its start is derived), but not a moved schedule", () => {
    const maintenance = (updates: UpdateSnapshot[], scheduledFor: string) =>
      snap(updates, {
        kind: "maintenance",
        status: updates.at(-1)!.status,
        scheduledFor,
        scheduledUntil: at(14),
      });
    const planned = [u("m1", "scheduled", 9)];
    const prev = build(maintenance(planned, at(12)));
    const early = build(maintenance([...planned, u("m2", "in_progress", 11)], at(12)), prev);
    expect(early.startedAt).toBe(at(11));
    expect(incidentRevisions(prev, early, NOW)).toEqual([]);
    const moved = build(maintenance(planned, at(13)), prev);
    expect(fields(incidentRevisions(prev, moved, NOW))).toEqual([[null, "started_at", at(12), at(13)]]);
  });

  it("ignores Pingoru's relabelling of a late 'resolved' update as the postmortem", () => {
    const prev = build(snap(OVER));
    // As stored before the postmortem rule: the later update kept its 'resolved'.
    const stored = {
      ...prev,
      updates: [...prev.updates, { ...u("d", "resolved", 40, "Postmortem published."), at: at(40) }],
    };
    const next = build(snap([...OVER, u("d", "resolved", 40, "Postmortem published.")]), stored);
    expect(next.updates.at(-1)!.status).toBe("postmortem");
    expect(incidentRevisions(stored, next, NOW)).toEqual([]);
  });

  it("gives the same change seen at the same time the same id", () => {
    const prev = build(snap(OVER));
    const next = build(snap(OVER, { startedAt: at(8) }), prev);
    expect(incidentRevisions(prev, next, NOW)[0]!.id).toBe(incidentRevisions(prev, next, NOW)[0]!.id);
  });
});

describe("deletions", () => {
  const prev = build(snap(OVER));
  it("marks an update the vendor no longer lists, unless another source's copy (same second and status) is", () => {
    const seen = snap([OVER[0]!, OVER[2]!]);
    expect(fields(updateDeletions(prev, seen, new Set(), NOW))).toEqual([
      ["b", "deleted_by_vendor", "false", "true"],
    ]);
    const copy = snap([OVER[0]!, { ...OVER[1]!, id: "feed-b", message: "Found it (feed)." }, OVER[2]!]);
    expect(updateDeletions(prev, copy, new Set(), NOW)).toEqual([]);
  });

  it("marks an update once, and marks it back when it is listed again", () => {
    const marked = new Set([deletionKey(prev.id, "b")]);
    expect(updateDeletions(prev, snap([OVER[0]!, OVER[2]!]), marked, NOW)).toEqual([]);
    expect(fields(updateDeletions(prev, snap(OVER), marked, NOW))).toEqual([
      ["b", "deleted_by_vendor", "true", "false"],
    ]);
  });

  it("marks covered incidents not listed, not twice, and back when listed again", () => {
    const covered = ["i1", "i2", "i3"].map((id) => ({
      id: `p${id}`,
      vendorIncidentId: id,
      title: id,
      impact: "minor" as const,
    }));
    const listed = new Set(["i1"]);
    const gone = incidentDeletions("acme", covered, listed, [], new Set(["pi3"]), NOW);
    expect(gone.map((r) => [r.incidentId, r.newValue])).toEqual([["pi2", "true"]]);
    const back = incidentDeletions(
      "acme",
      covered,
      new Set(["i1", "i2", "i3"]),
      covered,
      new Set(["pi3"]),
      NOW,
    );
    expect(back.map((r) => [r.incidentId, r.newValue])).toEqual([["pi3", "false"]]);
  });

  it("folds the marks in the order seen: the last one of each subject wins", () => {
    const marks = [
      ...incidentDeletions(
        "acme",
        [{ id: "p1", vendorIncidentId: "i1", title: "", impact: "none" }],
        new Set(),
        [],
        new Set(),
        at(1),
      ),
      ...updateDeletions(prev, snap([OVER[0]!, OVER[2]!]), new Set(), at(2)),
      ...updateDeletions(prev, snap(OVER), new Set([deletionKey(prev.id, "b")]), at(3)),
    ];
    expect([...currentDeletions(marks)]).toEqual(["p1"]);
  });
});

describe("component renames", () => {
  const c = (id: string, name: string): ComponentSnapshot => ({
    id,
    name,
    group: null,
    position: 0,
    status: "operational",
    rawStatus: "operational",
  });
  it("records a component whose id stays and name changes, and nothing for new or gone ones", () => {
    const revisions = componentRevisions(
      "acme",
      [c("1", "API"), c("2", "Web")],
      [c("1", "Public API"), c("3", "Docs")],
      NOW,
    );
    expect(revisions.map((r) => [r.componentId, r.incidentId, r.oldValue, r.newValue])).toEqual([
      ["1", null, "API", "Public API"],
    ]);
  });
});

describe("what the page and the API show", () => {
  it("marks the incident and its updates, and one incident.edited event per incident", () => {
    const prev = build(snap(OVER));
    const next = build(
      snap([u("a", "investigating", 10, "Looked."), ...OVER.slice(1)], { startedAt: at(8) }),
      prev,
    );
    const revisions = [
      ...incidentRevisions(prev, next, NOW),
      ...updateDeletions(prev, snap([OVER[0]!, OVER[2]!]), new Set(), NOW),
    ];
    expect(revisionMarks(next.id, revisions)).toEqual({
      edited: true,
      deleted: false,
      editedUpdates: ["a"],
      deletedUpdates: ["b"],
    });
    const events = editedEvents(revisions, new Map([[next.id, next]]), NOW);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "incident.edited",
      incidentId: next.id,
      at: NOW,
      data: {
        title: "Webhooks delayed",
        fields: ["started_at", "message", "deleted_by_vendor"],
        revisions: 3,
      },
    });
  });
});

describe("withinCap", () => {
  it("keeps, in order, what each subject has room for; a subject not counted has the whole cap", () => {
    const [first] = incidentRevisions(
      build(snap(OVER)),
      build(snap(OVER, { startedAt: at(8) }), build(snap(OVER))),
      NOW,
    );
    const r = (incidentId: string, n: number) => ({ ...first!, id: `${incidentId}-${n}`, incidentId });
    const revisions = [r("i1", 1), r("i2", 1), r("i1", 2), r("i1", 3), r("i3", 1)];
    const kept = withinCap(
      revisions,
      new Map([
        ["i1", 2],
        ["i2", 0],
      ]),
    );
    expect(kept.map((x) => x.id)).toEqual(["i1-1", "i1-2", "i3-1"]);
    const many = Array.from({ length: MAX_REVISIONS_PER_SUBJECT + 5 }, (_, n) => r("i4", n));
    expect(withinCap(many, new Map())).toHaveLength(MAX_REVISIONS_PER_SUBJECT);
  });
});
