// `pingoru channels add <type>` and `channels remove` as real processes on a SQLite file, beside a
// config file that defines a channel of its own; a channel added here is tried against a real
// loopback receiver that checks its signature. The flags themselves are read in-process.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startWebhookReceiver,
  WEBHOOK_SECRET,
  type WebhookReceiver,
} from "../../test/e2e/notify-receiver.ts";
import { runCliInProcess } from "../../test/helpers/run-cli.ts";
import { expectOneLineFailure } from "../../test/helpers/cli-expect.ts";
import { channelFields } from "../notify/channel-settings.ts";
import { CHANNEL_TYPES, CHANNELS } from "../notify/registry.ts";
import { openStore } from "../store/open-store.ts";
import { addChannelCommand } from "./channel-edit.ts";

let receiver: WebhookReceiver;
let db: string;
let config: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), "pingoru-channels-cli-"));
  db = join(dir, "pingoru.db");
  config = join(dir, "pingoru.yaml");
  writeFileSync(config, "channels:\n  - id: from-file\n    type: slack\n    url: https://hooks.example/s\n");
});
afterAll(() => receiver?.close());

const pingoru = (...args: string[]) =>
  runCliInProcess([...args, "--db", db, "--config", config], { env: { PINGORU_ALLOW_PRIVATE_TARGETS: "1" } });

async function stored() {
  const store = await openStore(db);
  try {
    return { channels: await store.listChannels(), subscriptions: await store.listSubscriptions() };
  } finally {
    await store.close();
  }
}

