import { describe, expect, it } from "vitest";
import { breakerReason, BREAKER_LIMITS } from "./breaker.ts";
import type { Incident } from "./model.ts";
import { contentFingerprint, matchRenamed } from "./renamed.ts";

const incident = (id: string, title: string, startedAt: string, message: string): Incident => ({
  id: `acme:${id}`,
  vendor: "acme",
  vendorIncidentId: id,
  kind: "incident",
  title,
  status: "investigating",
  impact: "none",
  url: null,
  startedAt,
  resolvedAt: null,
  scheduledFor: null,
  scheduledUntil: null,
  detectedAt: startedAt,
  seenLive: true,
  detectionLagSeconds: null,
  postmortemPublishedAt: null,
  postmortemUrl: null,
  listedOperational: [],
  affectedComponents: [],
  updates: [{ id: `${id}-u`, status: "investigating", at: startedAt, message, components: [] }],
});

const T1 = "2026-09-24T10:00:00.000Z";
const T2 = "2026-09-24T11:00:00.000Z";

describe("contentFingerprint", () => {
  it("is the title, start and first line: the rest of the body and the ids do not count", () => {
    const a = incident("a", "API errors", T1, "<p>We are investigating.</p><p>More soon.</p>");
    const b = incident("b", "API errors ", T1, "<p>We are  investigating.</p><p>Fixed typo.</p>");
    expect(contentFingerprint(a)).toBe(contentFingerprint(b));
    expect(contentFingerprint(a)).not.toBe(
      contentFingerprint(incident("a", "API errors", T2, "<p>We are investigating.</p>")),
    );
    expect(contentFingerprint(a)).not.toBe(
      contentFingerprint(incident("a", "Web errors", T1, "<p>We are investigating.</p>")),
    );
    expect(contentFingerprint(a)).not.toBe(
      contentFingerprint(incident("a", "API errors", T1, "Other words")),
    );
  });
});

describe("matchRenamed", () => {
  const stored = [incident("old-1", "A", T1, "x"), incident("old-2", "B", T1, "y")];
  it.each([
    ["a renamed item", [incident("new-1", "A", T1, "x")], [["new-1", "old-1"]]],
    [
      "two renamed items",
      [incident("n2", "B", T1, "y"), incident("n1", "A", T1, "x")],
      [
        ["n2", "old-2"],
        ["n1", "old-1"],
      ],
    ],
    ["a new item", [incident("new-3", "C", T1, "z")], []],
    [
      "two unknown items alike: only the first takes the stored one",
      [incident("p", "A", T1, "x"), incident("q", "A", T1, "x")],
      [["p", "old-1"]],
    ],
  ])("%s", (_, unknown, expected) => {
    expect([...matchRenamed(unknown, stored)]).toEqual(expected);
  });

  it("matches nothing when two stored incidents are alike (which one would it be?)", () => {
    const twins = [incident("t1", "A", T1, "x"), incident("t2", "A", T1, "x")];
    expect(matchRenamed([incident("n", "A", T1, "x")], twins).size).toBe(0);
  });
});

describe("breakerReason", () => {
  const { perPoll, perWindow } = BREAKER_LIMITS;
  it.each([
    [perPoll, perPoll, null],
    [perPoll + 1, perPoll + 1, /one poll opened 11 incidents/],
    [3, perWindow, null],
    [3, perWindow + 1, /21 incidents opened within 15 minutes/],
  ])("%i now, %i in the window", (now, windowed, expected) => {
    const reason = breakerReason(now, windowed, BREAKER_LIMITS);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});
