// Browser tests' world: a real `serve` (web, poller, live stream) on a temp SQLite file polling a
// loopback fake Statuspage every second, and Debian's Chromium driven by playwright-core.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { loadSettings } from "../../src/config/load.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { serve, type Server } from "../../src/serve.ts";
import { addVendor } from "../../src/poller/add-vendor.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";

export const ADMIN_TOKEN = "browser-test-admin-token-0123456789";
export const CHROMIUM = process.env.PINGORU_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const GITHUB_SUMMARY = sharedFixture("statuspage/github-summary.json");
export const GITHUB_INCIDENTS = sharedFixture("statuspage/github-incidents.json");

export interface Stack {
  url: string;
  vendor: FakeVendor;
  runtime: Runtime;
  close(): Promise<void>;
}

/** Serves GitHub's recorded page as vendor "github" and a second, quiet vendor "acme". */
export async function startStack(): Promise<Stack> {
  const vendor = await startFakeVendor({
    "/api/v2/summary.json": GITHUB_SUMMARY,
    "/api/v2/incidents.json": GITHUB_INCIDENTS,
  });
  const dir = mkdtempSync(join(tmpdir(), "pingoru-browser-"));
  const settings = loadSettings(
    { db: join(dir, "pingoru.db"), port: 0 },
    {
      PINGORU_POLL_INTERVAL: "1",
      PINGORU_ALLOW_PRIVATE_TARGETS: "1",
      PINGORU_ADMIN_TOKEN: ADMIN_TOKEN,
      PINGORU_HOST: "127.0.0.1",
    },
  );
  const runtime = await openRuntime(settings, pino({ level: "silent" }));
  let server: Server;
  try {
    await addVendor({ url: vendor.url, slug: "github", name: "GitHub" }, await runtime.pollDeps());
    await runtime.store.addVendor(
      { slug: "acme", name: "Acme Cloud", url: "https://acme.invalid", platform: "feed" },
      new Date().toISOString(),
    );
    // Its page does not exist: one failed poll makes it stale, and paused it stays that way.
    const now = new Date().toISOString();
    await runtime.store.savePoll({
      vendor: "acme",
      polledAt: now,
      nextPollAt: now,
      outcome: { ok: false, error: "connection refused", failures: 1 },
      events: [],
    });
    await runtime.store.setVendorPaused("acme", true);
    server = await serve(runtime, { tickMs: 200 });
  } catch (error) {
    await runtime.close();
    await vendor.close();
    throw error;
  }
  return {
    url: server.url,
    vendor,
    runtime,
    async close() {
      await server.stop();
      await runtime.close();
      await vendor.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** One context and page for a file's tests, made like new again before each (reset). */
export interface SharedPage {
  page: Page;
  context: BrowserContext;
  /** On a blank document, at the default viewport, light, with no cookies and nothing stored for `origin`. */
  reset(origin: string): Promise<void>;
}

/**
 * A page kept for a whole file instead of a context per test: a new context is a new renderer, which
 * loaded the pages' styles and scripts and compiled axe (half a megabyte) again for every test. What a
 * test can leave behind that a new page would not have is cleared by reset.
 */
export async function openSharedPage(browser: Browser): Promise<SharedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return {
    page,
    context,
    async reset(origin) {
      await page.goto("about:blank");
      await context.clearCookies();
      await cdp.send("Storage.clearDataForOrigin", { origin: new URL(origin).origin, storageTypes: "all" });
      await page.setViewportSize(DEFAULT_VIEWPORT);
      await page.emulateMedia({ colorScheme: "light" });
    },
  };
}
/** Playwright's viewport and colour scheme of a new page. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

/** GitHub's incidents.json with one new open incident on Git Operations at the top. */
export function incidentsWithOpenOne(title: string, now = new Date()): string {
  const doc = JSON.parse(GITHUB_INCIDENTS) as { incidents: unknown[] };
  const at = now.toISOString();
  const component = {
    code: "8l4ygp009s5s",
    name: "Git Operations",
    old_status: "operational",
    new_status: "major_outage",
  };
  doc.incidents.unshift({
    id: "browsertest01",
    name: title,
    status: "investigating",
    created_at: at,
    updated_at: at,
    monitoring_at: null,
    resolved_at: null,
    impact: "major",
    shortlink: "https://stspg.io/browsertest01",
    started_at: at,
    page_id: "kctbh9vrtdwd",
    incident_updates: [
      {
        id: "browsertest01u1",
        status: "investigating",
        body: "We are investigating failures of git operations.",
        incident_id: "browsertest01",
        created_at: at,
        updated_at: at,
        display_at: at,
        affected_components: [component],
      },
    ],
    components: [],
  });
  return JSON.stringify(doc);
}

/** GitHub's summary with Git Operations in a major outage (as the page shows during that incident). */
export function summaryWithOutage(): string {
  const doc = JSON.parse(GITHUB_SUMMARY) as { components: { id: string; status: string }[] };
  for (const c of doc.components) if (c.id === "8l4ygp009s5s") c.status = "major_outage";
  return JSON.stringify(doc);
}

export const AXE_SOURCE = readFileSync(new URL(import.meta.resolve("axe-core/axe.min.js")), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's serious and critical violations on the page: of every WCAG 2.1 A/AA and best-practice rule, or of the rules named. */
export async function seriousViolations(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern;
  // once per document (its half a megabyte took ~0.2 s to evaluate each time).
  if (await page.evaluate(() => !("axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (rules) => {
    const { axe } = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<{ violations: unknown }> };
    };
    const result = await axe.run({
      runOnly: rules
        ? { type: "rule", values: rules }
        : { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      // Only violations are read: axe then keeps one node per rule for passes and the rest, not all.
      resultTypes: ["violations"],
    });
    return result.violations as AxeViolation[];
  }, rules);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    }));
}

/** Signs in through the form; the browser then holds the session cookie. */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/admin`);
}

/** Tabs until `match` is focused (or gives up), returning what was focused on the way. */
export async function tabTo(
  p: Page,
  match: (el: FocusInfo) => boolean,
  limit = 60,
): Promise<FocusInfo | null> {
  for (let i = 0; i < limit; i++) {
    await p.keyboard.press("Tab");
    const info = await focusInfo(p);
    if (info !== null && match(info)) return info;
  }
  return null;
}

export interface FocusInfo {
  tag: string;
  name: string | null;
  text: string;
  outline: string;
}

export function focusInfo(p: Page): Promise<FocusInfo | null> {
  return p.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: unknown } }).document;
    const el = doc.activeElement as {
      tagName: string;
      getAttribute(n: string): string | null;
      textContent: string | null;
    } | null;
    if (el === null || el.tagName === "BODY") return null;
    const style = (
      globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
    ).getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute("name"),
      text: (el.textContent ?? "").trim(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

export const visibleFocus = (info: FocusInfo) =>
  !info.outline.startsWith("none") && !info.outline.endsWith(" 0px");
