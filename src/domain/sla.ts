// SLA targets and how a month measures up to one. Pure. A target is per calendar month (UTC), for a
// vendor's component or the whole vendor (down when any of its components is down); its uptime is
// uptime.ts's over the month. The allowed downtime is the whole month's share (what a contract
// promises); `met` compares the uptime of the covered part of the month with the target.

import { PingoruError } from "../lib/errors.ts";
import type { WindowUptime } from "./uptime.ts";

export interface CreditBand {
  /** Uptime below this percentage earns the credit. */
  below: number;
  creditPercent: number;
}

export interface SlaTarget {
  vendor: string;
  /** A component's name; null: the whole vendor. */
  component: string | null;
  targetPercent: number;
  /** Highest threshold first. */
  credits: CreditBand[];
  /** Days after the month's end to claim a credit; null when unknown. */
  claimDays: number | null;
}

export interface SlaResult {
  targetPercent: number;
  uptimePercent: number | null;
  downtimeSeconds: number;
  allowedDowntimeSeconds: number;
  /** null while nothing of the month is covered. */
  met: boolean | null;
  creditPercent: number | null;
  /** Last day (UTC) to claim the credit; null without a credit or a claim window. */
  claimBy: string | null;
  incidentIds: string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "YYYY-MM" → the month's [from, to) in UTC. */
export function monthWindow(month: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (m === null)
    throw new PingoruError(
      "input",
      `month must look like 2026-03, got ${JSON.stringify(month.slice(0, 20))}`,
    );
  const [year, index] = [Number(m[1]), Number(m[2]) - 1];
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

/** The months from `from` to `to` (both YYYY-MM, inclusive), at most `max`. */
export function monthsBetween(from: string, to: string, max = MAX_MONTHS): string[] {
  const [start, end] = [monthWindow(from).from, monthWindow(to).from];
  if (start > end) throw new PingoruError("input", `from must not be after to, got ${from} and ${to}`);
  const months: string[] = [];
  for (let at = start; at <= end; at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))) {
    if (months.length === max) throw new PingoruError("input", `at most ${max} months at once`);
    months.push(at.toISOString().slice(0, 7));
  }
  return months;
}

/** The most months asked for at once (ten years). */
export const MAX_MONTHS = 120;

/** A percentage in (0, 100], from a target or a band's threshold. */
export function checkPercent(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > 100)
    throw new PingoruError("input", `${name} must be a percentage above 0 and at most 100, got ${value}`);
  return value;
}

/** A claim window, as a number or as typed: whole days from 1 to 3650. */
export function checkClaimDays(name: string, value: number | string): number {
  const days = typeof value === "string" && value.trim() === "" ? NaN : Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new PingoruError(
      "input",
      `${name} must be whole days from 1 to 3650, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 20)) : value}`,
    );
  return days;
}

/** "99.0:10,95.0:25" (below 99.0 → 10 %, below 95.0 → 25 %) → bands, highest threshold first. */
export function parseCredits(text: string): CreditBand[] {
  if (text.trim() === "") return [];
  const bands = text.split(",").map((part) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (m === null)
      throw new PingoruError(
        "input",
        `credits must look like "99.0:10,95.0:25" (uptime below:credit %), got ${JSON.stringify(part.trim().slice(0, 40))}`,
      );
    return {
      below: checkPercent("a credit threshold", Number(m[1])),
      creditPercent: checkPercent("a credit", Number(m[2])),
    };
  });
  return bands.sort((a, b) => b.below - a.below);
}

export function formatCredits(bands: readonly CreditBand[]): string {
  return bands.map((b) => `${b.below}:${b.creditPercent}`).join(",");
}

/** The largest credit whose threshold the uptime falls below; 0 when none. */
export function creditFor(uptimePercent: number, bands: readonly CreditBand[]): number {
  return bands.reduce((max, b) => (uptimePercent < b.below ? Math.max(max, b.creditPercent) : max), 0);
}

export function judgeSla(target: SlaTarget, month: string, uptime: WindowUptime): SlaResult {
  const { from, to } = monthWindow(month);
  const monthSeconds = (to.getTime() - from.getTime()) / 1000;
  const percent = uptime.percent;
  const credit = percent === null ? null : creditFor(percent, target.credits);
  const claimBy =
    credit !== null && credit > 0 && target.claimDays !== null
      ? new Date(to.getTime() + (target.claimDays - 1) * 86_400_000).toISOString().slice(0, 10)
      : null;
  return {
    targetPercent: target.targetPercent,
    uptimePercent: percent,
    downtimeSeconds: uptime.downSeconds,
    allowedDowntimeSeconds: Math.round(monthSeconds * (1 - target.targetPercent / 100)),
    met: percent === null ? null : percent >= target.targetPercent,
    creditPercent: credit,
    claimBy,
    incidentIds: uptime.incidentIds,
  };
}
