// The dashboard in Chromium, over a seeded record and a fixed clock: open incidents with their facts
// and links, the last 7 days' incidents, and 90-day bars that stay readable on a phone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { startHttpServer, type HttpServer } from "../../src/http/server.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { NOW, seedRecord, seedResolvedDaysAgo } from "../helpers/seed-record.ts";
import { launchBrowser, openSharedPage, seriousViolations, type SharedPage } from "./stack.ts";

vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

let store: Store;
let server: HttpServer;
let browser: Browser;
let page: Page;
let shared: SharedPage;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await seedResolvedDaysAgo(store);
  const app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
  [server, browser] = await Promise.all([
    startHttpServer(app, { port: 0, host: "127.0.0.1" }),
    launchBrowser(),
  ]);
  shared = await openSharedPage(browser);
  page = shared.page;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
});
beforeEach(() => shared.reset(server.url));

/** A vendor's bar cell for a day with incidents (its link carries the day's title). */
const incidentDay = (slug: string, date: string) =>
  page.locator(`tr[data-slug="${slug}"] li.day:has(a[title^="${date} (UTC):"])`);

const text = async (selector: string) => (await page.locator(selector).allInnerTexts()).join("\n");

describe("dashboard in the browser", () => {
  it("shows each open incident first, with vendor, impact, components, time open and a working link", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url);
    const cards = page.locator("ul.open-now > li");
    expect(await cards.count()).toBe(2);
    const down = cards.filter({ hasText: "Everything is down" });
    expect(await down.innerText()).toMatch(/Quiet Co: Everything is down/);
    expect(await down.innerText()).toMatch(/Critical impact/);
    expect(await down.innerText()).toMatch(/open for 2 h 0 min, since/);
    const slow = cards.filter({ hasText: "Web app is slow" });
    expect(await slow.locator("ul.affected li").allInnerTexts()).toEqual([
      expect.stringMatching(/^Web app\s+▲ Degraded performance$/),
    ]);
    // The first screen answers: the open incidents are above the fold, before the vendor table.
    const box = await down.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(900);

    const recent = await text("ol.recent");
    expect(recent).toContain("Logins failed");
    expect(recent).toContain("API errors <b>& timeouts");
    expect(recent).not.toContain("Old outage");

    await down.getByRole("link", { name: "Everything is down" }).click();
    await page.waitForURL(/\/incidents\/quiet-down$/);
    expect((await page.locator("h1").innerText()).trim()).toBe("Everything is down");
  });

  it("draws every vendor's 90 days in cells a pointer can hit, linking incident days", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url);
    const day = incidentDay("acme", "2024-04-30");
    expect(await day.locator("a").getAttribute("title")).toBe(
      "2024-04-30 (UTC): Partial outage — Logins failed",
    );
    expect((await day.boundingBox())!.width).toBeGreaterThanOrEqual(3);
    await day.locator("a").click();
    await page.waitForURL(/\/incidents\/acme-3d$/);
  });

  it("on a phone, shows the last 30 days in cells at least 8 px wide, without sideways scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(server.url);
    const frame = (await page.locator('tr[data-slug="acme"] .mini-bar-frame').boundingBox())!;
    const today = (await incidentDay("acme", "2024-05-03").boundingBox())!;
    expect(today.width).toBeGreaterThanOrEqual(8);
    expect(today.x + today.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    // 40 days back is left of the frame, clipped.
    const older = (await incidentDay("acme", "2024-03-24").boundingBox())!;
    expect(older.x + older.width).toBeLessThanOrEqual(frame.x + 1);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document.documentElement;
      return root.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("has no serious accessibility violation with open incidents shown", async () => {
    await page.goto(server.url);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