describe("pingoru channels add and remove", () => {
  it("adds a webhook, prints its id, and `channels test` delivers through it, signed with its secret", async () => {
    const added = await pingoru(
      "channels",
      "add",
      "webhook",
      "--id",
      "ops",
      "--url",
      receiver.url,
      "--secret",
      WEBHOOK_SECRET,
    );
    expect(added.code, added.stderr).toBe(0);
    expect([added.stdout, added.stderr]).toEqual(["ops\n", "added channel ops (webhook)\n"]);
    expect((await stored()).channels).toContainEqual({
      id: "ops",
      type: "webhook",
      config: { url: receiver.url, secret: WEBHOOK_SECRET },
      disabledReason: null,
    });
    receiver.answer = 204;
    const tested = await pingoru("channels", "test", "ops");
    expect(tested.code, tested.stderr).toBe(0);
    expect(receiver.received.at(-1)!.signatureValid).toBe(true);
  });

  it("refuses to add over an existing id without --replace", async () => {
    expectOneLineFailure(
      await pingoru("channels", "add", "webhook", "--id", "ops", "--url", "https://other.example/h"),
      /^pingoru: channel "ops" already exists \(--replace replaces it\)$/m,
    );
    expect((await stored()).channels.find((c) => c.id === "ops")?.config.url).toBe(receiver.url);
  });

  it.each([
    ["webhook", ["--url", "http://169.254.169.254/latest/meta-data/"]],
    ["slack", ["--url", "http://[::ffff:0:a9fe:a9fe]/hook"]],
    ["discord", ["--url", "http://[64:ff9b:1::a9fe:a9fe]/hook"]],
    ["teams", ["--url", "http://metadata.google.internal/computeMetadata/v1/"]],
  ])(
    "refuses a %s channel on a metadata address when it is added, not when it sends",
    async (type, flags) => {
      const before = (await stored()).channels;
      const result = await pingoru("channels", "add", type, "--id", `meta-${type}`, ...flags);
      expectOneLineFailure(result, /must not point at a cloud metadata or link-local address/);
      expect(result.stderr).not.toContain(flags[1]); // the URL (a chat channel's secret) is not echoed
      expect((await stored()).channels).toEqual(before);
    },
  );

  it("refuses a vendor on a metadata address (any IPv6 spelling) before storing it", async () => {
    for (const url of ["http://[::ffff:0:a9fe:a9fe]/", "http://[2001:0:4136:e378:8000:63bf:5601:5601]/"]) {
      expectOneLineFailure(
        await pingoru("vendors", "add", url, "--slug", "meta"),
        /cloud metadata address, always refused/,
      );
    }
    const store = await openStore(db);
    try {
      expect(await store.getVendor("meta")).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("removes a channel and its subscriptions", async () => {
    const store = await openStore(db);
    await store.upsertSubscription({
      id: "ops-all",
      channel: "ops",
      vendors: null,
      components: null,
      minImpact: null,
      events: ["incident.opened"],
    });
    await store.close();
    const removed = await pingoru("channels", "remove", "ops");
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toBe("removed channel ops and 1 subscription\n");
    const after = await stored();
    expect(after.channels.map((c) => c.id)).not.toContain("ops");
    expect(after.subscriptions).toEqual([]);
  });

  it("adds an email channel from repeated and comma-separated --to, nested --smtp-* flags and a switch", async () => {
    const args = ["--id", "mail", "--to", "a@example.com,b@example.com", "--to", "c@example.com"];
    const smtp = [
      "--from",
      "p@example.com",
      "--smtp-host",
      "127.0.0.1",
      "--smtp-port",
      "2525",
      "--smtp-secure",
    ];
    const added = await pingoru("channels", "add", "email", ...args, ...smtp);
    expect(added.code, added.stderr).toBe(0);
    expect((await stored()).channels.find((c) => c.id === "mail")?.config).toEqual({
      to: ["a@example.com", "b@example.com", "c@example.com"],
      from: "p@example.com",
      smtp: { host: "127.0.0.1", port: 2525, secure: true },
    });
  });

  it.each<[string, string[], RegExp]>([
    [
      "an unknown type, naming the known ones",
      ["add", "pigeon", "--id", "x"],
      new RegExp(`unknown channel type "pigeon" \\(one of ${CHANNEL_TYPES.join(", ")}\\)`),
    ],
    [
      "a missing required flag",
      ["add", "slack", "--id", "x"],
      /required option '--url <value>' not specified/,
    ],
    [
      "the config file's channel, on add",
      ["add", "slack", "--id", "from-file", "--url", "https://h.example", "--replace"],
      /channel "from-file" is defined in the config file .*pingoru\.yaml: change it there/,
    ],
    [
      "the config file's channel, on remove",
      ["remove", "from-file"],
      /channel "from-file" is defined in the config file .*pingoru\.yaml: delete it there first/,
    ],
    ["an unknown channel, on remove", ["remove", "nope"], /no channel "nope" \(see pingoru channels list\)/],
  ])("refuses %s with one line on stderr and a non-zero exit", async (_, args, reason) => {
    expectOneLineFailure(await pingoru("channels", ...args), reason);
  });
});

describe("channels add: one subcommand per type, its flags from the type's fields", () => {
  /** Parses in-process (what fails before the store is opened); the store would be a throwaway one. */
  async function parseAdd(...args: string[]) {
    const add = addChannelCommand().exitOverride();
    for (const sub of add.commands) sub.exitOverride().configureOutput({ writeErr: () => {} });
    await add.parseAsync([...args, "--db", ":memory:"], { from: "user" });
  }

  it.each<[string, string[], RegExp]>([
    [
      "a flag of another type",
      ["slack", "--id", "x", "--url", "https://h.example", "--secret", "s"],
      /^error: unknown option '--secret'$/,
    ],
    [
      "a bad URL, naming the setting",
      ["discord", "--id", "x", "--url", "ftp://h"],
      /^channel x: url: must be an http\(s\) URL$/,
    ],
    [
      "a bad id",
      ["slack", "--id", "no spaces", "--url", "https://h.example"],
      /^invalid channel id "no spaces"/,
    ],
  ])("refuses %s", async (_, args, reason) => {
    await expect(parseAdd(...args)).rejects.toThrow(reason);
  });

  it.each(CHANNELS.map((d) => [d.type, d] as const))("%s", (type, definition) => {
    const command = addChannelCommand().commands.find((c) => c.name() === type)!;
    const flags = new Map(command.options.map((o) => [o.long, o]));
    expect(flags.get("--id")?.mandatory).toBe(true);
    for (const field of channelFields(definition)) {
      const flag = flags.get(`--${field.path.join("-").replace(/_/g, "-")}`);
      expect(flag, field.name).toBeDefined();
      expect(flag!.mandatory).toBe(field.required);
      expect(flag!.isBoolean()).toBe(field.kind === "boolean");
    }
  });
});
