// SLA events over hand-made incidents: each expected instant is derived here from the raw update times
// and the allowance (a month's seconds × (1 − target)), not read back from the code.
import { describe, expect, it } from "vitest";
import type { ComponentState, Incident } from "./model.ts";
import type { SlaTarget } from "./sla.ts";
import {
  checkBreach,
  claimDueEvents,
  claimReminderMonth,
  SLA_CLAIM_REMIND_DAYS,
  type SlaCheck,
} from "./sla-events.ts";
import type { WindowUptimeInput } from "./uptime.ts";

const COMPONENTS = [
  { id: "c-api", name: "API" },
  { id: "c-web", name: "Web" },
];
const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
/** 99.9 % of March (31 days) / April (30 days), in whole seconds as the SLA page shows it. */
const ALLOWED_MARCH = Math.round(31 * 86_400 * 0.001);
const ALLOWED_APRIL = Math.round(30 * 86_400 * 0.001);

const target = (component: string | null, extra: Partial<SlaTarget> = {}): SlaTarget => ({
  vendor: "acme",
  component,
  targetPercent: 99.9,
  credits: [],
  claimDays: null,
  ...extra,
});

function incident(id: string, component: string, from: string, to: string | null): Incident {
  const state: ComponentState = {
    id: component === "API" ? "c-api" : "c-web",
    name: component,
    status: "major_outage",
  };
  return {
    id,
    vendor: "acme",
    vendorIncidentId: id,
    kind: "incident",
    title: id,
    status: to === null ? "investigating" : "resolved",
    impact: "critical",
    url: null,
    startedAt: from,
    resolvedAt: to,
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: from,
    seenLive: true,
    detectionLagSeconds: null,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: [{ id: `${id}-1`, status: "investigating", at: from, message: "", components: [state] }],
  };
}

/** What the watcher loads: last month and this one, the record as of `now`. */
function input(incidents: Incident[], now: number): WindowUptimeInput {
  return {
    components: COMPONENTS,
    incidents,
    changes: [],
    coverageStart: "2026-01-01T00:00:00.000Z",
    now: new Date(now),
    from: new Date("2026-02-01T00:00:00Z"),
    to: new Date("2026-04-01T00:00:00Z"),
  };
}

const BASELINE = "2026-01-01T00:00:00.000Z";
// 30 minutes down on API, then an outage still open: the allowance runs out during the open one.
const FIRST = incident("first", "API", "2026-03-05T10:00:00.000Z", "2026-03-05T10:30:00.000Z");
const OPEN = incident("open", "API", "2026-03-10T12:00:00.000Z", null);
const PASSES_AT = ms(OPEN.startedAt) + (ALLOWED_MARCH - 30 * 60) * 1000 + 1;

const breach = (check: SlaCheck) => check.events.map((e) => ({ id: e.id, type: e.type, ...e.data }));

