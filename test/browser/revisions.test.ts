// Issue 16 in Chromium: after the vendor rewrites an update and takes an incident down, the incident
// pages mark what changed and show the original beside the new text (a real serve polling a loopback
// Statuspage built from GitHub's recording).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { incidentId } from "../../src/domain/record.ts";
import { GITHUB_INCIDENTS, GITHUB_SUMMARY, launchBrowser, startStack, type Stack } from "./stack.ts";

vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

interface RawIncident {
  id: string;
  incident_updates: { id: string; body: string }[];
}
const recorded = JSON.parse(GITHUB_INCIDENTS) as { incidents: RawIncident[] };
const EDITED = "9tpgqq1h4bs7";
const DELETED = "s65j9gslmfm8";
const NEW_TEXT = "We rewrote this update after the fact.";
const editedUpdate = recorded.incidents.find((i) => i.id === EDITED)!.incident_updates[0]!;

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  const incidents = structuredClone(recorded.incidents).filter((i) => i.id !== DELETED);
  incidents.find((i) => i.id === EDITED)!.incident_updates[0]!.body = NEW_TEXT;
  // The summary changes too: the poller reads the history when the summary says something changed.
  const summary = JSON.parse(GITHUB_SUMMARY) as { page: { updated_at: string } };
  summary.page.updated_at = new Date().toISOString();
  stack.vendor.serve(
    "/api/v2/incidents.json",
    JSON.stringify({ ...JSON.parse(GITHUB_INCIDENTS), incidents }),
  );
  stack.vendor.serve("/api/v2/summary.json", JSON.stringify(summary));
  await vi.waitFor(
    async () => {
      const revisions = await stack.runtime.store.listRevisions([
        incidentId("github", EDITED),
        incidentId("github", DELETED),
      ]);
      expect(revisions).toHaveLength(2);
    },
    { timeout: 20_000, interval: 200 },
  );
  page = await browser.newPage();
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await stack?.close();
});

describe("an incident the vendor edited", () => {
  it("marks the edited update and shows the original and the new text in its revisions", async () => {
    await page.goto(`${stack.url}/incidents/${incidentId("github", EDITED)}`);
    const mark = page.locator("ol.timeline a.vendor-edit");
    expect(await mark.allTextContents()).toEqual(["edited by the vendor"]);
    expect(await page.locator("ol.timeline .message").allTextContents()).toContain(NEW_TEXT);
    await mark.click();
    await page.waitForURL(/#revisions$/);
    const section = page.locator("section[aria-labelledby=revisions]");
    expect(await section.isVisible()).toBe(true);
    const item = section.locator("ol.revisions > li");
    expect(await item.count()).toBe(1);
    const before = (await item.locator(".revision > div").first().textContent()) ?? "";
    expect(before.replace(/\s+/g, " ")).toContain(editedUpdate.body.replace(/\s+/g, " ").trim().slice(0, 40));
    expect(await item.locator(".revision > div").last().textContent()).toContain(NEW_TEXT);
  });

  it("marks an incident the vendor took down, kept as Pingoru saw it", async () => {
    await page.goto(`${stack.url}/incidents/${incidentId("github", DELETED)}`);
    expect(await page.locator("p.vendor-edit").textContent()).toMatch(/^\s*Deleted by the vendor/);
    expect(await page.locator("ol.timeline > li").count()).toBeGreaterThan(0);
    expect(await page.locator("ol.revisions > li").textContent()).toMatch(
      /The incident was deleted by the vendor/,
    );
  });
});
