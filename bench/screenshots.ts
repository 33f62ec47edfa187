// Regenerates docs/screenshots/{dashboard,vendor,incident}-{light,dark}.png and dashboard-phone.png:
// `serve` on a temporary SQLite file, its one vendor GitHub read through the real Statuspage adapter
// from the recorded payloads in test/fixtures (plus one open incident), photographed by Chromium.
// Pingoru's clock is held just after the recording (2026-07-31), so the bars, the recent incidents and
// the elapsed times show what they showed then, whatever day the script runs.
// Run: npm run screenshots   (needs /usr/bin/chromium or PINGORU_CHROMIUM)
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import type { Browser } from "playwright-core";
import { loadSettings } from "../src/config/load.ts";
import { openRuntime } from "../src/main.ts";
import { serve } from "../src/serve.ts";
import { addVendor } from "../src/poller/add-vendor.ts";
import { incidentsWithOpenOne, launchBrowser, summaryWithOutage } from "../test/browser/stack.ts";
import { startFakeVendor } from "../test/helpers/fake-vendor.ts";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const CLOCK = new Date("2026-07-31T04:00:00.000Z");
const TITLE = "Git operations are failing for some users";

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const vendor = await startFakeVendor({
    "/api/v2/summary.json": summaryWithOutage(),
    "/api/v2/incidents.json": incidentsWithOpenOne(TITLE, new Date(CLOCK.getTime() - 47 * 60_000)),
  });
  const dir = mkdtempSync(join(tmpdir(), "pingoru-screenshots-"));
  const settings = loadSettings(
    { db: join(dir, "pingoru.db"), port: 0 },
    { PINGORU_ALLOW_PRIVATE_TARGETS: "1", PINGORU_HOST: "127.0.0.1" },
  );
  const runtime = await openRuntime(settings, pino({ level: "silent" }));
  // The held clock also keeps the poller still: the vendor's next poll never falls due.
  const deps = await runtime.pollDeps();
  deps.now = () => CLOCK;
  const browser = await launchBrowser();
  try {
    await addVendor({ url: vendor.url, slug: "github", name: "GitHub" }, deps);
    const server = await serve(runtime);
    try {
      const open = await runtime.store.listIncidents("github", { limit: 1, status: "open" });
      await photograph(browser, server.url, {
        dashboard: "/",
        vendor: "/vendors/github",
        incident: `/incidents/${encodeURIComponent(open.items[0]!.id)}`,
      });
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
    await runtime.close();
    await vendor.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function photograph(browser: Browser, base: string, pages: Record<string, string>): Promise<void> {
  const shots = [
    ...(["light", "dark"] as const).flatMap((scheme) =>
      Object.entries(pages).map(([name, path]) => ({
        file: `${name}-${scheme}.png`,
        path,
        // The dashboard's vendor table (with its bars) sits below its incidents: a taller window.
        options: {
          colorScheme: scheme,
          viewport: { width: 1200, height: name === "dashboard" ? 1200 : 900 },
        },
      })),
    ),
    // A phone, scrolled to the vendors: bars of the last 30 days in wider cells.
    { file: "dashboard-phone.png", path: "/#vendors", options: { viewport: { width: 390, height: 700 } } },
  ];
  for (const { file, path, options } of shots) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(base + path, { waitUntil: "load" });
    await page.screenshot({ path: OUT + file });
    console.log(file);
    await context.close();
  }
}

await main();
