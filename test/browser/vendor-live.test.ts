// The vendor page updates in place (Server-Sent Events + /live.js swapping the region the server marks)
// on its own vendor's events only, and still works with JavaScript off.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { incidentsWithOpenOne, launchBrowser, startStack, summaryWithOutage, type Stack } from "./stack.ts";

// A real browser on a busy CI machine: generous limits (each test still takes seconds).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

type Seen = {
  seen?: { vendors: string[] }[];
  helperReady?: boolean;
  sameDocument?: boolean;
  /** The pushes the page's own stream got, each recorded once the page's own listeners had run. */
  ownPushes?: string[][];
  /** The page's fetches of its vendor's live part, counted as it makes them. */
  partFetches?: number;
};

/**
 * Before the page's scripts run: counts the page's fetches of /vendors/github/now, and records each push
 * its own stream (the first EventSource it opens) gets, after its listeners have handled it. Whether
 * the page fetched for a push is then known in the page, without waiting to see.
 */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as Seen & { fetch: typeof fetch; EventSource: typeof EventSource };
    g.ownPushes = [];
    g.partFetches = 0;
    const nativeFetch = g.fetch;
    g.fetch = (input, init) => {
      const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
      if (new URL(url, "http://page.invalid").pathname === "/vendors/github/now") g.partFetches! += 1;
      return nativeFetch(input, init);
    };
    const Native = g.EventSource;
    let own = true;
    g.EventSource = class extends Native {
      constructor(...args: ConstructorParameters<typeof EventSource>) {
        super(...args);
        if (!own) return;
        own = false;
        // Listeners run in the order added, the page's after this one: record after them all.
        this.addEventListener("change", (e) => {
          const { vendors } = JSON.parse((e as MessageEvent).data as string) as { vendors: string[] };
          setTimeout(() => g.ownPushes!.push(vendors));
        });
      }
    };
  });
}

/** A second listener in the page, so the test knows which pushes the page's own stream received. */
async function watchPushes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as Seen;
    g.seen = [];
    const source = new EventSource("/events/stream");
    source.addEventListener("ready", () => (g.helperReady = true));
    source.addEventListener("change", (e) => g.seen!.push(JSON.parse((e as MessageEvent).data as string)));
  });
  await expect.poll(() => page.evaluate(() => (globalThis as Seen).helperReady === true)).toBe(true);
}

const pushes = (page: Page) => page.evaluate(() => (globalThis as Seen).seen ?? []);

/** Another vendor's event, written straight to the store (acme is paused, so no poll overwrites it). */
async function acmeEvent(): Promise<void> {
  const at = new Date().toISOString();
  await stack.runtime.store.savePoll({
    vendor: "acme",
    polledAt: at,
    nextPollAt: at,
    outcome: { ok: false, error: "still refused", failures: 2 },
    events: [
      {
        id: `acme-${at}`,
        type: "source.degraded",
        vendor: "acme",
        incidentId: null,
        componentId: null,
        at,
        data: {},
      },
    ],
  });
}

describe("vendor page, live", () => {
  it("ignores other vendors' events, then shows its own vendor's outage without a reload", async () => {
    const page = await browser.newPage();
    await instrument(page);
    let swaps = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/vendors/github/now") swaps++;
    });
    try {
      await page.goto(`${stack.url}/vendors/github`);
      const open = page.locator("section[aria-labelledby=open-incidents]");
      const gitOps = page.locator("ul.components li", {
        has: page.getByText("Git Operations", { exact: true }),
      });
      expect(await open.textContent()).toContain("None right now.");
      expect(await gitOps.locator(".status").textContent()).toContain("Operational");
      await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
      await watchPushes(page);

      await acmeEvent();
      await expect
        .poll(async () => (await pushes(page)).some((p) => p.vendors.includes("acme")), { timeout: 15_000 })
        .toBe(true);
      // Once the page's own stream has handled acme's push, it has fetched its part for github's only.
      const own = () =>
        page.evaluate(() => ({
          pushes: (globalThis as Seen).ownPushes!,
          fetches: (globalThis as Seen).partFetches!,
        }));
      await expect
        .poll(async () => (await own()).pushes.some((vendors) => vendors.includes("acme")), {
          timeout: 15_000,
        })
        .toBe(true);
      const { pushes: ownPushes, fetches } = await own();
      expect(fetches).toBe(ownPushes.filter((vendors) => vendors.includes("github")).length);

      stack.vendor.serve("/api/v2/summary.json", summaryWithOutage());
      stack.vendor.serve("/api/v2/incidents.json", incidentsWithOpenOne("Git operations are failing"));

      await expect
        .poll(() => open.getByRole("link").allTextContents(), { timeout: 15_000, interval: 200 })
        .toEqual(["Git operations are failing"]);
      await expect.poll(() => gitOps.locator(".status").textContent()).toContain("Major outage");
      expect(await page.locator("h1").textContent()).toContain("Major outage");
      expect(await page.locator("#live-status").textContent()).toBe(
        "Updated: GitHub: Major outage, 1 open incident",
      );
      expect(swaps).toBeGreaterThan(0);
      expect(await page.evaluate(() => (globalThis as Seen).sameDocument)).toBe(true);
      // The swapped-in link works like the server-rendered ones.
      await open.getByRole("link").click();
      await page.waitForURL(/\/incidents\//);
      expect((await page.locator("h1").textContent())?.trim()).toBe("Git operations are failing");
    } finally {
      await page.close();
    }
  });

  it("works without JavaScript: the same parts are in the page itself", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${stack.url}/vendors/github`);
      expect(await page.locator("[data-live-src] h1").textContent()).toContain("GitHub");
      expect(await page.locator("[data-live-src] ul.components li").count()).toBeGreaterThan(5);
      expect(await page.locator("ol.incidents > li").count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
