// A status page with no API, read through CSS selectors given on the command line, in a file and in the
// config file: real `pingoru` processes, a real SQLite file, the handmade page on a loopback server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HtmlOptions } from "../../src/platforms/html-options.ts";
import { openStore } from "../../src/store/open-store.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import { openHarness } from "./harness.ts";
import { killAllCli, runCliInProcess } from "../helpers/run-cli.ts";

const PAGE = localFixture("html/status-page.handmade.html");
const SELECTORS = JSON.parse(localFixture("html/status-page.selectors.json")) as HtmlOptions;
const ALLOW = { PINGORU_ALLOW_PRIVATE_TARGETS: "1" };

let dir: string;
let vendor: FakeVendor;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "pingoru-html-"));
  vendor = await startFakeVendor({ "/status": PAGE });
});
afterEach(async () => {
  await killAllCli();
  await vendor.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("pingoru with --html selectors", () => {
  it("check --html prints the page's components with the words mapped", async () => {
    const result = await runCliInProcess(
      ["check", `${vendor.url}/status`, "--html", JSON.stringify(SELECTORS), "--json"],
      {
        env: ALLOW,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      platform: string;
      components: { name: string; status: string }[];
    };
    expect(report.platform).toBe("html");
    expect(report.components.slice(0, 5).map((c) => [c.name, c.status])).toEqual([
      ["API", "operational"],
      ["Dashboard", "degraded_performance"],
      ["Webhook delivery", "partial_outage"],
      ["Managed Database", "major_outage"],
      ["Object Storage", "under_maintenance"],
    ]);
  });

  it("vendors add --html FILE stores the selectors with the vendor and polls with them", async () => {
    const db = join(dir, "p.db");
    const file = join(dir, "selectors.yaml");
    writeFileSync(file, JSON.stringify(SELECTORS));
    const added = await runCliInProcess(
      ["vendors", "add", `${vendor.url}/status`, "--slug", "acme", "--html", file, "--db", db],
      {
        env: ALLOW,
      },
    );
    expect(added.code, added.stderr).toBe(0);
    const store = await openStore(db);
    try {
      expect(await store.getVendor("acme")).toMatchObject({ platform: "html", platformOptions: SELECTORS });
      expect((await store.listComponents("acme")).find((c) => c.name === "Managed Database")?.status).toBe(
        "major_outage",
      );
    } finally {
      await store.close();
    }
  });

  it.each([
    [["--html", '{"component": "li", "statuses": {}}'], /--html: statuses/],
    [
      ["--html", '{"component": "li", "statuses": {"ok": "operational"}, "colour": "red"}'],
      /--html: unknown key colour/,
    ],
    [["--html", join(tmpdir(), "no-such-selectors.yaml")], /--html: neither JSON nor a readable/],
    [
      ["--html", '{"component": "li", "statuses": {"ok": "operational"}}', "--platform", "statuspage"],
      /not statuspage/,
    ],
    [["--platform", "html"], /html/],
  ])("check %j fails in one line", async (args, reason) => {
    const result = await runCliInProcess(["check", `${vendor.url}/status`, ...args], { env: ALLOW });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^[^\n]+\n$/);
    expect(result.stderr).toMatch(reason);
  });
});

describe("the poller and an html vendor whose selectors change", () => {
  it("re-reads the same bytes with the new words instead of calling the page unchanged", async () => {
    const h = await openHarness();
    try {
      const { vendor: added } = await h.add({
        url: `${vendor.url}/status`,
        slug: "acme",
        platform: "html",
        platformOptions: { ...SELECTORS, statuses: { operational: "operational" } },
      });
      const status = async (name: string) =>
        (await h.store.listComponents("acme")).find((c) => c.name === name)?.status;
      expect(await status("Managed Database")).toBe("unknown");
      await h.store.upsertVendor(
        { ...added, name: added.name, platformOptions: SELECTORS },
        h.clock.now.toISOString(),
      );
      h.clock.advance(60);
      const outcome = await h.poll("acme");
      expect(outcome).toMatchObject({ ok: true, unchanged: false });
      expect(await status("Managed Database")).toBe("major_outage");
    } finally {
      await h.close();
    }
  });
});
