// The SLA watch over a real store with the uptime loader counted: which ticks check which vendor (a
// change, a new or changed target, a due time; nothing else), a failed check retried on the next
// tick only, and a vendor whose notifications are held gets its event but no delivery.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "../domain/model.ts";
import type { SlaTarget } from "../domain/sla.ts";
import type { WindowUptimeInput } from "../domain/uptime.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { changesUptime, createSlaWatch, type SlaWatch, type SlaWatchOptions } from "./sla-watch.ts";

const T0 = Date.parse("2026-08-10T00:00:00.000Z");
const MINUTE = 60_000;

let store: Store;
let clock: number;
let loads: string[];
let errors: unknown[];
let failNext: boolean;
let incidents: Incident[];
let watch: SlaWatch;

const target = (vendor: string, extra: Partial<SlaTarget> = {}): SlaTarget => ({
  vendor,
  component: null,
  targetPercent: 99.9,
  credits: [],
  claimDays: null,
  ...extra,
});

/** An outage of the vendor's one component, from `from` (minutes after T0) on, open or until `to`. */
function outage(vendor: string, from: number, to: number | null = null): Incident {
  const at = new Date(T0 + from * MINUTE).toISOString();
  return {
    id: `${vendor}-outage`,
    vendor,
    vendorIncidentId: "outage",
    kind: "incident",
    title: "Outage",
    status: to === null ? "investigating" : "resolved",
    impact: "critical",
    url: null,
    startedAt: at,
    resolvedAt: to === null ? null : new Date(T0 + to * MINUTE).toISOString(),
    scheduledFor: null,
    scheduledUntil: null,
    detectedAt: at,
    seenLive: true,
    detectionLagSeconds: null,
    postmortemPublishedAt: null,
    postmortemUrl: null,
    listedOperational: [],
    affectedComponents: [],
    updates: [
      {
        id: "u1",
        status: "investigating",
        at,
        message: "",
        components: [{ id: "c1", name: "API", status: "major_outage" }],
      },
    ],
  };
}

beforeEach(async () => {
  store = await openStore(":memory:");
  for (const slug of ["acme", "beta"]) {
    await store.addVendor(
      { slug, name: slug, url: `https://${slug}.example`, platform: "feed" },
      "2026-07-01T00:00:00.000Z",
    );
    await store.savePoll({
      vendor: slug,
      polledAt: "2026-07-01T00:00:00.000Z",
      nextPollAt: "2026-07-01T00:01:00.000Z",
      outcome: { ok: true },
      events: [],
    });
  }
  await store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: "https://hook.example/x" },
    disabledReason: null,
  });
  await store.upsertSubscription({
    id: "all",
    channel: "hook",
    vendors: null,
    components: null,
    minImpact: null,
    events: ["sla.breached"],
  });
  [clock, loads, errors, failNext, incidents] = [T0, [], [], false, []];
  watch = watchWith();
});
afterEach(async () => {
  await watch.stop();
  await store.close();
});

function watchWith(extra: Partial<SlaWatchOptions> = {}): SlaWatch {
  return createSlaWatch({
    store,
    now: () => new Date(clock),
    loadUptime: async (vendor, from, to, now): Promise<WindowUptimeInput> => {
      loads.push(vendor.slug);
      if (failNext) {
        failNext = false;
        throw new Error("database away");
      }
      const components = [{ id: "c1", name: "API" }];
      const mine = incidents.filter((i) => i.vendor === vendor.slug);
      return { components, incidents: mine, changes: [], coverageStart: vendor.baselineAt, now, from, to };
    },
    onError: (error) => errors.push(error),
    ...extra,
  });
}

/** The clock at `minutes`, the polls' changes (each starts a pass at once), then a tick: what was loaded. */
async function tickAt(minutes: number, changed: string[] = []): Promise<string[]> {
  clock = T0 + minutes * MINUTE;
  loads = [];
  for (const slug of changed) watch.changed(slug);
  await watch.tick();
  return loads;
}

