// Two workers on one database, each with its own in-memory page cache: a worker whose last poll was
// followed by another worker's must not take the page for "unchanged" because the bytes equal what it
// saw itself. Real loopback page, real SQLite file shared by two stores, real adapters.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { openHarness, type Harness } from "./harness.ts";

const SUMMARY = sharedFixture("statuspage/github-summary.json");
const raw = JSON.parse(SUMMARY) as { components: { id: string; status: string; group: boolean }[] };
const first = raw.components.find((c) => !c.group)!;
const OUTAGE = JSON.stringify({
  ...raw,
  components: raw.components.map((c) => (c.id === first.id ? { ...c, status: "major_outage" } : c)),
});

let vendor: FakeVendor | null = null;
const workers: Harness[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.close();
  await vendor?.close();
});

describe("two workers sharing one database", () => {
  it("a worker re-reads bytes it saw before when another worker has written since", async () => {
    vendor = await startFakeVendor({ "/api/v2/summary.json": SUMMARY });
    const path = join(mkdtempSync(join(tmpdir(), "pingoru-workers-")), "p.db");
    const a = await openHarness({ open: () => openStore(path) });
    const b = await openHarness({ open: () => openStore(path) });
    workers.push(a, b);
    const statusOf = async () => (await a.store.listComponents("gh")).find((c) => c.id === first.id)?.status;

    await a.add({ url: vendor.url, slug: "gh", platform: "statuspage" });
    expect(await statusOf()).toBe(first.status);

    vendor.serve("/api/v2/summary.json", OUTAGE);
    b.clock.advance(60);
    expect(await b.poll("gh")).toMatchObject({ ok: true, unchanged: false });
    expect(await statusOf()).toBe("major_outage");

    vendor.serve("/api/v2/summary.json", SUMMARY);
    a.clock.advance(120);
    expect(await a.poll("gh")).toMatchObject({ ok: true, unchanged: false });
    expect(await statusOf()).toBe(first.status);

    // With no other writer in between, the same bytes again are "unchanged" for the worker that wrote last.
    a.clock.advance(60);
    expect(await a.poll("gh")).toMatchObject({ ok: true, unchanged: true });
  });
});