describe("sla.breached", () => {
  it("is due at the first instant the downtime is more than the allowance, not a millisecond before", () => {
    const before = checkBreach(target("API"), "2026-03", input([FIRST, OPEN], PASSES_AT - 1), BASELINE);
    expect(before.events).toEqual([]);
    // Exactly the allowance used: look again a millisecond later (the outage is still going on).
    expect(before.recheckAt).toEqual(new Date(PASSES_AT));
    const at = checkBreach(target("API"), "2026-03", input([FIRST, OPEN], PASSES_AT), BASELINE);
    expect(breach(at)).toEqual([
      expect.objectContaining({
        type: "sla.breached",
        component: "API",
        month: "2026-03",
        target_percent: 99.9,
        allowed_downtime_seconds: ALLOWED_MARCH,
        downtime_seconds: ALLOWED_MARCH,
        breached_at: iso(PASSES_AT),
        incident_ids: ["first", "open"],
        path: "/sla?month=2026-03",
      }),
    ]);
    // Still down: April's allowance starts to run at its first instant, so look again then.
    expect(at.recheckAt).toEqual(new Date("2026-04-01T00:00:00.000Z"));
  });

  it("an outage still open across the month's end breaches the next month too, with no change in the record", () => {
    // Open from March 31 23:00: March's 44.64 minutes run out in March; April's 43.2 minutes in April.
    const late = incident("late", "API", "2026-03-31T23:00:00.000Z", null);
    const marchPasses = ms(late.startedAt) + ALLOWED_MARCH * 1000 + 1;
    const inMarch = checkBreach(target("API"), "2026-03", input([late], marchPasses), BASELINE);
    expect(breach(inMarch)).toEqual([expect.objectContaining({ month: "2026-03" })]);
    const aprilStarts = ms("2026-04-01T00:00:00.000Z");
    expect(inMarch.recheckAt).toEqual(new Date(aprilStarts));
    const wide = (now: number) => ({ ...input([late], now), to: new Date("2026-05-01T00:00:00Z") });
    const atApril = checkBreach(target("API"), "2026-04", wide(aprilStarts), BASELINE);
    expect(atApril.events).toEqual([]);
    expect(atApril.recheckAt).toEqual(new Date(aprilStarts + ALLOWED_APRIL * 1000));
    const aprilPasses = checkBreach(
      target("API"),
      "2026-04",
      wide(aprilStarts + ALLOWED_APRIL * 1000 + 1),
      BASELINE,
    );
    expect(breach(aprilPasses)).toEqual([
      expect.objectContaining({ month: "2026-04", breached_at: iso(aprilStarts + ALLOWED_APRIL * 1000 + 1) }),
    ]);
  });

  it("is the same event, with the same passing instant, however late it is found (one id per target and month)", () => {
    const early = checkBreach(target("API"), "2026-03", input([FIRST, OPEN], PASSES_AT), BASELINE);
    const late = checkBreach(target("API"), "2026-03", input([FIRST, OPEN], PASSES_AT + DAY), BASELINE);
    expect(late.events[0]!.id).toBe(early.events[0]!.id);
    expect(late.events[0]!.data.breached_at).toBe(iso(PASSES_AT));
    expect(late.events[0]!.data.downtime_seconds).toBe(ALLOWED_MARCH + 86_400);
    // Another target (the whole vendor) or another month is another event.
    const vendorWide = checkBreach(target(null), "2026-03", input([FIRST, OPEN], PASSES_AT), BASELINE);
    expect(vendorWide.events[0]!.id).not.toBe(early.events[0]!.id);
  });

  it("while an outage is open, looks again when the allowance could run out at the earliest", () => {
    const now = ms(OPEN.startedAt) + 60_000; // 30 + 1 minutes used
    const check = checkBreach(target("API"), "2026-03", input([FIRST, OPEN], now), BASELINE);
    expect(check.recheckAt).toEqual(new Date(now + (ALLOWED_MARCH - 31 * 60) * 1000));
    // An outage that begins at the very instant of the check (no length yet) is down too.
    const starting = checkBreach(
      target("API"),
      "2026-03",
      input([FIRST, OPEN], ms(OPEN.startedAt)),
      BASELINE,
    );
    expect(starting.recheckAt).toEqual(new Date(ms(OPEN.startedAt) + (ALLOWED_MARCH - 30 * 60) * 1000));
    // Nothing down now: only a change in the record can breach it.
    const quiet = checkBreach(target("API"), "2026-03", input([FIRST], now), BASELINE);
    expect(quiet).toEqual({ events: [], recheckAt: null });
    // Another component's outage does not use this one's allowance.
    const web = checkBreach(target("Web"), "2026-03", input([FIRST, OPEN], PASSES_AT), BASELINE);
    expect(web).toEqual({ events: [], recheckAt: null });
  });

  it("counts each month on its own: an outage across the boundary, and a breach found after the month ended", () => {
    // 40 minutes down on the 31st, then an outage from 23:30 that runs into April.
    const before = incident("before", "Web", "2026-03-31T10:00:00.000Z", "2026-03-31T10:40:00.000Z");
    const across = incident("across", "Web", "2026-03-31T23:30:00.000Z", null);
    const passes = ms(across.startedAt) + (ALLOWED_MARCH - 40 * 60) * 1000 + 1;
    const now = ms("2026-04-01T00:20:00Z"); // found only after midnight (the first check in April)
    const record = { ...input([before, across], now), to: new Date("2026-05-01T00:00:00Z") };
    const march = checkBreach(target(null), "2026-03", record, BASELINE);
    expect(march.events.map((e) => [e.data.month, e.data.breached_at, e.data.downtime_seconds])).toEqual([
      ["2026-03", iso(passes), 40 * 60 + 30 * 60],
    ]);
    expect(march.recheckAt).toBeNull(); // March is over: its downtime cannot grow
    const april = checkBreach(target(null), "2026-04", record, BASELINE);
    expect(april.events).toEqual([]);
    expect(april.recheckAt).toEqual(new Date(now + (ALLOWED_APRIL - 20 * 60) * 1000));
  });

  it("is not sent for a breach that passed before the vendor was watched, nor for a component it no longer lists", () => {
    const watchedLate = iso(PASSES_AT + 1);
    // Nothing sent; still down, so April (watched from its start) is looked at when it begins.
    expect(checkBreach(target("API"), "2026-03", input([FIRST, OPEN], PASSES_AT + DAY), watchedLate)).toEqual(
      { events: [], recheckAt: new Date("2026-04-01T00:00:00.000Z") },
    );
    expect(checkBreach(target("Gone"), "2026-03", input([FIRST, OPEN], PASSES_AT), BASELINE).events).toEqual(
      [],
    );
    expect(checkBreach(target("API"), "2026-03", input([FIRST, OPEN], PASSES_AT), null).events).toEqual([]);
  });
});

