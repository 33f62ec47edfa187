// PostgreSQL going away under a real `serve` process (test/helpers/serve-worker.ts, its outage settling
// in 0.5 s instead of 60), through a loopback proxy that cuts its connections and refuses new ones, as a
// restart does (the shared server itself is never touched): serve keeps running, logs the outage once
// when it starts and once when it ends, not an error per poll or tick, and polls again by itself when
// the database is back.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { dropSchema, freshSchema, pgQuery, pgRun, pgUrl } from "../helpers/postgres.ts";
import { openPostgresStore } from "../../src/store/postgres.ts";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";

const WORKER = fileURLToPath(new URL("../helpers/serve-worker.ts", import.meta.url));
const schema = freshSchema();
let proxy: TcpProxy;
let page: FakeVendor;

describe.runIf(pgRun)("serve while PostgreSQL restarts", () => {
  beforeAll(async () => {
    page = await startFakeVendor({
      "/api/v2/summary.json": sharedFixture("incidentio/openai-api-v2-summary-healthy.json"),
    });
    const target = new URL(pgUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const store = await openPostgresStore(pgUrl, { schema });
    await store.addVendor(
      { slug: "openai", name: "", url: page.url, platform: "incidentio", intervalSeconds: 1 },
      new Date().toISOString(),
    );
    await store.close();
  });
  afterAll(async () => {
    await killAllCli();
    await proxy?.close();
    await page?.close();
    await dropSchema(schema)();
  });

  it("logs the outage once and its end once, and polls again when the database is back", async () => {
    const proxied = new URL(pgUrl);
    proxied.port = String(proxy.port);
    proxied.searchParams.set("options", `-c search_path=${schema}`);
    const serve = startCli([], {
      command: [process.execPath, WORKER],
      env: {
        PINGORU_DATABASE_URL: proxied.href,
        PINGORU_PORT: "0",
        PINGORU_ALLOW_PRIVATE_TARGETS: "1",
        PINGORU_LOG_LEVEL: "info",
        TEST_OUTAGE_SETTLE_MS: "500", // serve's 60 s, shortened
        TEST_POLL_LEASE_SECONDS: "5", // serve's 30 s (and the test worker's default 60 s), shortened
      },
    });
    const lastPolled = async () => {
      const { rows } = await pgQuery(`select last_polled_at from "${schema}".vendors where slug = 'openai'`);
      return (rows[0] as { last_polled_at: string | null } | undefined)?.last_polled_at ?? null;
    };
    const before = await waitFor("a first poll", lastPolled, { timeoutMs: 20_000 });

    proxy.refuse(true);
    proxy.cut();
    await waitFor("the outage logged", () => serve.stderr().includes("database unavailable"));
    // Down for a while: many ticks' claims, polls and dispatcher looks fail meanwhile.
    const refusedAtStart = proxy.refused;
    await waitFor("more failed attempts", () => proxy.refused >= refusedAtStart + 4);
    // /healthz says so meanwhile (it needs no database), and stops saying it once it is back.
    const url = serve.stdout().match(/http:\S+/)![0];
    const health = async () => (await fetch(`${url}/healthz`)).json() as Promise<Record<string, unknown>>;
    expect(await health()).toMatchObject({
      status: "ok",
      warnings: ["database unavailable"],
      database: { available: false },
    });
    proxy.refuse(false);
    await waitFor("the recovery logged", () => serve.stderr().includes("database available again"));
    expect((await health()).warnings ?? []).not.toContain("database unavailable");
    // Soon, unless a poll claimed just before the cut could not record: its vendor then waits out its
    // lease (5 s here, after the claim's 2 s look-ahead) as any unfinished claim does.
    await waitFor("a poll after the outage", async () => ((await lastPolled()) ?? "") > before, {
      timeoutMs: 45_000,
    });

    const lines = serve
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string; failures?: number });
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors.map((line) => line.msg)).toEqual([expect.stringMatching(/^database unavailable/)]);
    const ended = lines.filter((line) => line.msg.startsWith("database available again"));
    expect(ended).toHaveLength(1);
    expect(ended[0]!.failures).toBeGreaterThan(0);
    expect(serve.child.exitCode).toBeNull();
  }, 120_000);
});
