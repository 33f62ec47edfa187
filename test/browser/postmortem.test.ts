// A postmortem in Chromium: Clerk's DNS outage (an incident.io feed whose postmortem is a later
// "Resolved" item) polled by the real serve; the incident page labels it Postmortem and links to it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addVendor } from "../../src/poller/add-vendor.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { launchBrowser, startStack, type Stack } from "./stack.ts";

vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

const FEED = localFixture("incidentio/clerk-feed-postmortem.documented-format.rss");
const DNS = "01KGZ3M8VQ4T7D2R6N9B5X1C0E";
const HREF = /href="([^"]+)"/.exec(FEED.split("<item>")[1]!)![1]!;

let stack: Stack;
let browser: Browser;
let clerk: FakeVendor;
let page: Page;
let incidentId: string;

beforeAll(async () => {
  [stack, browser, clerk] = await Promise.all([
    startStack(),
    launchBrowser(),
    startFakeVendor({ "/feed.rss": FEED }),
  ]);
  const input = { url: `${clerk.url}/feed.rss`, slug: "clerk", name: "Clerk", platform: "feed" };
  await addVendor(input, await stack.runtime.pollDeps());
  const { items } = await stack.runtime.store.listIncidents("clerk", { limit: 50 });
  incidentId = items.find((i) => i.vendorIncidentId === DNS)!.id;
  page = await browser.newPage();
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await stack?.close();
  await clerk?.close();
});

describe("a postmortem on the incident page", () => {
  it("labels the later update Postmortem, keeps one Resolved, and links to the write-up", async () => {
    await page.goto(`${stack.url}/incidents/${incidentId}`);
    const heads = page.locator("ol.timeline > li h3 .badge");
    expect(await heads.allTextContents()).toEqual([
      "Investigating",
      "Identified",
      "Monitoring",
      "Resolved",
      "Postmortem",
    ]);
    const facts = page.locator("dl.facts");
    expect(await facts.locator("dt").allTextContents()).toContain("Postmortem");
    const link = page.getByRole("link", { name: "Read the postmortem" });
    expect(await link.getAttribute("href")).toBe(HREF);
    expect(await facts.locator("dd").first().textContent()).toContain("Postmortem");
  });

  it("shows the incident as Postmortem in the vendor's history", async () => {
    await page.goto(`${stack.url}/vendors/clerk`);
    const card = page.locator("ol.incidents > li", { hasText: "DNS resolution failures" });
    expect(await card.locator("dl.facts dd .badge").first().textContent()).toBe("Postmortem");
  });
});
