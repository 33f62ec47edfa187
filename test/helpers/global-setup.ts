// vitest's global setup, in the main process: after the run, drop the PostgreSQL schemas its workers
// shared (test/helpers/postgres.ts).
import { dropWorkerSchemas, pgReachable } from "./postgres.ts";

export async function teardown(): Promise<void> {
  const run = process.env.PINGORU_TEST_RUN;
  if (run !== undefined && pgReachable) await dropWorkerSchemas(run);
}
