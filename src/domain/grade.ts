// A vendor's accuracy grade, A to F, from how soon it acknowledges what Pingoru sees (its median
// acknowledgement delay, ack-delay.ts) and how often it explains (its postmortem rate). Pure. The
// formula is printed beside every grade (GRADE_FORMULA), so a reader can check it by hand.

import type { StatFigures } from "./stats.ts";

export const GRADES = ["A", "B", "C", "D", "F"] as const;
export type Grade = (typeof GRADES)[number];

/** Fewer resolved incidents or known delays than these over the period: no grade. */
export const GRADE_MIN_RESOLVED = 5;
export const GRADE_MIN_ACKNOWLEDGED = 3;
/** A median delay this long or longer scores nothing. */
const ACK_ZERO_MINUTES = 60;
const BANDS: readonly [Grade, number][] = [
  ["A", 85],
  ["B", 70],
  ["C", 55],
  ["D", 40],
];

export const GRADE_FORMULA =
  `score = 50 × max(0, 1 − median acknowledgement delay / ${ACK_ZERO_MINUTES} min) + 50 × postmortem rate; ` +
  `${BANDS.map(([grade, least]) => `${grade} ≥ ${least}`).join(", ")}, else F; ` +
  `graded with at least ${GRADE_MIN_RESOLVED} resolved incidents and ${GRADE_MIN_ACKNOWLEDGED} known acknowledgement delays`;

export interface GradeResult {
  grade: Grade | null;
  /** 0..100, rounded to one decimal; null with the grade. */
  score: number | null;
  /** Why there is no grade ("no data: …"); null when there is one. */
  reason: string | null;
}

export function gradeVendor(
  figures: Pick<StatFigures, "acknowledgement" | "resolvedCount" | "postmortemRate">,
): GradeResult {
  const { acknowledgement, resolvedCount, postmortemRate } = figures;
  if (resolvedCount < GRADE_MIN_RESOLVED || acknowledgement.count < GRADE_MIN_ACKNOWLEDGED) {
    const reason = `no data: ${resolvedCount} resolved incidents (${GRADE_MIN_RESOLVED} needed), ${acknowledgement.count} known acknowledgement delays (${GRADE_MIN_ACKNOWLEDGED} needed)`;
    return { grade: null, score: null, reason };
  }
  const ack = Math.max(0, 1 - acknowledgement.p50! / (ACK_ZERO_MINUTES * 60));
  const score = Math.round((50 * ack + 50 * postmortemRate!) * 10) / 10;
  return { grade: BANDS.find(([, least]) => score >= least)?.[0] ?? "F", score, reason: null };
}
