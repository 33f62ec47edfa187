import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import type { VendorStatus } from "../vendor-status.ts";
import { NOW, seedRecord } from "../../../test/helpers/seed-record.ts";
import { applyDashboardFilter, parseDashboardFilter, listCategories } from "./dashboard-filter.ts";
import type { Vendor } from "../../domain/vendor.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await store.addVendor(
    { slug: "zen", name: "Zen", url: "https://zen.example", platform: "feed" },
    NOW.toISOString(),
  );
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

async function rows(path: string): Promise<string[]> {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  const body = await res.text();
  return [...body.matchAll(/<tr\s+data-slug="([^"]+)"/g)].map((m) => m[1]!);
}

describe("/ dashboard", () => {
  it("puts vendors with open incidents first, the worst status first among them", async () => {
    // quiet: open critical incident (major outage); acme: open minor incident (degraded); zen: never polled.
    expect(await rows("/")).toEqual(["quiet", "acme", "zen"]);
  });

  it.each([
    ["/?q=ACM", ["acme"]],
    ["/?q=co", ["quiet"]],
    ["/?status=stale", ["quiet"]],
    ["/?status=degraded_performance", ["acme"]],
    // zen was never read: its status is unknown, which is not plainly fine.
    ["/?status=problems", ["quiet", "acme", "zen"]],
    ["/?status=unknown", ["zen"]],
    ["/?status=nonsense", ["quiet", "acme", "zen"]],
    ["/?q=acme&status=major_outage", []],
    ["/?category=databases", []],
  ])("filters %s", async (path, expected) => {
    expect(await rows(path)).toEqual(expected);
  });

  it("keeps the filter in the form and says how many match", async () => {
    const body = await (await app.request("/?q=acme&status=problems")).text();
    expect(body).toContain('<form class="filters" method="get" action="/" role="search"');
    expect(body).toMatch(/<input type="search" name="q" value="acme"/);
    expect(body).toMatch(/<option value="problems" selected>/);
    expect(body).toContain("1 of 3 vendors match.");
    expect(body).not.toContain('name="category"');
    expect(await (await app.request("/?q=nothing-like-it")).text()).toContain("No vendor matches.");
  });

  it("marks a paused vendor", async () => {
    await store.setVendorPaused("zen", true);
    try {
      const body = await (await app.request("/?q=zen")).text();
      expect(body).toContain('<span class="badge" title="Not polled until resumed">paused</span>');
    } finally {
      await store.setVendorPaused("zen", false);
    }
    expect(await (await app.request("/?q=zen")).text()).not.toContain(">paused</span>");
  });

  it("updates live with JavaScript and reloads itself without it", async () => {
    const body = await (await app.request("/")).text();
    expect(body).toContain('<script src="/live.js" defer></script>');
    expect(body).toMatch(/<noscript><meta http-equiv="refresh" content="60" \/><\/noscript>/);
    expect(body).toMatch(/<table class="vendors" data-live>/);
    expect(body).toMatch(/data-cell="status"/);
    expect(body).toContain('aria-live="polite"');
    const script = await app.request("/live.js");
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    const text = await script.text();
    expect(text).toContain('new EventSource("/events/stream")');
    expect(text).toContain('fetch("/api/v1/vendors"');
    expect(() => new Function(text)).not.toThrow();
  });
});

describe("dashboard filter", () => {
  const status = (slug: string, category?: string): VendorStatus => ({
    vendor: { slug, name: slug, stale: false, openIncidents: 0, ...(category ? { category } : {}) } as Vendor,
    status: "operational",
    components: [],
  });

  it("filters by category once vendors have one, and lists the categories", () => {
    const all = [status("a", "cloud"), status("b", "payments"), status("c")];
    expect(listCategories(all)).toEqual(["cloud", "payments"]);
    const filter = parseDashboardFilter({ category: "cloud" });
    expect(applyDashboardFilter(all, filter).map((s) => s.vendor.slug)).toEqual(["a"]);
    expect(listCategories([status("c")])).toEqual([]);
  });

  it("reads a lenient filter from the query", () => {
    expect(parseDashboardFilter({ q: "  Git ", status: "stale", category: "" })).toEqual({
      q: "Git",
      status: "stale",
      category: null,
    });
    expect(parseDashboardFilter({ status: "<b>" })).toEqual({ q: "", status: null, category: null });
  });
});
