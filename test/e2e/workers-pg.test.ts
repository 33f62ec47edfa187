// Two `serve` workers on one PostgreSQL database split the fleet: no vendor is polled twice in an
// interval, and when one worker is SIGKILLed the other takes its vendors over once their leases end.
// Each keeps the vendors it polls, handing each off now and then, so both take part whichever starts
// first.
// Real processes (short 3 s leases), a real loopback status page that logs every summary request.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAKEOVER_GRACE_MS } from "../../src/poller/scheduler.ts";
import { openPostgresStore } from "../../src/store/postgres.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startTestServer, type TestServer } from "../helpers/http-test-server.ts";
import { dropSchema, freshSchema, pgQuery, pgRun, pgUrl } from "../helpers/postgres.ts";
import { killAllCli, startCli, waitFor, type CliProcess } from "../helpers/run-cli.ts";

const WORKER = fileURLToPath(new URL("../helpers/serve-worker.ts", import.meta.url));
const VENDORS = 40;
const INTERVAL_S = 2;
const LEASE_S = 3;
const SUMMARY = sharedFixture("statuspage/github-summary.json");

const schema = freshSchema();
const dbUrl = `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
let page: TestServer;
/** Per vendor: the times (ms) its summary was requested. */
const polls = new Map<number, number[]>();

function startWorker(): CliProcess & { url: Promise<string> } {
  const env = {
    PINGORU_DATABASE_URL: dbUrl,
    PINGORU_PORT: "0",
    PINGORU_ALLOW_PRIVATE_TARGETS: "1",
    TEST_POLL_LEASE_SECONDS: String(LEASE_S),
  };
  const worker = startCli([], { command: [process.execPath, WORKER], env });
  const url = waitFor("the worker's URL", () => worker.stdout().match(/http:\S+/)?.[0], {
    timeoutMs: 20_000,
  });
  return { ...worker, url };
}

async function polledBy(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^pingoru_polls_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

/** The longest time any vendor went without a poll in [from, to]. */
function longestGap(from: number, to: number): number {
  let longest = 0;
  for (const times of polls.values()) {
    const inside = [from, ...times.filter((t) => t > from && t < to), to];
    for (let k = 1; k < inside.length; k++) longest = Math.max(longest, inside[k]! - inside[k - 1]!);
  }
  return longest;
}

describe.runIf(pgRun)("two workers on PostgreSQL", () => {
  beforeAll(async () => {
    page = await startTestServer((req, res) => {
      const vendor = Number(/\/v\/(\d+)\//.exec(req.url ?? "")?.[1]);
      if (!req.url?.endsWith("/summary.json")) return void res.writeHead(404).end();
      polls.set(vendor, [...(polls.get(vendor) ?? []), Date.now()]);
      res.writeHead(200, { "content-type": "application/json", etag: '"same"' }).end(SUMMARY);
    });
    await pgQuery(`create schema "${schema}"`);
    const store = await openPostgresStore(pgUrl, { schema });
    const now = new Date().toISOString();
    for (let i = 0; i < VENDORS; i++) {
      const vendor = { slug: `v${i}`, url: `${page.url}/v/${i}`, platform: "statuspage" };
      await store.addVendor({ ...vendor, intervalSeconds: INTERVAL_S }, now);
    }
    await store.close();
  });
  afterAll(async () => {
    await killAllCli();
    await page?.close();
    await dropSchema(schema)();
  });

  it("share the fleet, never poll a vendor twice in an interval, and take over a killed worker's vendors", async () => {
    const [a, b] = [startWorker(), startWorker()];
    const [urlA, urlB] = await Promise.all([a.url, b.url]);
    // Both take part and every vendor is polled: waited for, not slept on (a worker that starts late
    // on a busy machine finds the first vendors claimed by the other, and takes its share after).
    const [byA, byB] = await waitFor(
      "every vendor polled, by both workers",
      async () => {
        const counts = await Promise.all([polledBy(urlA), polledBy(urlB)]);
        return polls.size === VENDORS && counts.every((n) => n > 0) ? counts : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(polls.size).toBe(VENDORS);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    // Never twice in one interval: polls of a vendor are at least half an interval apart (poll-vendor.ts).
    for (const times of polls.values())
      for (let k = 1; k < times.length; k++)
        expect(times[k]! - times[k - 1]!).toBeGreaterThan(INTERVAL_S * 500);

    a.child.kill("SIGKILL");
    const killedAt = Date.now();
    expect((await a.exited).signal).toBe("SIGKILL");
    // Every vendor is polled again (waited for, however long it takes; a second later than the kill, so
    // that no request the killed worker sent before it died counts): none waited longer than its
    // interval, the lease (counted from the claim's 2 s look-ahead), the grace before a worker takes
    // another's vendors, and a claim tick.
    await waitFor(
      "every vendor polled again after the kill",
      () => [...polls.values()].every((times) => times.some((t) => t > killedAt + 1000)),
      { timeoutMs: 30_000, everyMs: 50 },
    );
    expect(longestGap(killedAt, Date.now())).toBeLessThan(
      (INTERVAL_S + LEASE_S + 2 + 1.5) * 1000 + TAKEOVER_GRACE_MS,
    );
    expect(await polledBy(urlB)).toBeGreaterThan(byB);
    for (const times of polls.values())
      for (let k = 1; k < times.length; k++)
        expect(times[k]! - times[k - 1]!).toBeGreaterThan(INTERVAL_S * 500);
  }, 60_000);
});
