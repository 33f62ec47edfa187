// Crash safety, the short version (issue 13), on PostgreSQL: as crash-sqlite.test.ts, on a schema of
// the test database.
import { afterEach, describe, it } from "vitest";
import { crashRun } from "../crash/crash-run.ts";
import { expectNothingLost } from "../crash/expect-nothing-lost.ts";
import { pgRun } from "../helpers/postgres.ts";
import { killAllCli } from "../helpers/run-cli.ts";

afterEach(killAllCli);

describe.runIf(pgRun)("serve killed at random moments while polling and sending, on PostgreSQL", () => {
  it("every event reaches the subscription once per webhook-id, and the record is whole", async () => {
    expectNothingLost(await crashRun({ db: "postgres", vendors: 3, kills: 3, seed: 31, maxRunMs: 1_000 }));
  }, 90_000);
});
