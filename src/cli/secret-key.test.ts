// PINGORU_SECRET_KEY as a user meets it, through real `pingoru` processes on a SQLite file: secrets
// are sealed in the database, opened for use (a test message is signed with the real secret), refused
// in one line without their key, and moved to a new key by `channels reseal`.
import { mkdtempSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
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

const OLD_KEY = "an-old-key-of-at-least-thirty-two-characters";
const NEW_KEY = "a-new-key-of-at-least-thirty-two-characters!!";
let receiver: WebhookReceiver;
let db: string;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  db = join(mkdtempSync(join(tmpdir(), "pingoru-secret-key-")), "pingoru.db");
});
afterAll(() => receiver?.close());

const pingoru = (env: Record<string, string>, ...args: string[]) =>
  runCliInProcess([...args, "--db", db], { env: { PINGORU_ALLOW_PRIVATE_TARGETS: "1", ...env } });
/** The channel's settings as the database holds them. */
function rawSettings(): string {
  const raw = new DatabaseSync(db, { readOnly: true });
  try {
    return String(
      (raw.prepare("select config from channels where id = 'hook'").get() as { config: string }).config,
    );
  } finally {
    raw.close();
  }
}

describe("channel secrets sealed with PINGORU_SECRET_KEY", () => {
  it("are stored sealed, used open, refused without the key, and resealed with a new key", async () => {
    const old = { PINGORU_SECRET_KEY: OLD_KEY };
    const added = await pingoru(
      old,
      "channels",
      "add",
      "webhook",
      "--id",
      "hook",
      "--url",
      receiver.url,
      "--secret",
      WEBHOOK_SECRET,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(rawSettings()).toContain("enc:v1:");
    expect(rawSettings()).not.toContain(WEBHOOK_SECRET);

    const tried = await pingoru(old, "channels", "test", "hook");
    expect(tried.code, tried.stderr).toBe(0);
    expect(receiver.received.at(-1)?.signatureValid).toBe(true); // signed with the opened secret

    expectOneLineFailure(
      await pingoru({}, "channels", "list"),
      /sealed with key \w{8}, which is not given: set PINGORU_SECRET_KEY/,
    );
    expectOneLineFailure(
      await pingoru({ PINGORU_SECRET_KEY: "short" }, "channels", "list"),
      /at least 32 characters/,
    );

    const before = rawSettings();
    const resealed = await pingoru(
      { PINGORU_SECRET_KEY: NEW_KEY, PINGORU_SECRET_KEY_PREVIOUS: OLD_KEY },
      "channels",
      "reseal",
    );
    expect(resealed.code, resealed.stderr).toBe(0);
    expect(resealed.stderr).toBe("resealed 1 channel\n");
    expect(rawSettings()).not.toBe(before);
    expect(rawSettings()).not.toContain(WEBHOOK_SECRET);
    expectOneLineFailure(await pingoru(old, "channels", "list"), /which is not given/); // the old key alone no longer opens it
    const again = await pingoru({ PINGORU_SECRET_KEY: NEW_KEY }, "channels", "test", "hook");
    expect(again.code, again.stderr).toBe(0);
    expect(receiver.received.at(-1)?.signatureValid).toBe(true);
  });
});
