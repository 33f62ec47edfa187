// SLA breach notifications end to end: GitHub's recorded Statuspage payloads on loopback with a major
// outage of Actions added on top, the real poller, store, SLA watch (with the real uptime loader),
// router, dispatcher and webhook channel, and a real receiver.
// - The breach arrives once, at the first timer tick after the allowance ran out with no new change
//   on the page; the ticks before it load nothing, the ticks after it write nothing.
// - A restarted process (empty memory, same database) finds the same breach and sends nothing again,
//   nor does a later poll change.
// - A subscription filtered to another component does not get it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadUptimeInput } from "../../src/http/uptime-load.ts";
import { createSlaWatch, type LoadUptime, type SlaWatch } from "../../src/poller/sla-watch.ts";
import type { Subscription } from "../../src/domain/notification.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";
import {
  drain,
  newIncident,
  servePage,
  testDispatcher,
  withUpdate,
  type RawIncident,
} from "./notify-fixtures.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

const T0 = "2026-08-10T00:00:00.000Z";
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const OUTAGE_AT = 600; // seconds after T0
// 99.9 % of August (31 days), in whole seconds.
const ALLOWED = Math.round(31 * 86_400 * 0.001);

/** The fixture's incident, with Actions in a major outage rather than degraded. */
function majorOutage(incident: RawIncident): RawIncident {
  return {
    ...incident,
    impact: "critical",
    incident_updates: incident.incident_updates.map((u) => ({
      ...u,
      affected_components: (u.affected_components as Record<string, unknown>[]).map((c) => ({
        ...c,
        new_status: "major_outage",
      })),
    })),
  };
}

let vendor: FakeVendor;
let receiver: WebhookReceiver;
let h: Harness;
let loads: number;
let watch: SlaWatch;

const subscription = (id: string, components: string[]): Subscription => ({
  id,
  channel: "hook",
  vendors: ["github"],
  components: { github: components },
  minImpact: "critical", // does not apply to SLA events
  events: ["sla.breached"],
});

function newWatch(): SlaWatch {
  const loadUptime: LoadUptime = (v, from, to, now) => {
    loads++;
    return loadUptimeInput(h.store, v, from, to, now);
  };
  return createSlaWatch({
    store: h.store,
    loadUptime,
    now: () => h.clock.now,
    onError: (error) => {
      throw error;
    },
  });
}

beforeEach(async () => {
  vendor = await startFakeVendor();
  servePage(vendor, []);
  receiver = await startWebhookReceiver();
  h = await openHarness({ start: T0 });
  await h.store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: receiver.url, secret: WEBHOOK_SECRET },
    disabledReason: null,
  });
  await h.store.upsertSubscription(subscription("actions", ["Actions"]));
  await h.store.upsertSubscription(subscription("pages", ["Pages"]));
  await h.add({ url: vendor.url, slug: "github", platform: "statuspage" }); // the baseline poll
  await h.store.setSla({
    vendor: "github",
    component: "Actions",
    targetPercent: 99.9,
    credits: [],
    claimDays: null,
  });
  loads = 0;
  watch = newWatch();
});
afterEach(async () => {
  await watch.stop();
  await h.close();
  await receiver.close();
  await vendor.close();
});

/** The clock at `seconds`, a poll if the page is given, the watch's tick, then what is due is sent. */
async function step(seconds: number, page?: RawIncident[]) {
  h.clock.now = new Date(at(seconds));
  if (page) {
    servePage(vendor, page);
    const outcome = await h.poll("github");
    expect(outcome.ok).toBe(true);
    watch.changed("github");
  }
  await watch.tick();
  const dispatcher = testDispatcher(h.store, () => h.clock.now);
  await drain(dispatcher, h.store, () => h.clock.now);
  await dispatcher.stop();
}

const breaches = () =>
  receiver.received.filter((r) => r.body.type === "sla.breached").map((r) => r.body.events[0]!.data);

describe("sla.breached end to end", () => {
  it("arrives once, at the first tick after the allowance ran out, across ticks, a restart and a poll", async () => {
    const outage = majorOutage(newIncident("sla", at(OUTAGE_AT)));
    await step(60);
    expect(loads).toBe(1); // the first tick checks the vendor once: nothing is down
    await step(OUTAGE_AT, [outage]);
    expect(loads).toBe(2); // the poll's change
    for (const minutes of [10, 20, 30, 40]) await step(OUTAGE_AT + minutes * 60);
    expect([loads, breaches()]).toEqual([2, []]); // not due: the allowance cannot be used up yet
    const passes = OUTAGE_AT + ALLOWED; // + 1 ms
    await step(passes);
    expect([loads, breaches()]).toEqual([3, []]); // due exactly then, and exactly the allowance used
    await step(passes + 60);
    expect(loads).toBe(4);
    expect(breaches()).toEqual([
      expect.objectContaining({
        component: "Actions",
        month: "2026-08",
        target_percent: 99.9,
        allowed_downtime_seconds: ALLOWED,
        downtime_seconds: ALLOWED + 60,
        breached_at: new Date(Date.parse(at(passes)) + 1).toISOString(),
        path: "/sla?month=2026-08",
      }),
    ]);
    const [sent] = receiver.received;
    expect(sent!.signatureValid).toBe(true);
    expect(sent!.body.link).toBe("https://pingoru.example/sla?month=2026-08");
    const stored = (await h.incidents("github")).find((i) => i.vendorIncidentId === outage.id);
    expect(sent!.body.events[0]!.data.incident_ids).toEqual([stored!.id]);

    // Breached: later ticks check nothing more this month.
    await step(passes + 600);
    expect(loads).toBe(4);
    // A restart: the first tick checks again, finds the same breach, and the store keeps the one it had.
    await watch.stop();
    await h.restart();
    watch = newWatch();
    await step(passes + 700);
    expect(loads).toBe(5);
    // A change on the page: checked again, nothing new.
    await step(passes + 800, [withUpdate(outage, "identified", at(passes + 800))]);
    expect(loads).toBe(6);

    expect(breaches()).toHaveLength(1);
    const deliveries = (await h.store.listDeliveries({ limit: 50 })).items;
    expect(deliveries.map((d) => [d.subscription, d.status])).toEqual([["actions", "delivered"]]);
    const { events } = (await h.api("/api/v1/events?limit=500")) as {
      events: { type: string; vendor: string }[];
    };
    const sla = events.filter((e) => e.type.startsWith("sla."));
    expect(sla.map((e) => [e.type, e.vendor])).toEqual([["sla.breached", "github"]]);
  });
});
