// Maintenance notifications end to end: Claude's recorded Statuspage payloads (a maintenance from
// scheduled-maintenances.json moved into the test's future) on loopback, the real poller with its
// quiet-poll writer, router, store, dispatcher and webhook channel, and a real receiver.
// - A reminder arrives once, at the first poll past its lead time: not before, not again on later
//   polls, nor after a restart (whose first poll reads the page in full and finds it due again).
// - Once the maintenance is going on, a change of a component it names is suppressed as expected,
//   while one of a component it does not name is sent.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pollVendor } from "../../src/poller/poll-vendor.ts";
import { createQuietPollWriter } from "../../src/poller/quiet-polls.ts";
import { EXPECTED_PREFIX } from "../../src/notify/route.ts";
import type { Subscription } from "../../src/domain/notification.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { openHarness, type Harness } from "./harness.ts";
import { drain, testDispatcher } from "./notify-fixtures.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

const T0 = "2026-08-01T00:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const START = 120; // the maintenance starts two hours after the test's clock begins

type Raw = Record<string, unknown> & { incident_updates: Record<string, unknown>[] };
const summary = JSON.parse(sharedFixture("statuspage/claude-summary-active-incident.json"));
const recorded = JSON.parse(sharedFixture("statuspage/claude-scheduled-maintenances.json"));
// "Scheduled maintenance for Claude.ai and Anthropic Console": names claude.ai and the Console.
const original = recorded.scheduled_maintenances[1] as Raw;
const scheduledUpdate = original.incident_updates.at(-1)!;

const scheduled: Raw = {
  ...original,
  status: "scheduled",
  created_at: at(-24 * 60),
  started_at: at(-24 * 60),
  updated_at: at(-24 * 60),
  scheduled_for: at(START),
  scheduled_until: at(START + 30),
  resolved_at: null,
  incident_updates: [{ ...scheduledUpdate, created_at: at(-24 * 60), display_at: at(-24 * 60) }],
};
const inProgress: Raw = {
  ...scheduled,
  status: "in_progress",
  updated_at: at(START),
  incident_updates: [
    {
      ...scheduledUpdate,
      id: "e2emaintupd2",
      status: "in_progress",
      body: "Scheduled maintenance is currently in progress.",
      created_at: at(START),
      display_at: at(START),
      affected_components: [
        {
          code: "rwppv331jlwc",
          name: "claude.ai",
          old_status: "operational",
          new_status: "under_maintenance",
        },
      ],
    },
    ...scheduled.incident_updates,
  ],
};

function servePage(vendor: FakeVendor, maintenance: Raw, statuses: Record<string, string> = {}) {
  const components = summary.components.map((c: { name: string; status: string }) => ({
    ...c,
    status: statuses[c.name] ?? c.status,
  }));
  const page = summary.page;
  vendor.serve(
    "/api/v2/summary.json",
    JSON.stringify({ ...summary, components, incidents: [], scheduled_maintenances: [maintenance] }),
  );
  vendor.serve("/api/v2/incidents.json", JSON.stringify({ page, incidents: [] }));
  vendor.serve(
    "/api/v2/scheduled-maintenances.json",
    JSON.stringify({ page, scheduled_maintenances: [maintenance] }),
  );
}

let vendor: FakeVendor;
let receiver: WebhookReceiver;
let h: Harness;

const subscription = (id: string, extra: Partial<Subscription>): Subscription => ({
  id,
  channel: "hook",
  vendors: null,
  components: null,
  minImpact: null,
  events: ["maintenance.scheduled"],
  ...extra,
});

beforeEach(async () => {
  vendor = await startFakeVendor();
  servePage(vendor, scheduled);
  receiver = await startWebhookReceiver();
  h = await openHarness({ start: T0 });
  await h.store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: receiver.url, secret: WEBHOOK_SECRET },
    disabledReason: null,
  });
  await h.store.upsertSubscription(subscription("remind-60", { remindBeforeMinutes: 60 }));
  await h.store.upsertSubscription(subscription("remind-15", { remindBeforeMinutes: 15 }));
  await h.store.upsertSubscription(subscription("components", { events: ["component.changed"] }));
  await h.add({ url: vendor.url, slug: "claude", platform: "statuspage" }); // the baseline poll
});
afterEach(async () => {
  await h.close();
  await receiver.close();
  await vendor.close();
});

