import { describe, expect, it } from "vitest";
import { isOpenAt, parseInstant, parsePeriod } from "./open-at.ts";

describe("parseInstant", () => {
  it.each([
    ["2026-02-10 18:00", "2026-02-10T18:00:00.000Z"],
    ["2026-02-10T18:00", "2026-02-10T18:00:00.000Z"],
    ["2026-02-10 18:00:30", "2026-02-10T18:00:30.000Z"],
    ["2026-02-10T18:00:30.5Z", "2026-02-10T18:00:30.500Z"],
    ["2026-02-10T18:00:30.123456Z", "2026-02-10T18:00:30.123Z"],
    ["2026-02-10T18:00:00.000Z", "2026-02-10T18:00:00.000Z"],
    ["2026-02-10 18:00+01:00", "2026-02-10T17:00:00.000Z"],
    ["2026-02-10T18:00:00-05:30", "2026-02-10T23:30:00.000Z"],
    ["2026-02-10T00:30+0100", "2026-02-09T23:30:00.000Z"],
    ["  2024-02-29 23:59z ", "2024-02-29T23:59:00.000Z"],
  ])("reads %j as %s", (text, iso) => {
    expect(parseInstant(text)).toBe(iso);
  });

  it.each([
    "",
    "yesterday",
    "2026-02-10",
    "2026-02-10 18",
    "2026-02-10 6:00",
    "2026/02/10 18:00",
    "2026-02-30 18:00",
    "2025-02-29 12:00",
    "2026-13-01 00:00",
    "2026-02-10 24:00",
    "2026-02-10 18:60",
    "2026-02-10 18:00:60",
    "2026-02-10 18:00+15:00",
    "2026-02-10 18:00+01:60",
    "2026-02-10 18:00 UTC",
    "1770746400",
  ])("refuses %j with one line naming it", (text) => {
    expect(() => parseInstant(text)).toThrowError(
      expect.objectContaining({ kind: "input", message: expect.stringContaining(JSON.stringify(text)) }),
    );
    expect(() => parseInstant(text)).toThrowError(/^[^\n]+$/);
  });
});

describe("isOpenAt", () => {
  const t = "2026-02-10T18:00:00.000Z";
  it.each([
    ["started before, still open", "2026-02-10T17:00:00.000Z", null, true],
    ["started exactly then", t, null, true],
    ["started after", "2026-02-10T18:00:00.001Z", null, false],
    ["resolved after", "2026-02-10T17:00:00.000Z", "2026-02-10T18:00:00.001Z", true],
    ["resolved exactly then", "2026-02-10T17:00:00.000Z", t, false],
    ["resolved before", "2026-02-10T16:00:00.000Z", "2026-02-10T17:00:00.000Z", false],
    ["started and resolved at that instant", t, t, false],
  ])("%s: %s – %s → %s", (_, startedAt, resolvedAt, open) => {
    const status = resolvedAt === null ? "investigating" : "resolved";
    expect(isOpenAt({ startedAt, status, resolvedAt }, t)).toBe(open);
  });

  it.each(["resolved", "postmortem", "completed"] as const)(
    "closed (%s) without a resolved time lasted an unknown time: never open",
    (status) => {
      for (const startedAt of ["2026-02-10T17:00:00.000Z", t])
        expect(isOpenAt({ startedAt, status, resolvedAt: null }, t)).toBe(false);
    },
  );
});

describe("parsePeriod", () => {
  it.each([
    ["2026-01-01", "2026-01-31", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
    ["2026-01-01", "2026-01-01", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"],
    ["2026-01-01 06:00", "2026-01-01T18:00+01:00", "2026-01-01T06:00:00.000Z", "2026-01-01T17:00:00.000Z"],
  ])("reads %s to %s as [%s, %s)", (from, to, start, end) => {
    expect(parsePeriod(from, to)).toEqual({ from: start, to: end });
  });

  it.each([
    ["2026-01-02", "2026-01-01 12:00", /must end after it begins/],
    ["2026-01-01 12:00", "2026-01-01 12:00", /must end after it begins/],
    ["2026-02-30", "2026-03-01", /invalid time "2026-02-30 00:00"/],
    ["last week", "2026-03-01", /invalid time "last week"/],
  ])("refuses %s to %s", (from, to, error) => {
    expect(() => parsePeriod(from, to)).toThrowError(error);
  });
});
