import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChangeEvent, ComponentSnapshot } from "../domain/model.ts";
import { stableId } from "../lib/hash.ts";
import { openStore } from "../store/open-store.ts";
import type { PollSuccess, Store } from "../store/store.ts";
import { startHttpReceiver } from "../../test/helpers/http-receiver.ts";
import { startKeepAliveReceiver } from "../../test/helpers/keep-alive-receiver.ts";
import type { KeepAliveReceiver } from "../../test/helpers/keep-alive-receiver.ts";
import { makeIncident } from "../../test/helpers/seed-record.ts";
import { DeliveryError, type Channel } from "./channel.ts";
import { createChannel } from "./channels/index.ts";
import { createDispatcher, sendOnce, type DispatcherOptions } from "./dispatcher.ts";
import type { ChannelConfig, Delivery, Notification } from "../domain/notification.ts";
import { sampleNotification } from "./notification.ts";

let store: Store;
let now: Date;
const iso = (seconds = 0) => new Date(now.getTime() + seconds * 1000).toISOString();
const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

/** What the fake channel does with each send: resolve, throw, or hang. */
type Behaviour = (n: Notification, signal: AbortSignal) => Promise<void>;
let behaviour: Behaviour;
let sent: { channel: string; notification: Notification }[];

const channelFor = (config: ChannelConfig): Channel => ({
  id: config.id,
  type: config.type,
  async send(notification, ctx) {
    await behaviour(notification, ctx.signal);
    sent.push({ channel: config.id, notification });
  },
});

beforeEach(async () => {
  now = new Date("2026-08-01T00:00:00.000Z");
  sent = [];
  behaviour = async () => undefined;
  store = await openStore(":memory:");
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://status.acme.example", platform: "feed" },
    iso(),
  );
  for (const id of ["hook", "other"]) {
    await store.upsertChannel({
      id,
      type: "webhook",
      config: { url: `https://${id}.example` },
      disabledReason: null,
    });
    await store.upsertSubscription({
      id: `sub-${id}`,
      channel: id,
      vendors: null,
      components: null,
      minImpact: null,
      events: ["incident.opened", "incident.updated", "component.changed"],
    });
  }
});
afterEach(() => store.close());

function dispatcherWith(overrides: Partial<DispatcherOptions> = {}) {
  return createDispatcher({
    store,
    channelFor,
    now: () => now,
    random: () => 0.5,
    tickMs: 60_000,
    concurrency: 8,
    leaseSeconds: 30,
    publicUrl: "https://pingoru.example/",
    onError: (error) => {
      throw error;
    },
    ...overrides,
  });
}

let seq = 0;
/** Writes one poll's worth: an incident event (or a component change) and its delivery to `channel`. */
async function writeDelivery(
  channel = "hook",
  kind: "incident" | { component: ComponentSnapshot; from: string } = "incident",
): Promise<Delivery> {
  seq++;
  const incident =
    kind === "incident" ? makeIncident({ id: `inc-${seq}`, vendor: "acme", status: "investigating" }) : null;
  const event: ChangeEvent = {
    id: `ev-${seq}`,
    type: incident ? "incident.opened" : "component.changed",
    vendor: "acme",
    incidentId: incident?.id ?? null,
    componentId: incident ? null : (kind as { component: ComponentSnapshot }).component.id,
    at: iso(),
    data: incident
      ? { title: incident.title }
      : { from: (kind as { from: string }).from, to: "major_outage" },
  };
  const subscription = `sub-${channel}`;
  const delivery: Delivery = {
    id: stableId(subscription, event.id),
    subscription,
    channel,
    vendor: "acme",
    incidentId: event.incidentId,
    componentId: event.componentId,
    eventIds: [event.id],
    status: "pending",
    attempts: 0,
    createdAt: iso(),
    nextAttemptAt: incident ? iso() : iso(120),
    deliveredAt: null,
    lastError: null,
  };
  await store.savePoll({
    vendor: "acme",
    polledAt: iso(),
    nextPollAt: iso(60),
    outcome: {
      ok: true,
      ...(incident
        ? { incidents: [incident] }
        : { components: [(kind as { component: ComponentSnapshot }).component] }),
    },
    events: [event],
    deliveries: [delivery],
  });
  return delivery;
}

