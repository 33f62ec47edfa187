// The notification commands as real processes: channels list/test/enable, subscriptions add/list/remove.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { runCliInProcess } from "../helpers/run-cli.ts";
import { expectOneLineFailure } from "../helpers/cli-expect.ts";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "./notify-receiver.ts";

let receiver: WebhookReceiver;
let dir: string;
let db: string;
let config: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  dir = mkdtempSync(join(tmpdir(), "pingoru-notify-cli-"));
  db = join(dir, "pingoru.db");
  config = join(dir, "pingoru.yaml");
  writeFileSync(
    config,
    `channels:\n  - id: ops-hook\n    type: webhook\n    url: ${receiver.url}\n    secret: \${HOOK_SECRET}\n`,
  );
});
afterAll(() => receiver.close());

const pingoru = (...args: string[]) =>
  runCliInProcess([...args, "--db", db, "--config", config], {
    env: { PINGORU_ALLOW_PRIVATE_TARGETS: "1", HOOK_SECRET: WEBHOOK_SECRET },
  });

describe("pingoru channels", () => {
  it("list shows the config file's channels with secrets as <secret>", async () => {
    const result = await pingoru("channels", "list");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `ops-hook\twebhook\tenabled\t${JSON.stringify({ url: receiver.url, secret: "<secret>" })}\n`,
    );
    expect(result.stdout + result.stderr).not.toContain(WEBHOOK_SECRET.slice(6));
  });

  it("test sends a signed sample notification through the real channel and prints one line", async () => {
    receiver.answer = 204;
    const result = await pingoru("channels", "test", "ops-hook");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ok: ops-hook \(webhook\) accepted the test notification in \d+ ms\n$/);
    const sample = receiver.received.at(-1)!;
    expect(sample.signatureValid).toBe(true);
    expect(sample.body).toMatchObject({
      type: "incident.opened",
      events: [{ type: "incident.opened" }],
    });
  });

  it.each([
    [503, /ops-hook.*503/],
    [410, /ops-hook.*410/],
  ])(
    "test against a receiver answering %i fails with one line and a non-zero exit",
    async (status, reason) => {
      receiver.answer = status;
      expectOneLineFailure(await pingoru("channels", "test", "ops-hook"), reason);
      receiver.answer = 204;
    },
  );

  it("test of an unknown channel fails with one line", async () => {
    expectOneLineFailure(await pingoru("channels", "test", "nope"), /no channel "nope"/);
  });

  it("enable re-enables a channel a 410 disabled, and list says which is which", async () => {
    expect((await pingoru("subscriptions", "add", "--channel", "ops-hook")).code).toBe(0); // stores it
    const store = await openStore(db);
    await store.setChannelDisabled("ops-hook", "the receiver said it is gone: HTTP 410");
    await store.close();
    expect((await pingoru("channels", "list")).stdout).toMatch(
      /^ops-hook\twebhook\tdisabled: the receiver said it is gone: HTTP 410\t/,
    );
    const enabled = await pingoru("channels", "enable", "ops-hook");
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stderr).toBe("re-enabled ops-hook\n");
    expect((await pingoru("channels", "list")).stdout).toMatch(/^ops-hook\twebhook\tenabled\t/);
  });
});

describe("pingoru subscriptions", () => {
  it("add prints the id; list shows it; adding the same again is the same one; remove removes it", async () => {
    const args = [
      "subscriptions",
      "add",
      "--channel",
      "ops-hook",
      "--vendors",
      "github,clerk",
      "--components",
      "github:Actions,github:API Requests",
      "--min-impact",
      "major",
      "--events",
      "incident.opened,maintenance.*",
    ];
    const added = await pingoru(...args);
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^ops-hook-[0-9a-f]{8}$/);
    expect((await pingoru(...args)).stdout.trim()).toBe(id);
    const list = await pingoru("subscriptions", "list", "--json");
    expect(JSON.parse(list.stdout)).toContainEqual({
      id,
      channel: "ops-hook",
      vendors: ["github", "clerk"],
      components: { github: ["Actions", "API Requests"] },
      minImpact: "major",
      events: ["incident.opened", "maintenance.scheduled", "maintenance.started", "maintenance.completed"],
    });
    expect((await pingoru("subscriptions", "remove", id)).code).toBe(0);
    expect((await pingoru("subscriptions", "list")).stdout).not.toContain(id);
    expectOneLineFailure(await pingoru("subscriptions", "remove", id), /no subscription/);
  });

  it("add takes the maintenance options; they make it another subscription", async () => {
    const plain = (await pingoru("subscriptions", "add", "--channel", "ops-hook")).stdout.trim();
    const args = ["subscriptions", "add", "--channel", "ops-hook", "--remind-before", "60"];
    const added = await pingoru(...args, "--notify-during-maintenance");
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    expect(id).not.toBe(plain);
    const list = JSON.parse((await pingoru("subscriptions", "list", "--json")).stdout);
    expect(list).toContainEqual(
      expect.objectContaining({ id, remindBeforeMinutes: 60, notifyDuringMaintenance: true }),
    );
    expect((await pingoru("subscriptions", "list")).stdout).toContain("remind_before_minutes=60");
  });

  it.each([
    [["--channel", "ops-hook", "--remind-before", "soon"], /remind-before/],
    [["--channel", "ops-hook", "--remind-before", "0"], /remind_before_minutes/],
    [["--channel", "nope"], /no channel "nope"/],
    [["--channel", "ops-hook", "--components", "Actions"], /expected vendor-slug:Component name/],
    [["--channel", "ops-hook", "--events", "incident.exploded"], /events/],
    [["--channel", "ops-hook", "--min-impact", "huge"], /min-impact/],
  ])("add %j fails with one line", async (args, reason) => {
    expectOneLineFailure(await pingoru("subscriptions", "add", ...args), reason);
  });
});
