// Config vendors synced in the background: pending while detected, listed with the reason when
// detection fails or runs out of time, gone from the list once stored. A real runtime on SQLite and
// loopback pages (one that never answers).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfigVendors } from "./config-vendors.ts";
import { loadSettings } from "./config/load.ts";
import { openRuntime, type Runtime } from "./main.ts";
import { startTestServer, type TestServer } from "../test/helpers/http-test-server.ts";
import { startFakeVendor, type FakeVendor } from "../test/helpers/fake-vendor.ts";
import { sharedFixture } from "../test/helpers/fixture-http.ts";
import { waitFor } from "../test/helpers/run-cli.ts";

let runtime: Runtime;
let silent: TestServer;
let vendor: FakeVendor;

beforeAll(async () => {
  const db = join(mkdtempSync(join(tmpdir(), "pingoru-config-vendors-")), "p.db");
  runtime = await openRuntime(
    loadSettings({ db }, { PINGORU_ALLOW_PRIVATE_TARGETS: "1" }),
    pino({ level: "silent" }),
  );
  silent = await startTestServer(() => undefined); // holds every request, never answers
  vendor = await startFakeVendor({
    "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
    "/api/v2/incidents.json": sharedFixture("statuspage/github-incidents.json"),
  });
});
afterAll(async () => {
  await silent.close();
  await vendor.close();
  await runtime.close();
});

describe("config vendors in the background", () => {
  it("lists a vendor whose detection runs out of time, with the reason, and stores the others", async () => {
    const vendors = createConfigVendors(runtime, { timeoutMs: 2000 });
    const synced = vendors.sync([
      { url: silent.url, slug: "hangs" },
      { url: vendor.url, slug: "fine" },
    ]);
    // While its page holds the request, the vendor is listed as detecting (no error yet).
    await waitFor("the sync to list its vendors", () => silent.requests.length > 0);
    expect(vendors.pending().find((p) => p.slug === "hangs")).toMatchObject({ error: null });
    await synced;
    expect(vendors.pending()).toEqual([
      expect.objectContaining({
        slug: "hangs",
        page: silent.url,
        error: expect.stringMatching(/took over 2 s/),
      }),
    ]);
    expect((await runtime.store.getVendor("fine"))?.platform).toBe("statuspage");
    expect(await runtime.store.getVendor("hangs")).toBeNull();
  });

  it("sets the entry's partial-outage weight and SLA targets, a later sync replacing them", async () => {
    const vendors = createConfigVendors(runtime);
    await vendors.sync([
      {
        url: vendor.url,
        slug: "fine",
        partial_outage_weight: 0.3,
        sla: [
          { target: 99.9, component: "API Requests", credits: "99.0:10,95.0:25", claim_days: 30 },
          { target: 99.5 },
        ],
      },
    ]);
    expect(await runtime.store.partialOutageWeight("fine")).toBe(0.3);
    expect(await runtime.store.listSlas()).toEqual([
      { vendor: "fine", component: null, targetPercent: 99.5, credits: [], claimDays: null },
      {
        vendor: "fine",
        component: "API Requests",
        targetPercent: 99.9,
        credits: [
          { below: 99, creditPercent: 10 },
          { below: 95, creditPercent: 25 },
        ],
        claimDays: 30,
      },
    ]);
    await vendors.sync([{ url: vendor.url, slug: "fine", sla: [{ target: 99 }] }]);
    expect(await runtime.store.partialOutageWeight("fine")).toBeNull();
    expect(await runtime.store.listSlas()).toEqual([
      { vendor: "fine", component: null, targetPercent: 99, credits: [], claimDays: null },
    ]);
  });
});
