// Crash safety, the short version (issue 13), on SQLite: a real `serve` SIGKILLed at random moments
// while a scripted fleet changes and a webhook receiver counts. The 50-kill version is
// `npx node bench/crash.ts`; both run test/crash/crash-run.ts. (PostgreSQL: crash-pg.test.ts.)
import { afterEach, describe, expect, it } from "vitest";
import { crashRun } from "../crash/crash-run.ts";
import { expectNothingLost } from "../crash/expect-nothing-lost.ts";
import { killAllCli } from "../helpers/run-cli.ts";

afterEach(killAllCli);

describe("serve killed at random moments while polling and sending, on SQLite", () => {
  it("every event reaches the subscription once per webhook-id, the record is whole, the file intact", async () => {
    const result = await crashRun({ db: "sqlite", vendors: 3, kills: 3, seed: 13, maxRunMs: 1_000 });
    expectNothingLost(result);
    expect(result.integrity).toBe("ok");
  }, 90_000);
});
