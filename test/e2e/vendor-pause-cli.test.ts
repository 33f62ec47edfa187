// `pingoru vendors pause|resume` as a real process on a real SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { runCliInProcess } from "../helpers/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-pause-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pingoru vendors pause|resume", () => {
  it("pauses and resumes a vendor, shows it in the list, and refuses an unknown slug", async () => {
    const db = join(dir, "p.db");
    const store = await openStore(db);
    await store.addVendor(
      { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
      new Date().toISOString(),
    );
    await store.close();

    const paused = await runCliInProcess(["vendors", "pause", "acme", "--db", db]);
    expect([paused.code, paused.stderr]).toEqual([0, "paused acme\n"]);
    expect((await runCliInProcess(["vendors", "list", "--db", db])).stdout).toMatch(/^acme\tfeed\tpaused\t/);
    const resumed = await runCliInProcess(["vendors", "resume", "acme", "--db", db]);
    expect([resumed.code, resumed.stderr]).toEqual([0, "resumed acme\n"]);
    expect((await runCliInProcess(["vendors", "list", "--db", db])).stdout).toMatch(/^acme\tfeed\tok\t/);

    const unknown = await runCliInProcess(["vendors", "pause", "nope", "--db", db]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no vendor with slug "nope"');
  });
});
