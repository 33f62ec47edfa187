// Retention through a real `pingoru serve` on a real SQLite file: at start it prunes what is past
// PINGORU_RETENTION_DAYS — finished deliveries and the events no delivery needs — and never the
// incident record; with "forever" it prunes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { ChangeEvent, Incident } from "../../src/domain/model.ts";
import type { Delivery } from "../../src/domain/notification.ts";
import { stableId } from "../../src/lib/hash.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-retention-"));
afterEach(killAllCli);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

const event = (id: string, at: string): ChangeEvent => ({
  id,
  type: "incident.opened",
  vendor: "acme",
  incidentId: "acme:i1",
  componentId: null,
  at,
  data: {},
});
const delivered = (eventId: string, at: string): Delivery => ({
  id: stableId("s", eventId),
  subscription: "s",
  channel: "hook",
  vendor: "acme",
  incidentId: "acme:i1",
  componentId: null,
  eventIds: [eventId],
  status: "delivered",
  attempts: 1,
  createdAt: at,
  nextAttemptAt: at,
  deliveredAt: at,
  lastError: null,
});
const incident = (at: string): Incident => ({
  id: "acme:i1",
  vendor: "acme",
  vendorIncidentId: "i1",
  kind: "incident",
  title: "Old outage",
  status: "resolved",
  impact: "major",
  url: null,
  startedAt: at,
  resolvedAt: at,
  scheduledFor: null,
  scheduledUntil: null,
  detectedAt: at,
  seenLive: true,
  detectionLagSeconds: 0,
  postmortemPublishedAt: null,
  postmortemUrl: null,
  listedOperational: [],
  affectedComponents: [],
  updates: [{ id: "u1", status: "resolved", at, message: "Fixed.", components: [] }],
});

/** A paused vendor (serve polls nothing) with an old incident, an old and a recent delivered event. */
async function seed(db: string): Promise<Incident> {
  const store = await openStore(db);
  try {
    const old = daysAgo(10);
    await store.addVendor({ slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" }, old);
    await store.setVendorPaused("acme", true);
    await store.upsertChannel({
      id: "hook",
      type: "webhook",
      config: { url: "https://hook.example" },
      disabledReason: null,
    });
    const sub = { vendors: null, components: null, minImpact: null, events: ["incident.opened" as const] };
    await store.upsertSubscription({ id: "s", channel: "hook", ...sub });
    const write = (at: string, id: string, incidents?: Incident[]) =>
      store.savePoll({
        vendor: "acme",
        polledAt: at,
        nextPollAt: at,
        outcome: { ok: true, incidents },
        events: [event(id, at)],
        deliveries: [delivered(id, at)],
      });
    const record = incident(old);
    await write(old, "old", [record]);
    await write(daysAgo(1), "recent");
    return record;
  } finally {
    await store.close();
  }
}

async function contents(store: Store) {
  return {
    events: (await store.listEvents({ limit: 50 })).items.map((e) => e.id),
    deliveries: (await store.listDeliveries({ limit: 50 })).items.map((d) => d.eventIds[0]),
    incident: await store.getIncident("acme:i1"),
  };
}

/** Starts serve, waits for the log line `until`, stops it with SIGTERM; returns its log. */
async function serveUntil(db: string, retention: string, until: string): Promise<string> {
  const serve = startCli(["serve", "--port", "0", "--db", db], {
    env: { PINGORU_RETENTION_DAYS: retention },
  });
  await waitFor(`serve to log ${until}`, () => {
    if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
    return serve.stderr().includes(`"msg":"${until}"`);
  });
  serve.child.kill("SIGTERM");
  const exit = await serve.exited;
  expect(exit.code, exit.stderr).toBe(0);
  return exit.stderr;
}

describe("serve applies the retention", () => {
  it("prunes the old delivery and its event at start, keeping the incident record", async () => {
    const db = join(dir, "prune.db");
    const record = await seed(db);
    const log = await serveUntil(db, "3", "pruned past retention");
    expect(log).toMatch(/"deliveries":1,"events":1,"msg":"pruned past retention"/);
    const store = await openStore(db);
    try {
      expect(await contents(store)).toEqual({ events: ["recent"], deliveries: ["recent"], incident: record });
    } finally {
      await store.close();
    }
  });

  it("keeps everything with PINGORU_RETENTION_DAYS=forever", async () => {
    const db = join(dir, "forever.db");
    const record = await seed(db);
    const log = await serveUntil(db, "forever", "pingoru serving");
    expect(log).toContain("retention: keeping every delivery and event");
    const store = await openStore(db);
    try {
      expect(await contents(store)).toEqual({
        events: ["old", "recent"],
        deliveries: ["recent", "old"],
        incident: record,
      });
    } finally {
      await store.close();
    }
  });
});
