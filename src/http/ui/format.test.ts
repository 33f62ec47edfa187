import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration, formatUtc, incidentStatusLabel, timeTag } from "./format.ts";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [-5, "0 s"],
    [59, "59 s"],
    [60, "1 min"],
    [3599, "59 min"],
    [3600, "1 h"],
    [3 * 3600 + 5 * 60 + 9, "3 h 5 min"],
    [86400, "1 d"],
    [2 * 86400 + 4 * 3600 + 59, "2 d 4 h"],
  ])("%i s → %s", (seconds, want) => {
    expect(formatDuration(seconds)).toBe(want);
  });
});

describe("time wording", () => {
  it("prints UTC minutes and a machine-readable datetime", () => {
    expect(formatUtc("2024-05-01T12:34:56.000Z")).toBe("2024-05-01 12:34 UTC");
    expect(String(timeTag("2024-05-01T12:34:56.000Z"))).toContain('datetime="2024-05-01T12:34:56.000Z"');
  });
  it("says how long ago, or never", () => {
    const now = new Date("2024-05-01T13:00:00.000Z");
    expect(formatAgo("2024-05-01T12:58:30.000Z", now)).toBe("1 min ago");
    expect(formatAgo(null, now)).toBe("never");
  });
  it("words incident statuses", () => {
    expect(incidentStatusLabel("in_progress")).toBe("In progress");
    expect(incidentStatusLabel("postmortem")).toBe("Postmortem");
  });
});
