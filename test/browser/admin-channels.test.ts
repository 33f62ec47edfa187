// The admin page's channel forms in Chromium against a real `serve`: add a webhook by its form, "send
// test" to a real loopback receiver and read the outcome beside the channel, edit it keeping the secret.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startWebhookReceiver, WEBHOOK_SECRET, type WebhookReceiver } from "../e2e/notify-receiver.ts";
import { launchBrowser, seriousViolations, signIn, startStack, type Stack } from "./stack.ts";

// A real browser on a busy CI machine: generous limits (each test still takes seconds).
vi.setConfig({ testTimeout: 45_000, hookTimeout: 60_000 });

let stack: Stack;
let browser: Browser;
let page: Page;
let receiver: WebhookReceiver;

beforeAll(async () => {
  [stack, browser, receiver] = await Promise.all([startStack(), launchBrowser(), startWebhookReceiver()]);
  page = await browser.newPage();
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await stack?.close();
  await receiver?.close();
});

describe("admin channels in the browser", () => {
  it("adds a webhook by its form, sends a test shown beside it, and edits it keeping the secret", async () => {
    await signIn(page, stack.url);
    await page.locator("summary", { hasText: /^webhook$/ }).click();
    const form = page.locator("form", { has: page.locator('input[name="type"][value="webhook"]') });
    await form.getByLabel("Id").fill("ops");
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByLabel("Secret").fill(WEBHOOK_SECRET);
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
    expect(await page.getByLabel("Secret").inputValue()).toBe("");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("URL").fill(`${receiver.url}?edited`);
    await page.getByRole("button", { name: "Save channel ops" }).click();
    await page.waitForURL(/done=channel-saved/);
    const [ops] = await stack.runtime.store.listChannels();
    expect(ops?.config).toEqual({ url: `${receiver.url}?edited`, secret: WEBHOOK_SECRET });
  });
});