/** A poll of acme that writes this outcome and no event (the record moves on, nothing is sent). */
async function recordPoll(outcome: Omit<PollSuccess, "ok">, polledAt = iso()): Promise<void> {
  await store.savePoll({
    vendor: "acme",
    polledAt,
    nextPollAt: iso(60),
    outcome: { ok: true, ...outcome },
    events: [],
  });
}

async function statusOf(id: string) {
  const { items } = await store.listDeliveries({ limit: 500 });
  return items.find((d) => d.id === id);
}

describe("dispatcher", () => {
  it("sends a due delivery once, with its events, incident, vendor and link, and records it delivered", async () => {
    const delivery = await writeDelivery();
    const dispatcher = dispatcherWith();
    await dispatcher.tick();
    await dispatcher.tick();
    expect(sent).toHaveLength(1);
    const { notification } = sent[0]!;
    expect(notification).toMatchObject({
      deliveryId: delivery.id,
      vendor: { slug: "acme", name: "Acme", url: "https://status.acme.example" },
      link: "https://pingoru.example/incidents/inc-1",
    });
    expect(notification.events.map((e) => e.id)).toEqual(["ev-1"]);
    expect(notification.incident).toMatchObject({
      id: "inc-1",
      vendor: "acme",
      startedAt: expect.any(String),
    });
    expect(await statusOf(delivery.id)).toMatchObject({
      status: "delivered",
      attempts: 1,
      deliveredAt: iso(),
    });
  });

  it("retries a 503 on the schedule, keeping the channel's later deliveries behind it (FIFO)", async () => {
    const first = await writeDelivery();
    const second = await writeDelivery();
    behaviour = async () => {
      throw new DeliveryError("HTTP 503", { retryable: true });
    };
    const dispatcher = dispatcherWith();
    await dispatcher.tick();
    expect(await statusOf(first.id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: iso(2) });
    advance(1);
    await dispatcher.tick(); // not due yet, and the second waits behind it
    expect((await statusOf(first.id))!.attempts).toBe(1);
    expect((await statusOf(second.id))!.attempts).toBe(0);
    behaviour = async () => undefined;
    advance(1);
    await dispatcher.tick();
    await dispatcher.tick();
    expect(sent.map((s) => s.notification.deliveryId)).toEqual([first.id, second.id]);
    expect(await statusOf(first.id)).toMatchObject({ status: "delivered", attempts: 2, lastError: null });
  });

  it("a receiver that is down holds its own queue only", async () => {
    await writeDelivery("hook");
    const other = await writeDelivery("other");
    behaviour = async (n) => {
      if (n.deliveryId !== other.id) throw new DeliveryError("HTTP 503", { retryable: true });
    };
    await dispatcherWith().tick();
    expect(sent.map((s) => s.channel)).toEqual(["other"]);
  });

  it("a 410 fails the delivery and disables the channel; nothing more goes to it", async () => {
    const first = await writeDelivery();
    const second = await writeDelivery();
    behaviour = async () => {
      throw new DeliveryError("HTTP 410 Gone", { retryable: false, gone: true });
    };
    const dispatcher = dispatcherWith();
    await dispatcher.tick();
    expect(await statusOf(first.id)).toMatchObject({ status: "failed", lastError: "HTTP 410 Gone" });
    const channel = (await store.listChannels()).find((c) => c.id === "hook")!;
    expect(channel.disabledReason).toMatch(/gone: HTTP 410 Gone/);
    behaviour = async () => undefined;
    await dispatcher.tick();
    expect(sent).toEqual([]);
    expect(await statusOf(second.id)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("aborts a send that hangs and retries it", async () => {
    const delivery = await writeDelivery();
    let aborted = false;
    behaviour = (_, signal) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => ((aborted = true), reject(signal.reason))),
      );
    await dispatcherWith({ sendTimeoutMs: 50 }).tick();
    expect(aborted).toBe(true);
    expect(await statusOf(delivery.id)).toMatchObject({
      status: "pending",
      lastError: "no answer within 0.05 s",
    });
  });

  const api = (status: ComponentSnapshot["status"]): ComponentSnapshot => ({
    id: "c-api",
    name: "API",
    group: null,
    position: 0,
    status,
    rawStatus: status,
  });

  it("suppresses a component change that flapped back within the window, sends one that did not", async () => {
    const flapped = await writeDelivery("hook", { component: api("major_outage"), from: "operational" });
    const dispatcher = dispatcherWith();
    await dispatcher.tick();
    expect(sent).toEqual([]); // still inside the flap window
    await recordPoll({ components: [api("operational")] });
    advance(121);
    await dispatcher.tick();
    expect(await statusOf(flapped.id)).toMatchObject({ status: "suppressed", attempts: 0 });
    const stayed = await writeDelivery("hook", { component: api("major_outage"), from: "operational" });
    advance(121);
    await dispatcher.tick();
    expect(sent.map((s) => s.notification.deliveryId)).toEqual([stayed.id]);
  });

  /** A component flapping degraded/operational on every poll (a minute apart), `changes` times. */
  async function flap(changes: number, dispatcher: ReturnType<typeof dispatcherWith>) {
    let status: ComponentSnapshot["status"] = "operational";
    const ids: string[] = [];
    for (let i = 0; i < changes; i++) {
      const to: ComponentSnapshot["status"] =
        status === "operational" ? "degraded_performance" : "operational";
      const event: ChangeEvent = {
        id: `flap-${i}`,
        type: "component.changed",
        vendor: "acme",
        incidentId: null,
        componentId: "c-api",
        at: iso(),
        data: { name: "API", from: status, to },
      };
      const delivery: Delivery = {
        id: stableId("sub-hook", event.id),
        subscription: "sub-hook",
        channel: "hook",
        vendor: "acme",
        incidentId: null,
        componentId: "c-api",
        eventIds: [event.id],
        status: "pending",
        attempts: 0,
        createdAt: iso(),
        nextAttemptAt: iso(120), // route.ts's default flap window
        deliveredAt: null,
        lastError: null,
      };
      await store.savePoll({
        vendor: "acme",
        polledAt: iso(),
        nextPollAt: iso(60),
        outcome: { ok: true, components: [api(to)] },
        events: [event],
        deliveries: [delivery],
      });
      ids.push(delivery.id);
      status = to;
      await dispatcher.tick();
      advance(60);
      await dispatcher.tick();
    }
    advance(600); // well past the last change's window
    await dispatcher.tick();
    return ids;
  }

  it("a steady flap that ends where it began sends nothing", async () => {
    const ids = await flap(10, dispatcherWith());
    expect(sent).toEqual([]);
    const statuses = await Promise.all(ids.map(statusOf));
    expect(statuses.every((d) => d?.status === "suppressed")).toBe(true);
  });

  it("a steady flap that ends elsewhere sends one message: the net change", async () => {
    const ids = await flap(11, dispatcherWith());
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message!.notification.deliveryId).toBe(ids.at(-1));
    expect(message!.notification.events.map((e) => e.data)).toEqual([
      { name: "API", from: "operational", to: "degraded_performance" },
    ]);
    expect((await statusOf(ids[0]!))?.lastError).toMatch(/superseded/);
  });

  it("a component that never stops flapping still gets its net change after the longest hold", async () => {
    await flap(45, dispatcherWith()); // 45 minutes of flapping, over the 30-minute cap
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sent.at(-1)!.notification.events.at(-1)!.data).toMatchObject({ to: "degraded_performance" });
  });

  it("a component change waiting out its flap window holds up only that component, not an incident's news", async () => {
    const held = await writeDelivery("hook", { component: api("major_outage"), from: "operational" });
    advance(10);
    const opened = await writeDelivery("hook");
    const dispatcher = dispatcherWith();
    await dispatcher.tick();
    expect(sent.map((s) => s.notification.deliveryId)).toEqual([opened.id]);
    advance(111);
    await dispatcher.tick();
    expect(sent.map((s) => s.notification.deliveryId)).toEqual([opened.id, held.id]);
  });

  it("a claim whose worker died comes back after the lease, to another worker", async () => {
    const delivery = await writeDelivery();
    let attempted!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (attempted = resolve));
    behaviour = () => {
      attempted();
      return new Promise(() => undefined); // the first worker never finishes
    };
    void dispatcherWith({ sendTimeoutMs: 600_000 }).tick();
    await firstAttempt;
    behaviour = async () => undefined;
    const second = dispatcherWith();
    await second.tick();
    expect(sent).toEqual([]);
    advance(31);
    await second.tick();
    expect(sent.map((s) => s.notification.deliveryId)).toEqual([delivery.id]);
  });

  it("sends a retry, or a resend after a crash, with the body of the first attempt though the incident moved on", async () => {
    const delivery = await writeDelivery();
    const tried: Notification[] = [];
    behaviour = async (n) => {
      tried.push(n);
      throw new DeliveryError("HTTP 503", { retryable: true });
    };
    await dispatcherWith().tick();
    // The vendor updates the incident before the retry is due: a new title, a later status.
    const moved = makeIncident({ id: "inc-1", vendor: "acme", status: "identified", title: "Renamed" });
    await recordPoll({ incidents: [moved] }, iso(1));
    expect((await store.getIncident("inc-1"))?.title).toBe("Renamed");
    // The second attempt's worker dies mid-send; a third, after the lease, delivers.
    let attempted!: () => void;
    const secondAttempt = new Promise<void>((resolve) => (attempted = resolve));
    behaviour = (n) => {
      tried.push(n);
      attempted();
      return new Promise(() => undefined);
    };
    advance(2);
    void dispatcherWith({ sendTimeoutMs: 600_000 }).tick();
    await secondAttempt;
    behaviour = async () => undefined;
    advance(31);
    await dispatcherWith().tick();
    expect(sent.map((s) => s.notification.deliveryId)).toEqual([delivery.id]);
    expect(tried[0]?.incident?.status).toBe("investigating");
    expect(tried[1]).toEqual(tried[0]);
    expect(sent[0]!.notification).toEqual(tried[0]);
    expect((await statusOf(delivery.id))?.status).toBe("delivered");
  });

  it("wake() sends a new delivery at once instead of at the next tick", async () => {
    const looked = vi.spyOn(store, "nextDeliveryDueAt");
    const dispatcher = dispatcherWith({ tickMs: 600_000 });
    dispatcher.start();
    // Its first look found nothing due: it now sleeps until the tick.
    await vi.waitFor(() => expect(looked).toHaveBeenCalled());
    await looked.mock.results[0]!.value;
    await writeDelivery();
    dispatcher.wake();
    // The next tick is ten minutes away: only the wake can have sent it.
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 30_000, interval: 5 });
    await dispatcher.stop();
  });

  it("drains a channel's queue without waiting a tick between deliveries", async () => {
    for (let i = 0; i < 5; i++) await writeDelivery();
    const dispatcher = dispatcherWith({ tickMs: 60_000 });
    dispatcher.start();
    const started = performance.now();
    while (sent.length < 5 && performance.now() - started < 2000)
      await new Promise((resolve) => setTimeout(resolve, 2));
    await dispatcher.stop();
    const written = Array.from({ length: 5 }, (_, i) => `ev-${seq - 4 + i}`);
    expect(sent.map((s) => s.notification.events[0]!.id)).toEqual(written);
  });
});

