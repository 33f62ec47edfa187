// SLA notifications (issue 11), the pure rules: when a month's downtime passed a target's allowance
// (`sla.breached`), and when a breached month's credit is about to go unclaimed (`sla.claim_due`).
// Both are once per (target, month): the id is deterministic in (vendor, component, type, month), so
// any check, worker or restart that finds one makes the same event, which the store writes once.
import { stableId } from "../lib/hash.ts";
import type { ChangeEvent, Iso } from "./model.ts";
import { judgeSla, monthWindow, type SlaResult, type SlaTarget } from "./sla.ts";
import {
  computeCombinedUptime,
  computeWindowUptime,
  downtimePassing,
  type WindowUptime,
  type WindowUptimeInput,
} from "./uptime.ts";

/** How many days before a claim window closes `sla.claim_due` is sent (at the month's end if shorter), by default. */
export const SLA_CLAIM_REMIND_DAYS = 7;
/** At most this many: a month is at least that long, so two months' reminders are never due at once. */
export const MAX_SLA_CLAIM_REMIND_DAYS = 28;
const DAY_MS = 86_400_000;

/** The events due now and when to look again with no change in the record (null: only on a change). */
export interface SlaCheck {
  events: ChangeEvent[];
  recheckAt: Date | null;
}

/** "YYYY-MM" of an instant (UTC). */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export function previousMonth(month: string): string {
  return monthOf(new Date(monthWindow(month).from.getTime() - 1));
}

/** The link to the month's SLA page, relative to Pingoru's base URL. */
export function slaPath(month: string): string {
  return `/sla?month=${month}`;
}

/** The input narrowed to the target: the component it names, or all (null: the component is gone). */
export function targetInput(target: SlaTarget, input: WindowUptimeInput): WindowUptimeInput | null {
  if (target.component === null) return input;
  const component = input.components.find((k) => k.name === target.component);
  return component === undefined ? null : { ...input, components: [component] };
}

/** The target's uptime over the input's window (as GET /api/v1/sla computes it). */
export function targetUptime(target: SlaTarget, input: WindowUptimeInput): WindowUptime {
  const narrowed = targetInput(target, input);
  if (narrowed === null) {
    const noData = (input.to.getTime() - input.from.getTime()) / 1000;
    return { percent: null, downSeconds: 0, noDataSeconds: noData, incidentIds: [] };
  }
  return target.component === null ? computeCombinedUptime(narrowed) : computeWindowUptime(narrowed)[0]!;
}

/** The input over one month (its incidents and changes may reach beyond it: the window clips them). */
export function inMonth(input: WindowUptimeInput, month: string): WindowUptimeInput {
  return { ...input, ...monthWindow(month) };
}

/**
 * `sla.breached` for a target in a month: due once the month's downtime passed the allowance. Not for a
 * breach that came before the vendor was watched (its baseline, DESIGN §5). While not breached and
 * something is down, look again when the allowance could be used up at the earliest (downtime grows at
 * most one second a second), or at the month's end if sooner; while breached and still down, at the
 * month's end (the next month's allowance starts to run then); with nothing down, only a change in the
 * record can breach it.
 */
export function checkBreach(
  target: SlaTarget,
  month: string,
  input: WindowUptimeInput,
  baselineAt: Iso | null,
): SlaCheck {
  const windowed = inMonth(input, month);
  const narrowed = targetInput(target, windowed);
  if (narrowed === null || baselineAt === null) return { events: [], recheckAt: null };
  const result = judgeSla(target, month, targetUptime(target, windowed));
  const passing = downtimePassing(narrowed, result.allowedDowntimeSeconds);
  // Down now, within the month: the next month's downtime begins at its first instant, so look again
  // then at the latest, whatever this month's outcome.
  const monthEnd = passing.downAtEnd && input.now < windowed.to ? windowed.to : null;
  if (passing.passedAt === null) {
    const leftMs = (result.allowedDowntimeSeconds - result.downtimeSeconds) * 1000;
    const recheck = input.now.getTime() + Math.max(1, Math.ceil(leftMs));
    return { events: [], recheckAt: monthEnd && new Date(Math.min(recheck, monthEnd.getTime())) };
  }
  if (passing.passedAt.toISOString() < baselineAt) return { events: [], recheckAt: monthEnd };
  const data = { ...slaData(target, month, result), breached_at: passing.passedAt.toISOString() };
  return { events: [slaEvent("sla.breached", target, month, input.now, data)], recheckAt: monthEnd };
}

/**
 * The month whose claim reminder is due at `now`, if any, and when the next month's falls due. The
 * reminder is due `remindDays` before the claim window closes (the end of `claim_by`), or as the
 * month ends when the window is shorter, and stays due until the window closes. Reminders are at most
 * MAX_SLA_CLAIM_REMIND_DAYS wide and months at least that long, so at most one month is due at a time.
 */
export function claimReminderMonth(
  target: SlaTarget,
  now: Date,
  remindDays = SLA_CLAIM_REMIND_DAYS,
): { month: string | null; nextDueAt: Date | null } {
  if (target.claimDays === null || target.credits.length === 0) return { month: null, nextDueAt: null };
  const shiftMs = Math.max(0, target.claimDays - Math.min(remindDays, MAX_SLA_CLAIM_REMIND_DAYS)) * DAY_MS;
  // The latest month to have ended by now − shift is the one before the month that instant is in.
  const current = monthOf(new Date(now.getTime() - shiftMs));
  const candidate = previousMonth(current);
  const closesAt = monthWindow(candidate).to.getTime() + target.claimDays * DAY_MS;
  return {
    month: now.getTime() < closesAt ? candidate : null,
    nextDueAt: new Date(monthWindow(current).to.getTime() + shiftMs),
  };
}

/** `sla.claim_due` for a month whose reminder is due: only when a credit is due for it. */
export function claimDueEvents(
  target: SlaTarget,
  month: string,
  input: WindowUptimeInput,
  baselineAt: Iso | null,
): ChangeEvent[] {
  if (baselineAt === null) return [];
  const windowed = inMonth(input, month);
  const result = judgeSla(target, month, targetUptime(target, windowed));
  if (result.claimBy === null || !result.creditPercent) return [];
  const closesAt = Date.parse(result.claimBy) + DAY_MS;
  const data = {
    ...slaData(target, month, result),
    credit_percent: result.creditPercent,
    claim_by: result.claimBy,
    days_left: Math.ceil((closesAt - input.now.getTime()) / DAY_MS),
  };
  return [slaEvent("sla.claim_due", target, month, input.now, data)];
}

function slaData(target: SlaTarget, month: string, result: SlaResult): Record<string, unknown> {
  return {
    component: target.component,
    month,
    target_percent: result.targetPercent,
    uptime_percent: result.uptimePercent,
    allowed_downtime_seconds: result.allowedDowntimeSeconds,
    downtime_seconds: Math.round(result.downtimeSeconds),
    incident_ids: result.incidentIds,
    path: slaPath(month),
  };
}

function slaEvent(
  type: "sla.breached" | "sla.claim_due",
  target: SlaTarget,
  month: string,
  now: Date,
  data: Record<string, unknown>,
): ChangeEvent {
  return {
    id: stableId(target.vendor, target.component ?? "", type, month),
    type,
    vendor: target.vendor,
    incidentId: null,
    componentId: null,
    at: now.toISOString(),
    data,
  };
}
