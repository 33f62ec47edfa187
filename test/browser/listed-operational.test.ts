// Issue 16 in Chromium: an incident.io update lists 15 components, one degraded. The incident page
// (and the vendor's history) shows the degraded one as affected and the other 14 collapsed as
// "also listed as operational: 14". Expected names come from the raw feed and summary.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addVendor } from "../../src/poller/add-vendor.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import {
  launchBrowser,
  openSharedPage,
  seriousViolations,
  startStack,
  type SharedPage,
  type Stack,
} from "./stack.ts";

vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

const SUMMARY = sharedFixture("incidentio/openai-api-v2-summary-healthy.json");
const FEED = localFixture("incidentio/openai-feed-shuffled.derived.documented-format.rss");
const FINE_TUNING = "01M3P0Q5ZC7T3V8X9YB2D4F6GH";

/** The Fine-tuning incident's components from the raw feed: name → every state the feed gave it. */
function rawStates(): Map<string, string[]> {
  const states = new Map<string, string[]>();
  for (const item of FEED.split("<item>").filter((i) => i.includes(FINE_TUNING))) {
    const text = item.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    for (const [, name, state] of text.matchAll(/<li>(.*?) \(([^)]+)\)<\/li>/g))
      states.set(name!, [...(states.get(name!) ?? []), state!]);
  }
  return states;
}
const vendorOrder: string[] = JSON.parse(SUMMARY).components.map((c: { name: string }) => c.name);
const inVendorOrder = (names: string[]) =>
  [...names].sort((a, b) => vendorOrder.indexOf(a) - vendorOrder.indexOf(b));
const states = [...rawStates()];
const AFFECTED = inVendorOrder(states.filter(([, s]) => s.some((x) => x !== "Operational")).map(([n]) => n));
const LISTED = inVendorOrder(states.filter(([, s]) => s.every((x) => x === "Operational")).map(([n]) => n));

let stack: Stack;
let openai: FakeVendor;
let browser: Browser;
let page: Page;
let shared: SharedPage;
let incidentPath: string;

beforeAll(async () => {
  [stack, browser, openai] = await Promise.all([
    startStack(),
    launchBrowser(),
    startFakeVendor({ "/api/v2/summary.json": SUMMARY, "/feed.rss": FEED }),
  ]);
  await addVendor({ url: openai.url, slug: "openai", name: "OpenAI" }, await stack.runtime.pollDeps());
  const { items } = await stack.runtime.store.listIncidents("openai", { limit: 50 });
  incidentPath = `/incidents/${items.find((i) => i.vendorIncidentId === FINE_TUNING)!.id}`;
  shared = await openSharedPage(browser);
  page = shared.page;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await openai?.close();
});
beforeEach(() => shared.reset(stack.url));

const affectedFacts = (p: Page) => p.locator("dl.facts dt:text-is('Affected components') + dd");

describe("components listed only as operational", () => {
  it("the fixture lists 15 components, one of them degraded", () => {
    expect(states).toHaveLength(15);
    expect(AFFECTED).toEqual(["Fine-tuning"]);
    expect(LISTED).toHaveLength(14);
  });

  it("the incident page shows the affected one and the others collapsed", async () => {
    await page.goto(`${stack.url}${incidentPath}`);
    const facts = affectedFacts(page);
    const affected = facts.locator(":scope > ul > li");
    expect((await affected.allTextContents()).map((t) => t.split("—")[0]!.trim())).toEqual(AFFECTED);

    const details = facts.locator("details.also-listed");
    expect((await details.locator("summary").textContent())?.trim()).toBe(
      `also listed as operational: ${LISTED.length}`,
    );
    expect(await details.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    expect(await details.locator("li").first().isVisible()).toBe(false);

    await details.locator("summary").click();
    expect(await details.locator("li").first().isVisible()).toBe(true);
    expect((await details.locator("li").allTextContents()).map((t) => t.trim())).toEqual(LISTED);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the vendor's history shows the same, collapsed", async () => {
    await page.goto(`${stack.url}/vendors/openai`);
    const card = page.locator("ol.incidents > li", { hasText: "Increased latency for Fine-tuning jobs" });
    expect((await card.locator("details.also-listed summary").textContent())?.trim()).toBe(
      `also listed as operational: ${LISTED.length}`,
    );
    expect(await card.locator("details.also-listed li").first().isVisible()).toBe(false);
  });
});
