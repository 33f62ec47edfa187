// The dashboard updates in place (Server-Sent Events + /live.js) when the vendor opens an incident.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { incidentsWithOpenOne, launchBrowser, startStack, summaryWithOutage, type Stack } from "./stack.ts";

// A real browser on a busy CI machine: generous limits (each test still takes seconds).
vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("dashboard, live", () => {
  it("shows a new open incident on the vendor's row and in the open incidents without a reload", async () => {
    const page = await browser.newPage();
    try {
      // Before the page's scripts: notes when its stream (its first EventSource) is connected.
      await page.addInitScript(() => {
        const g = globalThis as unknown as { EventSource: typeof EventSource; streamReady?: boolean };
        const Native = g.EventSource;
        g.EventSource = class extends Native {
          constructor(...args: ConstructorParameters<typeof EventSource>) {
            super(...args);
            this.addEventListener("ready", () => (g.streamReady = true));
          }
        };
      });
      await page.goto(stack.url);
      const row = page.locator('tr[data-slug="github"]');
      // Generous: on a loaded machine the first read alone can take more than poll's default second.
      await expect.poll(() => row.locator('[data-cell="open"]').textContent(), { timeout: 15_000 }).toBe("0");
      // Marks this document: a reload would lose it.
      await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
      // The stream connected before the change, so the push is what updates the row.
      await expect
        .poll(() => page.evaluate(() => (globalThis as { streamReady?: boolean }).streamReady === true), {
          timeout: 15_000,
        })
        .toBe(true);

      stack.vendor.serve("/api/v2/summary.json", summaryWithOutage());
      stack.vendor.serve("/api/v2/incidents.json", incidentsWithOpenOne("Git operations are failing"));

      await expect
        .poll(() => row.locator('[data-cell="open"]').textContent(), { timeout: 15_000, interval: 200 })
        .toBe("1");
      expect(await row.locator('[data-cell="status"]').textContent()).toContain("Major outage");
      expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
      // Vendors with open incidents come first.
      expect(await page.locator("tbody tr").first().getAttribute("data-slug")).toBe("github");
      // The open incidents above the table are swapped in too, with the new one's title and link.
      await expect
        .poll(() => page.locator(".dashboard-now").textContent(), { timeout: 15_000, interval: 200 })
        .toContain("Git operations are failing");
      const link = page.locator("ul.open-now a", { hasText: "Git operations are failing" });
      expect(await link.getAttribute("href")).toMatch(/^\/incidents\//);
      expect(await page.locator("ul.open-now").textContent()).toContain("Git Operations");
    } finally {
      await page.close();
    }
  });
});