/** Polls as `serve` does (quiet polls through the batched writer), then sends what is due. */
async function pollAt(minute: number) {
  h.clock.now = new Date(at(minute));
  const quietPolls = createQuietPollWriter(h.store);
  const row = await h.store.getVendor("claude");
  const outcome = await pollVendor(row!, { ...h.deps, quietPolls });
  await quietPolls.flush();
  const dispatcher = testDispatcher(h.store, () => h.clock.now);
  await drain(dispatcher, h.store, () => h.clock.now);
  await dispatcher.stop();
  return outcome;
}

const reminders = () =>
  receiver.received
    .flatMap((r) => r.body.events)
    .filter((e) => e.type === "maintenance.reminder")
    .map((e) => e.data.remind_before_minutes);

describe("maintenance notifications", () => {
  it("each reminder arrives once, at the first poll past its lead time, across polls and a restart", async () => {
    const seen: { minute: number; unchanged: boolean; written: string[]; reminders: unknown[] }[] = [];
    for (let minute = 10; minute <= 100; minute += 10) {
      if (minute === 80) await h.restart(); // a new process: empty memory, the same database
      const outcome = await pollAt(minute);
      const written = outcome.events.map((e) => e.type);
      seen.push({ minute, unchanged: outcome.unchanged, written, reminders: reminders() });
    }
    const outcome = await pollAt(110);
    seen.push({ minute: 110, unchanged: outcome.unchanged, written: [], reminders: reminders() });
    expect(seen.map((s) => [s.minute, s.reminders])).toEqual([
      [10, []],
      [20, []],
      [30, []],
      [40, []],
      [50, []],
      [60, [60]], // 60 minutes before the start
      [70, [60]],
      [80, [60]], // after the restart
      [90, [60]],
      [100, [60]],
      [110, [60, 15]], // 10 minutes left: the 15-minute reminder
    ]);
    // The page never changed: the reminders came from quiet polls (all but the restart's full read).
    expect(seen.filter((s) => !s.unchanged).map((s) => s.minute)).toEqual([80]);
    // A poll writes a reminder when it comes due; later ones remember it and write nothing. The full
    // read after the restart has no memory and finds it due again: the store keeps the one it had.
    expect(seen.filter((s) => s.written.length > 0).map((s) => [s.minute, s.written])).toEqual([
      [60, ["maintenance.reminder"]],
      [80, ["maintenance.reminder"]],
    ]);
    for (const r of receiver.received) expect(r.signatureValid).toBe(true);
    const [first] = receiver.received;
    expect(first!.body.incident).toMatchObject({ title: original.name, status: "scheduled" });
    expect(first!.body.events[0]!.data).toMatchObject({ scheduled_for: at(START), minutes_left: 60 });
    const { events } = (await h.api("/api/v1/events?limit=500")) as { events: { type: string }[] };
    expect(events.filter((e) => e.type === "maintenance.reminder")).toHaveLength(2);
  });

  it("during the maintenance, a change of a component it names is suppressed; another is sent", async () => {
    await pollAt(10);
    servePage(vendor, inProgress, {
      "claude.ai": "under_maintenance", // named by the maintenance
      "Claude API (api.anthropic.com)": "degraded_performance", // not named by it
    });
    const outcome = await pollAt(START + 1);
    expect(outcome.events.filter((e) => e.type === "component.changed")).toHaveLength(2);
    h.clock.now = new Date(at(START + 15)); // past the flap hold-back
    const dispatcher = testDispatcher(h.store, () => h.clock.now);
    await drain(dispatcher, h.store, () => h.clock.now);
    await dispatcher.stop();

    const changes = receiver.received
      .flatMap((r) => r.body.events)
      .filter((e) => e.type === "component.changed");
    expect(changes.map((e) => [e.data.name, e.data.to])).toEqual([
      ["Claude API (api.anthropic.com)", "degraded_performance"],
    ]);
    const log = (await h.store.listDeliveries({ limit: 50, subscription: "components" })).items;
    expect(log.map((d) => [d.status, d.lastError])).toEqual(
      expect.arrayContaining([
        ["suppressed", `${EXPECTED_PREFIX} "${original.name}"`],
        ["delivered", null],
      ]),
    );
    expect(log).toHaveLength(2);
  });
});
