// Test-only: `pingoru serve` as a child process with a short poll lease (TEST_POLL_LEASE_SECONDS), so a
// test can SIGKILL it and watch another worker take its vendors over within seconds, and a short
// database outage settling time (TEST_OUTAGE_SETTLE_MS). Settings come from the environment as for
// `pingoru serve` (PINGORU_DATABASE_URL, PINGORU_PORT=0, PINGORU_LOG_LEVEL (default warn) …). Prints its URL.
import { settingsFrom } from "../../src/cli/options.ts";
import { createLogger, openRuntime } from "../../src/main.ts";
import { serve } from "../../src/serve.ts";

const runtime = await openRuntime(
  await settingsFrom({}),
  createLogger(process.env.PINGORU_LOG_LEVEL ?? "warn"),
);
const server = await serve(runtime, {
  pollLeaseSeconds: Number(process.env.TEST_POLL_LEASE_SECONDS ?? 60),
  ...(process.env.TEST_OUTAGE_SETTLE_MS ? { outageSettleMs: Number(process.env.TEST_OUTAGE_SETTLE_MS) } : {}),
});
console.log(server.url);
process.once(
  "SIGTERM",
  () =>
    void server
      .stop()
      .then(() => runtime.close())
      .then(() => process.exit(0)),
);
