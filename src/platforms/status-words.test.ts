import { describe, expect, it } from "vitest";
import { impactFromComponents, toComponentStatus, toImpact, toIncidentStatus } from "./status-words.ts";

describe("status words", () => {
  it.each([
    ["operational", "operational"],
    ["Degraded performance", "degraded_performance"],
    ["Partial outage", "partial_outage"],
    ["Full outage", "major_outage"],
    ["Under maintenance", "under_maintenance"],
    ["sideways", "unknown"],
    [null, "unknown"],
  ])("component %j → %s", (raw, expected) => {
    expect(toComponentStatus(raw)).toBe(expected);
  });

  it.each([
    ["In progress", "incident", "in_progress"],
    ["postmortem", "incident", "postmortem"],
    ["fixed", "incident", "resolved"],
    ["closed", "maintenance", "completed"],
    ["gibberish", "incident", "investigating"],
    ["gibberish", "maintenance", "scheduled"],
  ] as const)("incident %j (%s) → %s", (raw, kind, expected) => {
    expect(toIncidentStatus(raw, kind)).toBe(expected);
  });

  it.each([
    ["critical", "incident", "critical"],
    ["none", "maintenance", "maintenance"],
    ["none", "incident", "none"],
    ["weird", "incident", "none"],
  ] as const)("impact %j (%s) → %s", (raw, kind, expected) => {
    expect(toImpact(raw, kind)).toBe(expected);
  });

  it("derives a feed incident's impact like incident.io's own compatible API", () => {
    expect(impactFromComponents(["degraded_performance"], "incident")).toBe("minor");
    expect(impactFromComponents(["operational", "major_outage"], "incident")).toBe("critical");
    expect(impactFromComponents([], "incident")).toBe("none");
  });
});
