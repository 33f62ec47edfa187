// Issue 11 in Chromium: the outage history across vendors at /incidents, filtered by vendor with the
// page's own GET form, and "what was down at that moment" with its date-time input (UTC); the issue's
// pages (outage history, SLA, figures, leaderboard) used with the keyboard alone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeIncident } from "../helpers/seed-record.ts";
import {
  focusInfo,
  GITHUB_INCIDENTS,
  launchBrowser,
  seriousViolations,
  startStack,
  tabTo,
  visibleFocus,
  type FocusInfo,
  type Stack,
} from "./stack.ts";

vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

interface RawIncident {
  name: string;
  started_at: string;
  resolved_at: string | null;
}
// A resolved GitHub incident from the recording, and the minute halfway through it.
const github = (JSON.parse(GITHUB_INCIDENTS) as { incidents: RawIncident[] }).incidents.find(
  (i) => i.resolved_at !== null && Date.parse(i.resolved_at) - Date.parse(i.started_at) > 4 * 60_000,
)!;
const githubMiddle = new Date((Date.parse(github.started_at) + Date.parse(github.resolved_at!)) / 2)
  .toISOString()
  .slice(0, 16);

const ACME_OUTAGE = makeIncident({
  id: "acme:db",
  vendor: "acme",
  title: "Acme database unreachable",
  impact: "major",
  startedAt: "2026-08-10T14:00:00.000Z",
  resolvedAt: "2026-08-10T15:00:00.000Z",
});

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  // acme is paused: nothing polls it, so this record stays as written. It is newer than every
  // recorded GitHub incident, so it is on the first page.
  const now = new Date().toISOString();
  await stack.runtime.store.savePoll({
    vendor: "acme",
    polledAt: now,
    nextPollAt: now,
    outcome: { ok: true, incidents: [ACME_OUTAGE] },
    events: [],
  });
  page = await browser.newPage();
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await stack?.close();
});

const titles = () => page.locator("table.outages td[data-label=Incident] > a").allTextContents();
const vendors = () => page.locator("table.outages td[data-label=Vendor] > a").allTextContents();

describe("the outage history", () => {
  it("lists every vendor's incidents, reached from the site's navigation", async () => {
    await page.goto(stack.url);
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Incidents" }).click();
    await page.waitForURL(/\/incidents$/);
    expect(await page.locator("h1").textContent()).toBe("Outage history");
    expect(new Set(await vendors())).toEqual(new Set(["GitHub", "Acme Cloud"]));
    expect(await titles()).toContain(github.name);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("filters by vendor with the form", async () => {
    await page.goto(`${stack.url}/incidents`);
    await page.locator('select[name="vendor"]').selectOption(["acme"]);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/vendor=acme/);
    expect(await titles()).toEqual([ACME_OUTAGE.title]);
    expect(await page.locator('select[name="vendor"] option:checked').allTextContents()).toEqual([
      expect.stringContaining("Acme Cloud"),
    ]);
  });

  it("answers what was down at a moment, keeping the vendor filter", async () => {
    await page.goto(`${stack.url}/incidents?vendor=acme`);
    const instant = page.locator('input[type="datetime-local"][name="at"]');
    await instant.fill("2026-08-10T14:30");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/at=2026-08-10T14%3A30/);
    expect(page.url()).toContain("vendor=acme");
    expect(await titles()).toEqual([ACME_OUTAGE.title]);
    expect(await page.getByText("Going on at 2026-08-10 14:30 UTC").count()).toBe(1);

    await instant.fill("2026-08-10T15:01");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/at=2026-08-10T15%3A01/);
    expect(await titles()).toEqual([]);
    expect(await page.getByText("Nothing matches.").count()).toBe(1);
  });

  it("answers it across vendors once the filters are cleared", async () => {
    await page.goto(`${stack.url}/incidents`);
    await page.locator('input[name="at"]').fill(githubMiddle);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/at=/);
    expect(await titles()).toContain(github.name);
    expect(await vendors()).not.toContain("Acme Cloud");
  });
});

/** Every stop of Tab through the page, from the top until focus leaves it (or `limit` stops). */
async function tabStops(limit = 80): Promise<FocusInfo[]> {
  const stops: FocusInfo[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const info = await focusInfo(page);
    if (info === null) break;
    stops.push(info);
  }
  return stops;
}

describe("with the keyboard alone", () => {
  // Chromium moves focus into a date or time field's parts (month, day, …) and draws its own mark on
  // the part, so those fields are left out of the focus-ring check.
  const datePart = (stop: FocusInfo) =>
    stop.tag === "input" && ["at", "month", "from", "to"].includes(stop.name!);
  it.each([
    ["/incidents", ["vendor", "q"], "Apply", /\/incidents\?/],
    ["/sla", [], "Show", /\/sla\?month=\d{4}-\d{2}$/],
    ["/stats", [], "Show", /\/stats\?from=[\d-]+&to=[\d-]+/],
    ["/leaderboard", [], "Show", /\/leaderboard\?from=[\d-]+&to=[\d-]+/],
  ] as const)(
    "%s: its controls are reached by Tab, each with a visible focus ring, and its form submits with Enter",
    async (path, fields, submit, submitted) => {
      await page.goto(stack.url + path);
      const stops = await tabStops();
      expect(stops.filter((stop) => !datePart(stop) && !visibleFocus(stop))).toEqual([]);
      const names = stops.map((stop) => stop.name);
      for (const field of fields) expect(names).toContain(field);
      // From the top again, to the form's button, and Enter: the form's own values are sent.
      await page.goto(stack.url + path);
      const button = await tabTo(page, (f) => f.tag === "button" && f.text === submit);
      expect(button).not.toBeNull();
      expect(visibleFocus(button!)).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL(submitted);
    },
  );

  it("the outage history has no serious axe violation in dark either", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${stack.url}/incidents`);
    expect(await seriousViolations(page, ["color-contrast", "link-in-text-block"])).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
  });
});
