// Kill Pingoru mid-dispatch: a real `pingoru serve` process with a config file, SIGKILLed while the
// receiver holds a webhook request open, then started again on the same database. Delivery is
// at-least-once: the interrupted message is sent again with the same webhook-id, so a receiver that
// drops repeats by that id sees every event exactly once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";
import { GITHUB_INCIDENTS, GITHUB_SUMMARY, servePage, newIncident, withUpdate } from "./notify-fixtures.ts";
import { dedupe, startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

let vendor: FakeVendor;
let receiver: WebhookReceiver;
let dir: string;
// The public URL is set, as in a deployment: each start here listens on a new port, and links derived
// from the listen address would differ between a message and its repeat after the restart.
const ENV = {
  PINGORU_ALLOW_PRIVATE_TARGETS: "1",
  PINGORU_POLL_INTERVAL: "1",
  HOOK_SECRET: WEBHOOK_SECRET,
  PINGORU_PUBLIC_URL: "https://pingoru.example",
  PINGORU_ADMIN_TOKEN: "crash-admin", // the delivery log is admin-only
};

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": GITHUB_SUMMARY,
    "/api/v2/incidents.json": GITHUB_INCIDENTS,
  });
  receiver = await startWebhookReceiver();
  dir = mkdtempSync(join(tmpdir(), "pingoru-crash-"));
  writeFileSync(
    join(dir, "pingoru.yaml"),
    [
      "vendors:",
      `  - url: ${vendor.url}`,
      "    slug: github",
      "    platform: statuspage",
      "channels:",
      "  - id: ops-hook",
      "    type: webhook",
      `    url: ${receiver.url}`,
      "    secret: ${HOOK_SECRET}",
      "subscriptions:",
      "  - channel: ops-hook",
      "",
    ].join("\n"),
  );
});
afterEach(killAllCli);
afterAll(async () => {
  await receiver.close();
  await vendor.close();
});

async function startServe() {
  const serve = startCli(
    ["serve", "--port", "0", "--db", join(dir, "pingoru.db"), "--config", join(dir, "pingoru.yaml")],
    {
      env: ENV,
    },
  );
  const url = await waitFor("serve to listen", () => {
    if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
    const line = serve
      .stderr()
      .split("\n")
      .find((l) => l.includes('"msg":"pingoru serving"'));
    return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
  });
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(url + path, { headers: { authorization: "Bearer crash-admin" } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return { serve, get };
}

interface ApiEvent {
  id: string;
  type: string;
}

describe("killed mid-dispatch and started again", () => {
  it("delivers every event; a repeat carries the same webhook-id; after dedup each event arrives once", async () => {
    const first = await startServe();
    await waitFor("the baseline poll", async () => {
      const vendors = await first.get<{ slug: string; last_polled_at: string | null }[]>("/api/v1/vendors");
      return vendors.find((v) => v.slug === "github")?.last_polled_at;
    });
    // The first message is accepted; the second is held open and the process is killed meanwhile.
    receiver.onReceive = () => {
      if (receiver.received.length !== 2) return;
      receiver.answer = "hold";
      first.serve.child.kill("SIGKILL");
    };
    const at = new Date(Date.now() - 60_000).toISOString();
    const fresh = ["1", "2", "3"].map((key) => newIncident(key, at, `Crash test incident ${key}`));
    servePage(vendor, fresh);
    const killed = await first.serve.exited;
    expect(killed.signal).toBe("SIGKILL");
    expect(receiver.received).toHaveLength(2);
    const interrupted = receiver.received[1]!.webhookId;

    receiver.onReceive = null;
    receiver.answer = 204;
    receiver.release();
    const second = await startServe();
    // News after the restart flows too (behind the interrupted delivery, whose lease must run out).
    const [one, ...rest] = fresh;
    servePage(vendor, [withUpdate(one!, "identified", at), ...rest]);

    const expected = await waitFor(
      "every incident event delivered",
      async () => {
        const { events } = await second.get<{ events: ApiEvent[] }>("/api/v1/events?limit=500");
        const news = events.filter((e) => e.type.startsWith("incident.")).map((e) => e.id);
        const arrived = new Set(receiver.received.flatMap((r) => r.body.events.map((e) => e.id)));
        return news.length === 4 && news.every((id) => arrived.has(id)) ? news : undefined;
      },
      { timeoutMs: 60_000, everyMs: 250 },
    );

    // Every request is signed; a repeated webhook-id always carries the same events.
    for (const r of receiver.received) expect(r.signatureValid).toBe(true);
    const byId = Map.groupBy(receiver.received, (r) => r.webhookId);
    for (const copies of byId.values())
      for (const copy of copies) expect(copy.body).toEqual({ ...copies[0]!.body });
    const repeated = [...byId].filter(([, copies]) => copies.length > 1).map(([id]) => id);
    expect(repeated).toEqual([interrupted]);

    // After the receiver's dedup by webhook-id, each event exactly once.
    const once = dedupe(receiver.received).flatMap((r) => r.body.events.map((e) => e.id));
    expect(once.toSorted()).toEqual(expected.toSorted());

    const { deliveries } = await second.get<{ deliveries: { status: string }[] }>("/api/v1/admin/deliveries");
    expect(deliveries.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
    second.serve.child.kill("SIGTERM");
    const exit = await second.serve.exited;
    expect(exit.code, exit.stderr).toBe(0);
  }, 90_000);
});
