// `pingoru sla set|list` as real processes on a real SQLite file (remove and the refusals are the
// same code's; two processes keep the suite quick).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { runCliInProcess } from "../helpers/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-sla-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pingoru sla", () => {
  it("sets a component's target with credits and a claim window, and lists it beside the vendor's", async () => {
    const db = join(dir, "p.db");
    const store = await openStore(db);
    await store.addVendor(
      { slug: "acme", name: "Acme", url: "https://a.example", platform: "feed" },
      new Date().toISOString(),
    );
    await store.setSla({
      vendor: "acme",
      component: null,
      targetPercent: 99.5,
      credits: [],
      claimDays: null,
    });
    await store.close();

    const set = await runCliInProcess([
      "sla",
      "set",
      "acme",
      "--component",
      "API",
      "--target",
      "99.9",
      "--credits",
      "95.0:25,99.0:10",
      "--claim-days",
      "30",
      "--db",
      db,
    ]);
    expect([set.code, set.stderr]).toEqual([0, "SLA set for acme / API\n"]);
    const list = await runCliInProcess(["sla", "list", "--db", db]);
    expect([list.code, list.stdout]).toEqual([
      0,
      "acme\t(whole vendor)\t99.5%\t-\t-\nacme\tAPI\t99.9%\t99:10,95:25\t30d\n",
    ]);
  });
});
