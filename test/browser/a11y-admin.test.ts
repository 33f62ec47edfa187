// axe-core in Chromium finds no serious or critical violation on the main pages, light and dark; the
// admin flows (sign in, preview, add, choose components, set and remove an SLA target; a page with no API by its selectors; a
// channel added by its form, tried with "send test" against a loopback receiver, edited) work in a
// real browser.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "../e2e/notify-receiver.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import {
  GITHUB_INCIDENTS,
  GITHUB_SUMMARY,
  launchBrowser,
  openSharedPage,
  type AxeViolation,
  seriousViolations,
  signIn,
  startStack,
  type SharedPage,
  type Stack,
} from "./stack.ts";

// A real browser on a busy CI machine: generous limits (each test still takes seconds).
vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

let stack: Stack;
let browser: Browser;
let page: Page;
let incidentPath: string;
let receiver: WebhookReceiver;

let shared: SharedPage;
// What the page's Content-Security-Policy refused (Chromium reports it on the console): nothing may be.
let refused: string[] = [];
beforeAll(async () => {
  [stack, browser, receiver] = await Promise.all([startStack(), launchBrowser(), startWebhookReceiver()]);
  const first = (await stack.runtime.store.listIncidents("github", { limit: 1 })).items[0]!;
  incidentPath = `/incidents/${encodeURIComponent(first.id)}`;
  shared = await openSharedPage(browser);
  page = shared.page;
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) refused.push(message.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await receiver?.close();
});
beforeEach(async () => {
  await shared.reset(stack.url);
  refused = [];
});
afterEach(() => {
  expect(refused).toEqual([]);
});

describe("accessibility (axe-core)", () => {
  it("the check itself reports a serious violation (an image without alt text)", async () => {
    await page.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>',
    );
    expect((await seriousViolations(page)).map((v) => v.id)).toContain("image-alt");
  });

  // Dark differs from light only in colours, by CSS alone (no script reads the scheme, nothing is
  // transitioned): each page is loaded light and checked with every rule, then switched to dark in
  // place (its body's colours seen to change) and checked with the colour rules. One test a page, so
  // that a slow machine spreads its time over several tests' limits.
  const bodyColours = () =>
    page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as {
        document: { body: unknown };
        getComputedStyle: (element: unknown) => { color: string; backgroundColor: string };
      };
      const style = getComputedStyle(document.body);
      return `${style.color} on ${style.backgroundColor}`;
    });
  async function lightThenDark(): Promise<{ light: AxeViolation[]; dark: AxeViolation[] }> {
    const light = await seriousViolations(page);
    const lightColours = await bodyColours();
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await bodyColours()).not.toBe(lightColours);
    return { light, dark: await seriousViolations(page, ["color-contrast", "link-in-text-block"]) };
  }
  const NONE = { light: [], dark: [] };
  const AN_INCIDENT = "an incident's page";

  it.each([
    "/",
    "/vendors/github",
    "/vendors/github?range=12m",
    AN_INCIDENT,
    "/sla",
    "/stats",
    "/stats?vendor=github",
    "/leaderboard",
    "/admin/login",
  ])("finds no serious violation on %s (light, then dark)", async (path) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(stack.url + (path === AN_INCIDENT ? incidentPath : path));
    expect(await lightThenDark()).toEqual(NONE);
  });

  it.each(["/admin", "/admin/vendors/github/components", "/admin/vendors/github/sla"])(
    "finds no serious violation on %s, signed in (light, then dark)",
    async (path) => {
      // With an SLA target, so the SLA page's table and remove button are checked too.
      const target = { vendor: "github", component: null, targetPercent: 99.9, credits: [], claimDays: 30 };
      await stack.runtime.store.setSla(target);
      try {
        await page.emulateMedia({ colorScheme: "light" });
        await signIn(page, stack.url);
        if (path !== "/admin") await page.goto(stack.url + path);
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await lightThenDark()).toEqual(NONE);
      } finally {
        await stack.runtime.store.removeSla("github", null);
      }
    },
  );
});

