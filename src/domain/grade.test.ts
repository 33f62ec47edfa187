import { describe, expect, it } from "vitest";
import { GRADE_FORMULA, gradeVendor } from "./grade.ts";

const figures = (ackMinutes: number | null, ackCount: number, resolved: number, postmortems: number) => ({
  acknowledgement: { p50: ackMinutes === null ? null : ackMinutes * 60, count: ackCount },
  resolvedCount: resolved,
  postmortemRate: resolved === 0 ? null : postmortems / resolved,
});

describe("gradeVendor", () => {
  // The score by the printed formula: 50 × max(0, 1 − delay / 60 min) + 50 × rate.
  it.each([
    [0, 10, 10, "A", 100],
    [6, 10, 8, "A", 50 * (1 - 6 / 60) + 50 * 0.8], // 85
    [30, 10, 9, "B", 50 * 0.5 + 50 * 0.9], // 70
    [12, 10, 3, "C", 50 * 0.8 + 50 * 0.3], // 55
    [90, 10, 8, "D", 0 + 50 * 0.8], // 40
    [45, 5, 1, "F", 50 * 0.25 + 50 * 0.2], // 22.5
  ] as const)(
    "a median delay of %d min and %d/%d postmortems is %s (%d)",
    (ack, resolved, pms, grade, score) => {
      expect(gradeVendor(figures(ack, 3, resolved, pms))).toEqual({ grade, score, reason: null });
    },
  );

  it("says no data, and how much is missing, with too few incidents or known delays", () => {
    expect(gradeVendor(figures(1, 3, 4, 4))).toEqual({
      grade: null,
      score: null,
      reason: "no data: 4 resolved incidents (5 needed), 3 known acknowledgement delays (3 needed)",
    });
    expect(gradeVendor(figures(null, 0, 20, 20)).grade).toBeNull();
  });

  it("prints the formula it applies", () => {
    expect(GRADE_FORMULA).toBe(
      "score = 50 × max(0, 1 − median acknowledgement delay / 60 min) + 50 × postmortem rate; A ≥ 85, B ≥ 70, C ≥ 55, D ≥ 40, else F; graded with at least 5 resolved incidents and 3 known acknowledgement delays",
    );
  });
});
