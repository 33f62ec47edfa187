// `pingoru vendors reset-breaker` as a real process on a real SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { runCliInProcess } from "../helpers/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-breaker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pingoru vendors reset-breaker", () => {
  it("lists a held vendor as held, releases it, and refuses an unknown slug", async () => {
    const db = join(dir, "b.db");
    const store = await openStore(db);
    const now = new Date().toISOString();
    await store.addVendor({ slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" }, now);
    const holdNotifications = "circuit breaker: one poll opened 30 incidents";
    await store.savePoll({
      vendor: "acme",
      polledAt: now,
      nextPollAt: now,
      outcome: { ok: true, holdNotifications },
      events: [],
    });
    await store.close();

    expect((await runCliInProcess(["vendors", "list", "--db", db])).stdout).toMatch(/^acme\tfeed\theld\t/);
    const reset = await runCliInProcess(["vendors", "reset-breaker", "acme", "--db", db]);
    expect([reset.code, reset.stderr]).toEqual([
      0,
      "reset the circuit breaker of acme: its changes are notified again\n",
    ]);
    const after = await openStore(db);
    expect(await after.getVendor("acme")).toMatchObject({ notificationsHeld: null });
    await after.close();

    const unknown = await runCliInProcess(["vendors", "reset-breaker", "nope", "--db", db]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no vendor with slug "nope"');
  });
});
