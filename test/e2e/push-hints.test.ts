// Push hints through the real parts: `pingoru serve` polling every 300 s, a Statuspage-shaped page on
// loopback, the hint URL from `pingoru vendors hint-url`, and the page's webhook posted to it. The hint
// makes serve poll now, so the new incident is recorded long before the next scheduled poll; a forged
// or over-rate hint moves nothing (the vendor's next poll time in the database stays where it was).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { killAllCli, runCli, startCli, waitFor } from "../helpers/run-cli.ts";
import { GITHUB_INCIDENTS, GITHUB_SUMMARY, newIncident, servePage } from "./notify-fixtures.ts";

let vendor: FakeVendor;
let dir: string;
const ENV = { PINGORU_ALLOW_PRIVATE_TARGETS: "1", PINGORU_POLL_INTERVAL: "300" };

beforeAll(async () => {
  vendor = await startFakeVendor({
    "/api/v2/summary.json": GITHUB_SUMMARY,
    "/api/v2/incidents.json": GITHUB_INCIDENTS,
  });
  dir = mkdtempSync(join(tmpdir(), "pingoru-hints-"));
  writeFileSync(
    join(dir, "pingoru.yaml"),
    ["vendors:", `  - url: ${vendor.url}`, "    slug: gh", "    platform: statuspage", ""].join("\n"),
  );
});
afterAll(async () => {
  await killAllCli();
  await vendor.close();
});

/** The vendor's next poll time, read from the database as serve left it. */
function nextPollAt(db: string): string {
  const sqlite = new DatabaseSync(db, { readOnly: true });
  try {
    return (
      sqlite.prepare("select next_poll_at from vendors where slug = 'gh'").get() as { next_poll_at: string }
    ).next_poll_at;
  } finally {
    sqlite.close();
  }
}

describe("push hints", () => {
  it("a hint makes serve poll now; forged, oversized and over-rate hints change nothing", async () => {
    const db = join(dir, "p.db");
    const serve = startCli(["serve", "--port", "0", "--db", db, "--config", join(dir, "pingoru.yaml")], {
      env: ENV,
    });
    const url = await waitFor("serve to listen", () => {
      if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
      const line = serve
        .stderr()
        .split("\n")
        .find((l) => l.includes('"msg":"pingoru serving"'));
      return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
    });
    const api = async <T>(path: string) => (await (await fetch(url + path)).json()) as T;
    await waitFor("the baseline poll", async () => {
      const vendors = await api<{ slug: string; last_polled_at: string | null }[]>("/api/v1/vendors");
      return vendors.find((v) => v.slug === "gh")?.last_polled_at;
    });

    const printed = await runCli(["vendors", "hint-url", "gh", "--db", db], { env: ENV });
    expect(printed.code, printed.stderr).toBe(0);
    const path = new URL(printed.stdout.trim()).pathname;
    expect(path).toMatch(/^\/hooks\/vendors\/gh\/[A-Za-z0-9_-]{32}$/);
    expect(printed.stderr).toContain("PINGORU_PUBLIC_URL");
    const hint = (to: string, body = '{"meta":{"unsubscribe":"x"},"page":{"id":"p"}}', headers = {}) =>
      fetch(url + to, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    // Forged: a wrong token, another vendor, an oversized body. Nothing moves.
    // The baseline leaves the vendor due at once; serve's own first poll then puts it an interval on.
    const scheduled = await waitFor("serve's first poll of the vendor", () => {
      const next = nextPollAt(db);
      return Date.parse(next) - Date.now() > 200_000 ? next : undefined;
    });
    expect((await hint(path.replace(/[^/]+$/, "x".repeat(32)))).status).toBe(404);
    expect((await hint(path.replace("/gh/", "/nobody/"))).status).toBe(404);
    expect((await hint(path, "x".repeat(70_000))).status).toBe(413);
    expect(nextPollAt(db)).toBe(scheduled);
    const vendorsBefore = await api<{ last_hint_at: string | null }[]>("/api/v1/vendors");
    expect(vendorsBefore[0]!.last_hint_at).toBeNull();

    // The page changes, and says so to the hint URL: recorded now, not in five minutes.
    const at = new Date(Date.now() - 30_000).toISOString();
    servePage(vendor, [newIncident("hint1", at, "Hinted incident")]);
    const accepted = await hint(path);
    expect(accepted.status).toBe(202);
    // Over-rate: the next hint, right after, is refused (one per vendor per 10 s).
    const again = await hint(path);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    const recorded = await waitFor("the hinted incident in the API", async () => {
      const { incidents } = await api<{ incidents: { title: string; seen_live: boolean }[] }>(
        "/api/v1/vendors/gh/incidents?limit=5",
      );
      return incidents.find((i) => i.title === "Hinted incident");
    });
    expect(recorded.seen_live).toBe(true);
    const vendors = await api<{ last_hint_at: string | null }[]>("/api/v1/vendors");
    expect(vendors[0]!.last_hint_at).not.toBeNull();
    // The refused hint left nothing to do: once the hinted poll is written, the vendor is next due in
    // 75 s (a quarter of the interval while the incident is open), not at once.
    await waitFor("the hinted poll written", () => Date.parse(nextPollAt(db)) - Date.now() > 60_000);

    serve.child.kill("SIGTERM");
    expect((await serve.exited).code).toBe(0);
  }, 60_000);
});