describe("admin in the browser", () => {
  it("signs in, previews a page, adds it with chosen components, and signs out", async () => {
    // A second page like GitHub's (GitHub's own is watched already, and a page is watched once).
    stack.vendor.serve("/copy/api/v2/summary.json", GITHUB_SUMMARY);
    stack.vendor.serve("/copy/api/v2/incidents.json", GITHUB_INCIDENTS);
    await signIn(page, stack.url);
    await page.getByLabel("Status page URL").fill(`${stack.vendor.url}/copy`);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.waitForURL(`${stack.url}/admin/vendors/preview`);
    expect(await page.locator("h1").textContent()).toContain("Preview");
    expect(await page.locator("dl.facts dd").first().textContent()).toMatch(/^\s*statuspage\b/);
    expect(await page.locator("section table tbody tr").count()).toBe(10); // recent incidents
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Slug").fill("github-copy");
    await page.getByLabel("Git Operations").check();
    await page.getByRole("button", { name: /^Add / }).click();
    await page.waitForURL(/done=added/);
    expect(await page.getByRole("status").textContent()).toContain("Added");
    expect(await stack.runtime.store.getVendor("github-copy")).toMatchObject({
      platform: "statuspage",
      watchedComponents: ["Git Operations"],
    });

    await page.getByRole("link", { name: "Choose components of GitHub" }).first().click();
    await page.getByLabel("Webhooks").check();
    await page.getByRole("button", { name: "Save components" }).click();
    await page.waitForURL(/done=components/);
    expect((await stack.runtime.store.getVendor("github"))?.watchedComponents).toEqual(["Webhooks"]);

    await page.getByRole("button", { name: /Sign out/ }).click();
    await page.waitForURL(`${stack.url}/admin/login`);
    await page.goto(`${stack.url}/admin`);
    expect(page.url()).toBe(`${stack.url}/admin/login`);
  });

  it("sets a component's SLA target with the vendor's SLA form, then removes it", async () => {
    await signIn(page, stack.url);
    await page.getByRole("link", { name: "Set SLA targets of GitHub" }).first().click();
    await page.getByLabel("Covers").selectOption("Git Operations");
    await page.getByLabel(/Monthly uptime target/).fill("99.95");
    await page.getByLabel(/Credits/).fill("99.9:10,99.0:25");
    await page.getByLabel(/Claim window/).fill("30");
    await page.getByRole("button", { name: "Save target" }).click();
    await page.waitForURL(/\/admin\/vendors\/github\/sla\?done=saved/);
    expect(await page.getByRole("status").textContent()).toContain("Saved the SLA target of Git Operations.");
    expect(await stack.runtime.store.listSlas()).toEqual([
      {
        vendor: "github",
        component: "Git Operations",
        targetPercent: 99.95,
        credits: [
          { below: 99.9, creditPercent: 10 },
          { below: 99, creditPercent: 25 },
        ],
        claimDays: 30,
      },
    ]);
    await page.getByRole("button", { name: "Remove the SLA target of Git Operations" }).click();
    await page.waitForURL(/done=removed/);
    expect(await stack.runtime.store.listSlas()).toEqual([]);
  });

  it("adds a page with no API by its HTML selectors; a bad value is an error the field points to", async () => {
    stack.vendor.serve("/page", localFixture("html/status-page.handmade.html"));
    const selectors = localFixture("html/status-page.selectors.json");
    const field = page.getByLabel("HTML selectors (JSON)");
    await signIn(page, stack.url);
    await page.getByLabel("Status page URL").fill(`${stack.vendor.url}/page`);
    await field.fill('{"component": "li.component"}');
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/^HTML selectors: statuses: /);
    expect(await field.inputValue()).toBe('{"component": "li.component"}'); // kept as typed
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.getAttribute("aria-describedby")).toContain("admin-error");
    expect(await seriousViolations(page)).toEqual([]);

    await field.fill(selectors);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByLabel("Slug").waitFor();
    expect(await page.locator("dl.facts dd").first().textContent()).toMatch(/^\s*html\b/);
    expect(await page.getByLabel("Managed Database").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Slug").fill("acme-html");
    await page.getByRole("button", { name: /^Add / }).click();
    await page.waitForURL(/done=added/);
    expect(await stack.runtime.store.getVendor("acme-html")).toMatchObject({
      platform: "html",
      platformOptions: JSON.parse(selectors),
    });
  });
});

describe("admin channels in the browser", () => {
  it("adds a webhook by its form, sends a test shown beside it, and edits it keeping the secret", async () => {
    await signIn(page, stack.url);
    await page.locator("summary", { hasText: /^webhook$/ }).click();
    const form = page.locator("form", { has: page.locator('input[name="type"][value="webhook"]') });
    await form.getByLabel("Id").fill("ops");
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByLabel(/^Secret/).fill(WEBHOOK_SECRET);
    await form.getByRole("button", { name: "Add webhook channel" }).click();
    await page.waitForURL(/done=channel-saved/);
    expect(await page.getByRole("status").first().textContent()).toContain("Saved channel ops.");
    expect(await page.content()).not.toContain(WEBHOOK_SECRET.slice(6));

    receiver.answer = 204;
    await page.getByRole("button", { name: "Send test to channel ops" }).click();
    await page.waitForURL(/tested=ops/);
    const outcome = page.locator("#channel-ops").getByRole("status");
    expect(await outcome.textContent()).toMatch(/^Test sent: ops accepted it in \d+ ms\.$/);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signatureValid).toBe(true);

    receiver.answer = 503;
    await page.getByRole("button", { name: "Send test to channel ops" }).click();
    await page.waitForURL(/failed=/);
    expect(await page.locator("#channel-ops").getByRole("alert").textContent()).toMatch(
      /^Test failed: .*503/,
    );

    await page.getByRole("link", { name: "Edit channel ops" }).click();
    expect(await page.getByLabel("URL").inputValue()).toBe(receiver.url);
    expect(await page.getByLabel(/^Secret/).inputValue()).toBe("");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("URL").fill(`${receiver.url}?edited`);
    await page.getByRole("button", { name: "Save channel ops" }).click();
    await page.waitForURL(/done=channel-saved/);
    const [ops] = await stack.runtime.store.listChannels();
    expect(ops?.config).toEqual({ url: `${receiver.url}?edited`, secret: WEBHOOK_SECRET });
  });
});
