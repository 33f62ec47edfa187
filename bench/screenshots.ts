// Regenerates docs/screenshots/{dashboard,vendor,incident}-{light,dark}.png: a real `serve` over
// GitHub's recorded Statuspage payloads (one incident opened live), photographed by Chromium.
// Run: npx node bench/screenshots.ts   (needs /usr/bin/chromium or PINGORU_CHROMIUM)
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Store } from "../src/store/store.ts";
import { incidentsWithOpenOne, launchBrowser, startStack, summaryWithOutage } from "../test/browser/stack.ts";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const TITLE = "Git operations are failing for some users";

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  try {
    stack.vendor.serve("/api/v2/summary.json", summaryWithOutage());
    stack.vendor.serve("/api/v2/incidents.json", incidentsWithOpenOne(TITLE));
    const incident = await waitForOpenIncident(stack.runtime.store);
    const pages = {
      dashboard: "/",
      vendor: "/vendors/github",
      incident: `/incidents/${encodeURIComponent(incident)}`,
    };
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      for (const [name, path] of Object.entries(pages)) {
        await page
          .goto(stack.url + path, { waitUntil: "networkidle" })
          .catch(() => page.waitForLoadState("load"));
        await page.screenshot({ path: `${OUT}${name}-${colorScheme}.png` });
        console.log(`${name}-${colorScheme}.png`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await stack.close();
  }
}

async function waitForOpenIncident(store: Store): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const page = await store.listIncidents("github", { limit: 1 });
    const first = page.items[0];
    if (first?.title === TITLE) return first.id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the opened incident was never recorded");
}

await main();
