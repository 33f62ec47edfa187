// A webhook subscription end to end: GitHub's recorded page on loopback, the real poller, store,
// dispatcher and webhook channel, and a receiver that checks every signature itself. Adding a vendor
// with 50 past incidents sends nothing; a new incident sends one message; its update one more;
// nothing is ever sent twice — on SQLite and, when reachable, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { pgRun, pgSchemaOpener } from "../helpers/postgres.ts";
import { openHarness, type Harness } from "./harness.ts";
import {
  drain,
  GITHUB_INCIDENTS,
  GITHUB_SUMMARY,
  servePage,
  newIncident,
  testDispatcher,
  withUpdate,
} from "./notify-fixtures.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

const pg = pgSchemaOpener();
const databases: [string, (() => Promise<Store>) | undefined, boolean][] = [
  ["SQLite", undefined, true],
  ["PostgreSQL", pg.open, pgRun],
];

afterAll(async () => {
  if (pgRun) await pg.drop();
});

describe.each(databases)("a webhook subscription on %s", (_, open, run) => {
  let vendor: FakeVendor;
  let receiver: WebhookReceiver;
  let h: Harness;
  const dispatch = () =>
    drain(
      testDispatcher(h.store, () => h.clock.now),
      h.store,
      () => h.clock.now,
    );
  /** Polls a minute later, then lets the dispatcher send whatever is due. */
  const pollAndDispatch = async () => {
    h.clock.advance(60);
    const outcome = await h.poll("github");
    await dispatch();
    return outcome;
  };

  beforeAll(async () => {
    if (!run) return;
    vendor = await startFakeVendor({
      "/api/v2/summary.json": GITHUB_SUMMARY,
      "/api/v2/incidents.json": GITHUB_INCIDENTS,
    });
    receiver = await startWebhookReceiver();
    h = await openHarness({ start: "2026-08-01T00:00:00.000Z", ...(open ? { open } : {}) });
    await h.store.upsertChannel({
      id: "ops-hook",
      type: "webhook",
      config: { url: receiver.url, secret: WEBHOOK_SECRET },
      disabledReason: null,
    });
    await h.store.upsertSubscription({
      id: "ops",
      channel: "ops-hook",
      vendors: ["github"],
      components: null,
      minImpact: "minor",
      events: ["incident.opened", "incident.updated", "incident.resolved"],
    });
  });
  afterAll(async () => {
    if (!run) return;
    await h.close();
    await receiver.close();
    await vendor.close();
  });

  it.runIf(run)("adding a vendor with 50 past incidents sends nothing", async () => {
    const added = await h.add({ url: vendor.url, slug: "github" });
    expect(added.baseline).toMatchObject({ ok: true });
    expect(await h.incidents("github")).toHaveLength(50);
    await dispatch();
    await pollAndDispatch();
    expect(receiver.received).toEqual([]);
    expect((await h.store.listDeliveries({ limit: 500 })).items).toEqual([]);
  });

  const opened = newIncident("1", "2026-08-01T00:01:30.000Z", "Actions runs are delayed");

  it.runIf(run)("a new incident sends exactly one signed message", async () => {
    servePage(vendor, [opened]);
    const outcome = await pollAndDispatch();
    expect(outcome.events.map((e) => e.type)).toEqual(["incident.opened"]);
    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    expect(message!.signatureValid).toBe(true);
    const incidentId = outcome.events[0]!.incidentId!;
    expect(message!.body).toMatchObject({
      type: "incident.opened",
      delivery_id: message!.webhookId,
      vendor: { slug: "github", name: "GitHub" },
      events: [
        { id: outcome.events[0]!.id, type: "incident.opened", vendor: "github", incident_id: incidentId },
      ],
      incident: { id: incidentId, title: "Actions runs are delayed", status: "investigating" },
      link: `https://pingoru.example/incidents/${incidentId}`,
    });
    expect(message!.timestamp).toBe(Math.floor(h.clock.now.getTime() / 1000));
  });

  it.runIf(run)("its update sends one more, carrying the new status", async () => {
    servePage(vendor, [withUpdate(opened, "identified", "2026-08-01T00:02:30.000Z")]);
    const outcome = await pollAndDispatch();
    expect(outcome.events.map((e) => e.type)).toEqual(["incident.updated"]);
    expect(receiver.received).toHaveLength(2);
    const second = receiver.received[1]!;
    expect(second.signatureValid).toBe(true);
    expect(second.body.events.map((e) => e.id)).toEqual([outcome.events[0]!.id]);
    expect(second.body.incident).toMatchObject({ status: "identified" });
    expect(second.webhookId).not.toBe(receiver.received[0]!.webhookId);
  });

  it.runIf(run)("nothing is sent twice: more polls, a restart, polls again", async () => {
    await pollAndDispatch();
    await pollAndDispatch();
    await h.restart();
    await pollAndDispatch();
    expect(receiver.received).toHaveLength(2);
    const deliveries = (await h.store.listDeliveries({ limit: 500 })).items;
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
    ]);
    const api = (await h.api("/api/v1/admin/deliveries?subscription=ops&status=delivered")) as {
      deliveries: { id: string }[];
    };
    expect(api.deliveries.map((d) => d.id)).toEqual(receiver.received.map((r) => r.webhookId).reverse());
  });
});