describe("dispatcher: what the vendor revised", () => {
  it("a webhook's incident says which parts the vendor edited (edited_by_vendor), as the API does", async () => {
    const receiver = await startHttpReceiver();
    try {
      await store.upsertChannel({
        id: "hook",
        type: "webhook",
        config: { url: receiver.url("accept") },
        disabledReason: null,
      });
      const delivery = await writeDelivery();
      const update = {
        id: "u1",
        status: "investigating" as const,
        at: iso(),
        message: "Looking.",
        components: [],
      };
      const id = delivery.incidentId!;
      const edited = makeIncident({ id, vendor: "acme", title: "Renamed", updates: [update] });
      const revision = (revisionId: string, field: "title" | "message", updateId: string | null) => ({
        id: revisionId,
        vendor: "acme",
        incidentId: id,
        updateId,
        componentId: null,
        field,
        oldValue: "before",
        newValue: "after",
        seenAt: iso(),
      });
      await recordPoll({
        incidents: [edited],
        revisions: [revision("r1", "title", null), revision("r2", "message", "u1")],
      });
      await dispatcherWith({
        channelFor: (config) => createChannel(config, { allowPrivateTargets: true }),
      }).tick();
      expect(await statusOf(delivery.id)).toMatchObject({ status: "delivered" });
      const { incident } = JSON.parse(receiver.requests[0]!.body) as {
        incident: { edited_by_vendor: boolean; updates: { id: string; edited_by_vendor: boolean }[] };
      };
      expect(incident.edited_by_vendor).toBe(true);
      expect(incident.updates.map((u) => [u.id, u.edited_by_vendor])).toEqual([["u1", true]]);
    } finally {
      await receiver.close();
    }
  });
});

