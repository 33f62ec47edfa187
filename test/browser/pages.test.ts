// The vendor page in Chromium: uptime bars, history with filters and pagination; keyboard navigation.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { formatUtc } from "../../src/lib/human-time.ts";
import {
  GITHUB_INCIDENTS,
  launchBrowser,
  openSharedPage,
  signIn,
  startStack,
  tabTo,
  visibleFocus,
  type SharedPage,
  type Stack,
} from "./stack.ts";

// A real browser on a busy CI machine: generous limits (each test still takes seconds).
vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

let stack: Stack;
let browser: Browser;
let page: Page;
let shared: SharedPage;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  shared = await openSharedPage(browser);
  page = shared.page;
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});
beforeEach(() => shared.reset(stack.url));

const fixtureTitles: string[] = JSON.parse(GITHUB_INCIDENTS).incidents.map((i: { name: string }) => i.name);
const cardTitles = (p: Page) => p.locator("ol.incidents > li h3 a").allTextContents();

describe("dashboard filters", () => {
  it("search by name and filter by status, as a plain GET form", async () => {
    await page.goto(stack.url);
    const rows = () =>
      page.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-slug")));
    expect((await rows()).sort()).toEqual(["acme", "github"]);
    await page.locator('input[name="q"]').fill("acme");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=acme/);
    expect(await rows()).toEqual(["acme"]);
    await page.locator('input[name="q"]').fill("");
    await page.locator('select[name="status"]').selectOption("stale");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=stale/);
    expect(await rows()).toEqual(["acme"]);
    expect(await page.locator('tr[data-slug="acme"] .stale').count()).toBe(1);
  });
});

describe("vendor page", () => {
  it("shows a 90-day uptime bar with a percentage for each component", async () => {
    await page.goto(`${stack.url}/vendors/github`);
    const bars = page.locator("ol.uptime-bar");
    expect(await bars.count()).toBeGreaterThanOrEqual(5);
    expect(await bars.first().locator("li.day").count()).toBe(90);
    expect(await page.locator(".uptime-pct").first().textContent()).toMatch(
      /^\d{1,3}\.\d\d% uptime$|no data yet/,
    );
    // Days with incidents say which in their tooltip and link to the incident.
    const withIncident = page.locator("li.day[title*='—'] a").first();
    if ((await withIncident.count()) > 0)
      expect(await withIncident.getAttribute("href")).toMatch(/^\/incidents\//);
  });

  it("lists the history newest first, pages through it with Older and Newest, and opens an incident", async () => {
    await page.goto(`${stack.url}/vendors/github`);
    const first = (await cardTitles(page)).map((t) => t.trim());
    expect(first).toHaveLength(25);
    await page.locator("nav.pager a[rel=next]").click();
    await page.waitForURL(/before=/);
    const second = (await cardTitles(page)).map((t) => t.trim());
    // The two pages hold the 50 recorded incidents, each once.
    expect([...first, ...second].sort()).toEqual([...fixtureTitles].sort());
    await page.getByRole("link", { name: "Newest" }).click();
    await page.waitForURL((url) => !url.search.includes("before="));
    expect((await cardTitles(page)).map((t) => t.trim())).toEqual(first);

    // The timeline opens on demand.
    const details = page.locator("ol.incidents details").first();
    expect(await details.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    await details.locator("summary").click();
    expect(await details.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);

    await page.locator("ol.incidents > li h3 a").first().click();
    await page.waitForURL(/\/incidents\//);
    expect((await page.locator("h1").textContent())?.trim()).toBe(first[0]);
  });

  it("filters by component and by kind, keeping the filters in the URL", async () => {
    await page.goto(`${stack.url}/vendors/github`);
    await page.locator('select[name="component"]').selectOption({ label: "Codespaces" });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/component=/);
    const filtered = await cardTitles(page);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(25);
    for (const card of await page.locator("ol.incidents > li").allTextContents())
      expect(card).toContain("Codespaces");

    await page.locator('select[name="kind"]').selectOption("maintenance");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/kind=maintenance/);
    expect(await page.getByText("Nothing matches these filters.").count()).toBe(1);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.search === "");
    expect(await cardTitles(page)).toHaveLength(25);
  });
});

describe("times", () => {
  it("reads UTC, labelled, until the reader switches to local time, which is remembered", async () => {
    const zone = "America/New_York";
    const context = await browser.newContext({ timezoneId: zone });
    try {
      const p = await context.newPage();
      const { items } = await stack.runtime.store.listIncidents("github", { limit: 1 });
      await p.goto(`${stack.url}/incidents/${encodeURIComponent(items[0]!.id)}`);
      const started = p.locator("main time[datetime]").first();
      const iso = (await started.getAttribute("datetime"))!;
      expect(await started.textContent()).toBe(formatUtc(iso));
      const zoneSwitch = p.getByLabel("Times in");
      expect(await zoneSwitch.inputValue()).toBe("utc");

      await zoneSwitch.selectOption("local");
      const local = newYorkText(iso);
      expect(local).toMatch(/ E[SD]T$/);
      expect(await started.textContent()).toBe(local);
      expect(await started.getAttribute("title")).toBe(formatUtc(iso));

      await p.reload();
      expect(await p.getByLabel("Times in").inputValue()).toBe("local");
      expect(await p.locator("main time[datetime]").first().textContent()).toBe(local);
    } finally {
      await context.close();
    }
  });
});

/** "10 Feb 2026, 14:43 EST": the page's wording of a time in New York. */
function newYorkText(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/New_York",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("day")} ${part("month")} ${part("year")}, ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

describe("keyboard", () => {
  it("reaches the dashboard's search box and a vendor link with Tab, with a visible focus ring", async () => {
    await page.goto(stack.url);
    const search = await tabTo(page, (f) => f.name === "q");
    expect(search).not.toBeNull();
    expect(visibleFocus(search!)).toBe(true);
    const link = await tabTo(page, (f) => f.tag === "a" && f.text === "GitHub");
    expect(link).not.toBeNull();
    expect(visibleFocus(link!)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/vendors\/github$/);
  });

  it("reaches the admin forms with Tab and submits one with the keyboard", async () => {
    await signIn(page, stack.url);
    const url = await tabTo(page, (f) => f.name === "url");
    expect(url).not.toBeNull();
    expect(visibleFocus(url!)).toBe(true);
    // Acme is paused in the stack; the vendors table comes before the form, so start from the top.
    await page.goto(`${stack.url}/admin`);
    const resume = await tabTo(page, (f) => f.tag === "button" && f.text.startsWith("Resume"));
    expect(resume).not.toBeNull();
    expect(visibleFocus(resume!)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/done=resumed/);
    expect((await stack.runtime.store.getVendor("acme"))?.paused).toBe(false);
    await stack.runtime.store.setVendorPaused("acme", true);
  });
});
