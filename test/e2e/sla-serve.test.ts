// `pingoru serve` as a real process sends SLA breaches: a record seeded with last month's two-hour
// outage of a component with a 99.9 % target (its allowance is under 45 minutes whatever the month), a
// webhook subscription to sla.breached, and a real receiver. Serve's first SLA check finds last month
// breached and sends it once; a restarted serve checks it again and sends nothing more. (The test runs
// on the machine's clock, as serve does: last month is whichever month that is.)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { makeIncident } from "../helpers/seed-record.ts";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await killAllCli();
  await receiver?.close();
});

const NOW = new Date();
/** Day `day` of last month (UTC), at `hour`. */
function lastMonth(day: number, hour = 0): string {
  return new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 1, day, hour)).toISOString();
}
const THIS_MONTH = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), 1)).toISOString();

async function seed(db: string, hookUrl: string): Promise<void> {
  const store = await openStore(db);
  await store.addVendor(
    { slug: "acme", name: "Acme", url: "https://acme.example/status", platform: "feed" },
    lastMonth(1),
  );
  await store.setVendorPaused("acme", true); // its record is the test's; nothing polls it
  const down = { id: "c-api", name: "API", status: "major_outage" as const };
  await store.savePoll({
    vendor: "acme",
    polledAt: lastMonth(1), // the baseline: watched from then on
    nextPollAt: lastMonth(1, 1),
    outcome: {
      ok: true,
      components: [{ ...down, group: null, position: 0, status: "operational", rawStatus: "operational" }],
      incidents: [
        makeIncident({
          id: "acme-outage",
          vendor: "acme",
          status: "resolved",
          startedAt: lastMonth(10, 10),
          resolvedAt: lastMonth(10, 12),
          affectedComponents: [{ id: "c-api", name: "API", worstStatus: "major_outage" }],
          updates: [
            { id: "u1", status: "investigating", at: lastMonth(10, 10), message: "", components: [down] },
          ],
        }),
      ],
    },
    events: [],
  });
  await store.setSla({ vendor: "acme", component: "API", targetPercent: 99.9, credits: [], claimDays: null });
  await store.upsertChannel({
    id: "hook",
    type: "webhook",
    config: { url: hookUrl, secret: WEBHOOK_SECRET },
    disabledReason: null,
  });
  await store.upsertSubscription({
    id: "sla",
    channel: "hook",
    vendors: null,
    components: null,
    minImpact: null,
    events: ["sla.breached"],
  });
  await store.close();
}

async function serveUntilListening(db: string) {
  const serve = startCli(["serve", "--port", "0", "--db", db], {
    env: {
      PINGORU_ALLOW_PRIVATE_TARGETS: "1", // the receiver is on loopback
      PINGORU_LOG_LEVEL: "debug",
      PINGORU_PUBLIC_URL: "https://pingoru.example",
    },
  });
  await waitFor("serve to listen", () => {
    if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
    return serve.stderr().includes('"msg":"pingoru serving"');
  });
  return serve;
}

describe("serve and SLA events", () => {
  it("sends last month's breach once, and not again after a restart", async () => {
    receiver = await startWebhookReceiver();
    const db = join(mkdtempSync(join(tmpdir(), "pingoru-sla-serve-")), "p.db");
    await seed(db, receiver.url);

    const first = await serveUntilListening(db);
    await waitFor("the breach to arrive", () => receiver!.received.length > 0);
    await waitFor("the SLA event to be logged", () => first.stderr().includes('"msg":"SLA event"'));
    first.child.kill("SIGTERM");
    await waitFor("serve to stop", () => first.child.exitCode !== null || first.child.signalCode !== null);

    const second = await serveUntilListening(db);
    await waitFor("the restarted serve's first SLA check", () =>
      second.stderr().includes('"msg":"SLA checked"'),
    );
    second.child.kill("SIGTERM");
    await waitFor("serve to stop", () => second.child.exitCode !== null || second.child.signalCode !== null);

    expect(receiver.received).toHaveLength(1);
    const [sent] = receiver.received;
    const month = lastMonth(1).slice(0, 7);
    expect(sent!.signatureValid).toBe(true);
    expect(sent!.body.type).toBe("sla.breached");
    expect(sent!.body.link).toBe(`https://pingoru.example/sla?month=${month}`);
    const allowed = Math.round(((Date.parse(THIS_MONTH) - Date.parse(lastMonth(1))) / 1000) * 0.001);
    expect(sent!.body.events[0]!.data).toMatchObject({
      component: "API",
      month,
      downtime_seconds: 7200,
      allowed_downtime_seconds: allowed,
      breached_at: new Date(Date.parse(lastMonth(10, 10)) + allowed * 1000 + 1).toISOString(),
    });
    expect(second.stderr()).not.toContain('"msg":"SLA event"');
    const store = await openStore(db);
    const deliveries = (await store.listDeliveries({ limit: 10 })).items;
    await store.close();
    expect(deliveries.map((d) => [d.subscription, d.status])).toEqual([["sla", "delivered"]]);
  });
});
