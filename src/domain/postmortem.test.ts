import { describe, expect, it } from "vitest";
import { durationSeconds, type IncidentSnapshot, type IncidentStatus, type UpdateSnapshot } from "./model.ts";
import { markPostmortems, postmortemOf } from "./postmortem.ts";
import { buildIncident } from "./record.ts";

const at = (hour: number, day = 10) => new Date(Date.UTC(2026, 1, day, hour)).toISOString();
const u = (id: string, status: IncidentStatus, time: string, message = `${status}.`): UpdateSnapshot => ({
  id,
  status,
  at: time,
  message,
  components: [],
});
const open = u("a", "investigating", at(18));
const resolved = u("b", "resolved", at(19));
const statuses = (updates: UpdateSnapshot[]) => updates.map((update) => update.status);

describe("markPostmortems: a later 'resolved' that announces a write-up is a postmortem", () => {
  it.each([
    ["postmortem", "We have published a postmortem for this incident."],
    ["post-mortem", "Our post-mortem is now available."],
    ["post mortem", "See the post mortem."],
    ["root cause analysis", "The <b>root cause analysis</b> is available on our blog."],
    ["incident report", "We have published an incident report."],
    ["post-incident review", "Read our post-incident review."],
  ])("names %s", (_, message) => {
    const later = u("c", "resolved", at(12, 13), message);
    expect(statuses(markPostmortems([open, resolved, later], []))).toEqual([
      "investigating",
      "resolved",
      "postmortem",
    ]);
  });

  it.each([
    [
      "the first resolution, whatever it says",
      [open, u("b", "resolved", at(19), "A root cause analysis will follow.")],
    ],
    ["a later resolved without those words", [open, resolved, u("c", "resolved", at(20), "All clear.")]],
    [
      "a reopening update that mentions one",
      [open, resolved, u("c", "investigating", at(20), "Postmortem: no.")],
    ],
    [
      "a resolution after a reopening",
      [open, resolved, u("c", "investigating", at(20)), u("d", "resolved", at(21), "postmortem soon")],
    ],
    [
      "a copy of the resolution at the same time",
      [open, resolved, u("b2", "resolved", at(19), "incident report")],
    ],
  ])("leaves %s alone", (_, updates) => {
    expect(markPostmortems(updates, [])).toEqual(updates);
  });

  it("counts a resolution stored by an earlier poll, and leaves stored updates as they are", () => {
    const later = u("c", "resolved", at(12, 13), "Postmortem published.");
    expect(statuses(markPostmortems([later], [open, resolved]))).toEqual(["postmortem"]);
  });
});

describe("postmortemOf", () => {
  it.each([
    [
      'Read it <a href="https://clerk.com/blog/postmortem?x=1&amp;y=2">here</a>.',
      "https://clerk.com/blog/postmortem?x=1&y=2",
    ],
    ["Read it at https://example.com/pm.", "https://example.com/pm"],
    ['Unsafe <a href="javascript:alert(1)">link</a> only.', null],
    ["No link at all.", null],
  ])("%s → %s", (message, url) => {
    const facts = postmortemOf([open, resolved, u("c", "postmortem", at(12, 13), message)]);
    expect(facts).toEqual({ postmortemPublishedAt: at(12, 13), postmortemUrl: url });
  });

  it("is null without a postmortem update", () => {
    expect(postmortemOf([open, resolved])).toEqual({ postmortemPublishedAt: null, postmortemUrl: null });
  });
});

describe("the record of a postmortem announced as one more 'Resolved'", () => {
  const snap = (updates: UpdateSnapshot[]): IncidentSnapshot => ({
    id: "dns",
    kind: "incident",
    title: "DNS resolution failures",
    status: updates.at(-1)!.status,
    impact: "critical",
    url: null,
    startedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    components: [],
    updates,
  });
  const ctx = (now: string) => ({ vendor: "clerk", now, baseline: false, componentOrder: new Map() });
  const later = u(
    "c",
    "resolved",
    at(17, 13),
    '<a href="https://clerk.com/blog/dns-postmortem">Postmortem</a>',
  );

  it("stays resolved at its first resolution, is in status postmortem, and keeps it poll after poll", () => {
    const before = buildIncident(snap([open, resolved]), null, ctx(at(20)));
    const after = buildIncident(snap([open, resolved, later]), before, ctx(at(18, 13)));
    const again = buildIncident(snap([open, resolved, later]), after, ctx(at(19, 13)));
    for (const incident of [after, again]) {
      expect(incident).toMatchObject({
        status: "postmortem",
        resolvedAt: at(19),
        postmortemPublishedAt: at(17, 13),
        postmortemUrl: "https://clerk.com/blog/dns-postmortem",
      });
      expect(durationSeconds(incident)).toBe(3600);
      expect(statuses(incident.updates)).toEqual(["investigating", "resolved", "postmortem"]);
    }
  });
});