describe("the SLA watch", () => {
  it("checks a vendor on a change, a new or changed target or its due time, and otherwise reads only the targets", async () => {
    expect(await tickAt(0)).toEqual([]); // no target anywhere
    await store.setSla(target("acme"));
    expect(await tickAt(1)).toEqual(["acme"]); // a new target
    expect(await tickAt(2)).toEqual([]); // nothing down: nothing due
    expect(await tickAt(3, ["beta", "acme"])).toEqual(["acme"]); // beta has no target: not checked
    await store.setSla(target("acme", { targetPercent: 99 }));
    expect(await tickAt(4)).toEqual(["acme"]); // the target changed
    // An outage from minute 5: the allowance (1 % of August, 26 784 s) runs out at the earliest then.
    incidents.push(outage("acme", 5));
    expect(await tickAt(5, ["acme"])).toEqual(["acme"]);
    const allowedMinutes = Math.round(31 * 86_400 * 0.01) / 60;
    expect(await tickAt(5 + allowedMinutes - 1)).toEqual([]);
    expect(await tickAt(5 + allowedMinutes)).toEqual(["acme"]);
    expect(await tickAt(5 + allowedMinutes + 1)).toEqual(["acme"]); // breached now
    expect(await tickAt(5 + allowedMinutes + 60)).toEqual([]); // breached: nothing more this month
    const events = (await store.listEvents({ limit: 10 })).items;
    expect(events.map((e) => [e.type, e.vendor, e.data.month])).toEqual([
      ["sla.breached", "acme", "2026-08"],
    ]);
    expect((await store.listDeliveries({ limit: 10 })).items.map((d) => d.subscription)).toEqual(["all"]);
    // A removed target is not checked, whatever changes.
    await store.removeSla("acme", null);
    expect(await tickAt(600, ["acme"])).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("reads nothing on a change of a vendor without a target; a target added since is checked on the tick", async () => {
    let reads = 0;
    const counted: Store = Object.create(store, {
      listSlas: { value: () => (reads++, store.listSlas()) },
    });
    await watch.stop();
    watch = watchWith({ store: counted });
    await store.setSla(target("acme"));
    expect(await tickAt(0)).toEqual(["acme"]);
    expect(reads).toBe(1);
    for (let i = 0; i < 5; i++) watch.changed("beta"); // beta has no target: no pass, no read
    expect(reads).toBe(1);
    watch.changed("acme"); // acme has one: a pass, which reads the targets
    await watch.tick();
    expect(reads).toBeGreaterThan(1);
    await store.setSla(target("beta"));
    reads = 0;
    watch.changed("beta"); // not known to have a target yet
    expect(reads).toBe(0);
    expect(await tickAt(1)).toEqual(["beta"]); // the tick reads it and checks it, as new
    expect(reads).toBe(1);
  });

  it("sends a claim reminder for last month's credit when it falls due, checking nothing before", async () => {
    const DAY = 24 * 60;
    // Two days down in July: breached, a 10 % credit due, claimable for 30 days (until 30 August).
    incidents.push(outage("acme", -20 * DAY, -18 * DAY));
    await store.setSla(target("acme", { credits: [{ below: 99.9, creditPercent: 10 }], claimDays: 30 }));
    expect(await tickAt(0)).toEqual(["acme"]); // 10 August: July's breach is found, no reminder yet
    const due = (Date.parse("2026-08-31T00:00:00Z") - 7 * DAY * MINUTE - T0) / MINUTE; // 24 August
    expect(await tickAt(due - 1)).toEqual([]);
    expect(await tickAt(due)).toEqual(["acme"]);
    expect(await tickAt(due + 1)).toEqual([]);
    const events = (await store.listEvents({ limit: 10 })).items;
    expect(events.map((e) => [e.type, e.data.month])).toEqual([
      ["sla.breached", "2026-07"],
      ["sla.claim_due", "2026-07"],
    ]);
    expect(events[1]!.data).toMatchObject({ credit_percent: 10, claim_by: "2026-08-30", days_left: 7 });
  });

  it("sends the claim reminder as many days before as configured", async () => {
    await watch.stop();
    watch = watchWith({ claimRemindDays: 2 });
    const DAY = 24 * 60;
    incidents.push(outage("acme", -20 * DAY, -18 * DAY));
    await store.setSla(target("acme", { credits: [{ below: 99.9, creditPercent: 10 }], claimDays: 30 }));
    await tickAt(0);
    const due = (Date.parse("2026-08-31T00:00:00Z") - 2 * DAY * MINUTE - T0) / MINUTE; // 29 August
    expect(await tickAt(due - 1)).toEqual([]);
    expect(await tickAt(due)).toEqual(["acme"]);
    const events = (await store.listEvents({ limit: 10 })).items;
    expect(events.at(-1)?.data).toMatchObject({ month: "2026-07", days_left: 2 });
  });

  it("retries a failed check on the next tick, not at once", async () => {
    await store.setSla(target("acme"));
    failNext = true;
    expect(await tickAt(0)).toEqual(["acme"]);
    expect(errors).toHaveLength(1);
    expect(await tickAt(1)).toEqual(["acme"]);
    expect(await tickAt(2)).toEqual([]);
  });

  it("stores the event of a vendor whose notifications are held, with no delivery", async () => {
    await store.setSla(target("beta"));
    await store.savePoll({
      vendor: "beta",
      polledAt: "2026-08-01T00:00:00.000Z",
      nextPollAt: "2026-08-01T00:01:00.000Z",
      outcome: { ok: true, holdNotifications: "too many changes" },
      events: [],
    });
    incidents.push(outage("beta", -24 * 60));
    expect(await tickAt(0)).toEqual(["beta"]);
    expect((await store.listEvents({ limit: 10 })).items.map((e) => e.type)).toEqual(["sla.breached"]);
    expect((await store.listDeliveries({ limit: 10 })).items).toEqual([]);
  });

  it("takes a poll's events as a change of uptime unless they are reminders or about the source", () => {
    expect(changesUptime([{ type: "incident.updated" }])).toBe(true);
    expect(changesUptime([{ type: "component.changed" }])).toBe(true);
    expect(changesUptime([{ type: "maintenance.started" }])).toBe(true);
    expect(changesUptime([{ type: "maintenance.reminder" }, { type: "source.recovered" }])).toBe(false);
    expect(changesUptime([])).toBe(false);
  });
});