describe("dispatcher channels' connections", () => {
  let receiver: KeepAliveReceiver;
  beforeAll(async () => {
    receiver = await startKeepAliveReceiver();
  });
  afterAll(() => receiver.close());

  const realChannels = (config: ChannelConfig) => createChannel(config, { allowPrivateTargets: true });
  const pointAt = (id: string, path: string) =>
    store.upsertChannel({ id, type: "webhook", config: { url: receiver.url(path) }, disabledReason: null });
  const pointHookAt = (path: string) => pointAt("hook", path);

  it("closes the channel a config change replaced, and every channel it built on stop", async () => {
    const dispatcher = dispatcherWith({ channelFor: realChannels });
    await pointHookAt("/first");
    const first = await writeDelivery();
    await dispatcher.tick();
    expect(await statusOf(first.id)).toMatchObject({ status: "delivered" });
    expect(receiver.open()).toBe(1);

    await pointHookAt("/second");
    const second = await writeDelivery();
    await dispatcher.tick();
    expect(await statusOf(second.id)).toMatchObject({ status: "delivered" });
    // The old channel's connection is closed; the rebuilt channel's stays open for the next send.
    await vi.waitFor(() => expect(receiver.open()).toBe(1));

    await dispatcher.stop();
    await vi.waitFor(() => expect(receiver.open()).toBe(0));
  });

  it("closes the channel of a config no longer stored", async () => {
    const dispatcher = dispatcherWith({ channelFor: realChannels });
    await pointHookAt("/gone-soon");
    await writeDelivery();
    await dispatcher.tick();
    expect(receiver.open()).toBe(1);
    await pointAt("other", "/other");
    await store.removeChannel("hook");
    await writeDelivery("other");
    await dispatcher.tick();
    // Two connections were made; only the remaining channel's is still open.
    expect(receiver.connections()).toBeGreaterThanOrEqual(2);
    await vi.waitFor(() => expect(receiver.open()).toBe(1));
    await dispatcher.stop();
  });

  it("a one-off send (a channel test) closes its channel after, whether it was accepted or not", async () => {
    const now = () => new Date("2026-11-27T10:00:00.000Z");
    const hook = { id: "once", type: "webhook", disabledReason: null } as const;
    const accepted = realChannels({ ...hook, config: { url: receiver.url("/once") } });
    await sendOnce(accepted, sampleNotification(now()), { now });
    await vi.waitFor(() => expect(receiver.open()).toBe(0));
    const close = vi.fn(async () => {});
    const refusing: Channel = {
      id: "refusing",
      type: "webhook",
      send: () => Promise.reject(new DeliveryError("HTTP 500", { retryable: true })),
      close,
    };
    await expect(sendOnce(refusing, sampleNotification(now()), { now })).rejects.toBeInstanceOf(
      DeliveryError,
    );
    expect(close).toHaveBeenCalledOnce();
  });
});