describe("sla.claim_due", () => {
  const credits = [{ below: 99.9, creditPercent: 10 }];

  it(`is due ${SLA_CLAIM_REMIND_DAYS} days before the claim window closes, until it closes`, () => {
    // March's claim window (30 days) closes at the end of 30 April: the reminder is due from 24 April.
    const t = target("API", { credits, claimDays: 30 });
    const dueAt = ms("2026-05-01T00:00:00Z") - SLA_CLAIM_REMIND_DAYS * DAY;
    expect(claimReminderMonth(t, new Date(dueAt - 1))).toEqual({ month: null, nextDueAt: new Date(dueAt) });
    expect(claimReminderMonth(t, new Date(dueAt))).toEqual({
      month: "2026-03",
      nextDueAt: new Date(ms("2026-05-31T00:00:00Z") - SLA_CLAIM_REMIND_DAYS * DAY),
    });
    expect(claimReminderMonth(t, new Date(ms("2026-05-01T00:00:00Z") - 1)).month).toBe("2026-03");
    expect(claimReminderMonth(t, new Date("2026-05-01T00:00:00Z")).month).toBeNull();
    // A window shorter than the lead: due as the month ends.
    const short = target("API", { credits, claimDays: 3 });
    expect(claimReminderMonth(short, new Date("2026-04-01T00:00:00Z")).month).toBe("2026-03");
    expect(claimReminderMonth(short, new Date("2026-04-04T00:00:00Z")).month).toBeNull();
    // Without credits or a claim window there is nothing to claim.
    expect(claimReminderMonth(target("API", { claimDays: 30 }), new Date(dueAt))).toEqual({
      month: null,
      nextDueAt: null,
    });
  });

  it("is due as many days before as asked, at most 28", () => {
    const t = target("API", { credits, claimDays: 30 });
    const closes = ms("2026-05-01T00:00:00Z");
    expect(claimReminderMonth(t, new Date(closes - 3 * DAY - 1), 3).month).toBeNull();
    expect(claimReminderMonth(t, new Date(closes - 3 * DAY), 3).month).toBe("2026-03");
    // 28 days before the end of a 30-day window is two days into April; more is held to 28.
    expect(claimReminderMonth(t, new Date(ms("2026-04-03T00:00:00Z") - 1), 28).month).toBeNull();
    expect(claimReminderMonth(t, new Date("2026-04-03T00:00:00Z"), 28).month).toBe("2026-03");
    expect(claimReminderMonth(t, new Date(ms("2026-04-03T00:00:00Z") - 1), 60).month).toBeNull();
  });

  it("is sent for a month with a credit due, with its deadline and the days left", () => {
    const t = target("API", { credits, claimDays: 30 });
    const now = ms("2026-04-24T00:00:00Z");
    const events = claimDueEvents(
      t,
      "2026-03",
      { ...input([FIRST, OPEN], now), now: new Date(now) },
      BASELINE,
    );
    expect(events.map((e) => ({ type: e.type, ...e.data }))).toEqual([
      expect.objectContaining({
        type: "sla.claim_due",
        component: "API",
        month: "2026-03",
        credit_percent: 10,
        claim_by: "2026-04-30",
        days_left: SLA_CLAIM_REMIND_DAYS,
        incident_ids: ["first", "open"],
      }),
    ]);
    // A month that met its target has no credit to claim.
    expect(claimDueEvents(t, "2026-03", input([FIRST], now), BASELINE)).toEqual([]);
  });
});
