import { describe, expect, it } from "vitest";
import { formatDuration, formatUtc } from "./human-time.ts";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [-5, "0 s"],
    [45, "45 s"],
    [59.6, "1 min 0 s"],
    [60, "1 min 0 s"],
    [14 * 60 + 5, "14 min 5 s"],
    [3599, "59 min 59 s"],
    [3600, "1 h 0 min"],
    [2 * 3600 + 59, "2 h 0 min"],
    [3 * 3600 + 5 * 60 + 9, "3 h 5 min"],
    [86400, "1 d 0 h 0 min"],
    [5 * 86400 + 3600 + 8 * 60 + 30, "5 d 1 h 8 min"],
    [400 * 86400, "400 d 0 h 0 min"],
  ])("%d s → %s", (seconds, want) => {
    expect(formatDuration(seconds)).toBe(want);
  });
});

describe("formatUtc", () => {
  it.each([
    ["2026-02-10T19:43:59.999Z", "10 Feb 2026, 19:43 UTC"],
    ["2024-05-01T00:04:00.000Z", "1 May 2024, 00:04 UTC"],
    // An offset is read as the moment it names.
    ["2024-12-31T23:30:00-02:00", "1 Jan 2025, 01:30 UTC"],
    ["not a time", "not a time"],
  ])("%s → %s", (iso, want) => {
    expect(formatUtc(iso)).toBe(want);
  });
});
