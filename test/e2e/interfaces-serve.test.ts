// `pingoru serve` as a real process: the poll callback counts polls, errors and durations into the
// registry /metrics shows, and the feeds and Statuspage-compatible API serve what the poller stored.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAtomFeed } from "feedsmith";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeVendor } from "../helpers/fake-vendor.ts";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";

afterEach(killAllCli);

const summary = JSON.stringify({
  page: { id: "p1", name: "Acme", url: "https://status.acme.example" },
  components: [{ id: "c1", name: "API", status: "partial_outage", position: 1 }],
  incidents: [
    {
      id: "inc1",
      name: "API errors",
      status: "investigating",
      impact: "major",
      created_at: "2026-08-01T10:00:00Z",
      incident_updates: [
        {
          id: "up1",
          status: "investigating",
          body: "We are looking into <b>errors</b>.",
          created_at: "2026-08-01T10:00:00Z",
          affected_components: [{ code: "c1", name: "API", new_status: "partial_outage" }],
        },
      ],
    },
  ],
  scheduled_maintenances: [],
});

describe("serve: metrics, feeds and the compat API over a polled vendor", () => {
  it("counts polls by outcome and errors by kind, and serves what was stored", async () => {
    const vendor = await startFakeVendor({ "/api/v2/summary.json": summary });
    try {
      const dir = mkdtempSync(join(tmpdir(), "pingoru-interfaces-"));
      const config = join(dir, "pingoru.yaml");
      writeFileSync(
        config,
        `vendors:\n  - url: ${vendor.url}\n    slug: acme\n    platform: statuspage\n    interval: 1\n`,
      );
      const serve = startCli(["serve", "--port", "0", "--db", join(dir, "p.db"), "--config", config], {
        env: { PINGORU_ALLOW_PRIVATE_TARGETS: "1", PINGORU_PUBLIC_URL: "https://pingoru.example" },
      });
      const url = await waitFor("serve to listen", () => {
        if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
        const line = serve
          .stderr()
          .split("\n")
          .find((l) => l.includes('"msg":"pingoru serving"'));
        return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
      });
      const metrics = async () => (await fetch(`${url}/metrics`)).text();
      const polled = /pingoru_polls_total\{vendor="acme",outcome="(ok|unchanged)"\} [1-9]/;
      await waitFor("a successful poll counted", async () =>
        polled.test(await metrics()) ? true : undefined,
      );

      vendor.serve("/api/v2/summary.json", { status: 503, body: "down" });
      const failed = /pingoru_poll_errors_total\{vendor="acme",kind="http"\} [1-9]/;
      const text = await waitFor("a failed poll counted", async () => {
        const body = await metrics();
        return failed.test(body) ? body : undefined;
      });
      expect(text).toMatch(/pingoru_polls_total\{vendor="acme",outcome="failed"\} [1-9]/);
      expect(text).toMatch(/pingoru_poll_duration_seconds_count [1-9]/); // the fleet's, not a vendor's
      expect(text).toContain('pingoru_vendor_status{vendor="acme",status="partial_outage"} 1');
      expect(text).toContain('pingoru_open_incidents{vendor="acme"} 1');

      const feed = parseAtomFeed(await (await fetch(`${url}/vendors/acme/feed.atom`)).text());
      expect(feed.entries?.map((e) => e.title?.value)).toEqual(["Acme: API errors — Investigating"]);
      expect(feed.entries?.[0]?.links?.[0]?.href).toMatch(/^https:\/\/pingoru\.example\/incidents\//);
      const compat = (await (await fetch(`${url}/vendors/acme/api/v2/summary.json`)).json()) as {
        status: { indicator: string };
        incidents: { name: string }[];
      };
      expect(compat.status.indicator).toBe("major");
      expect(compat.incidents.map((i) => i.name)).toEqual(["API errors"]);
    } finally {
      await vendor.close();
    }
  });
});
