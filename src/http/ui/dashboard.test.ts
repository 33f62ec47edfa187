import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import type { VendorStatus } from "../vendor-status.ts";
import { NOW, seedRecord, seedResolvedDaysAgo } from "../../../test/helpers/seed-record.ts";
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
  await seedResolvedDaysAgo(store);
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

/** The part of the page between two markers, so a title is looked for where it belongs. */
const between = (body: string, from: string, to: string) => body.slice(body.indexOf(from), body.indexOf(to));

describe("/ dashboard: what is broken now, and since when", () => {
  it("is sent gzipped to clients that accept it, with an ETag a revisit can match", async () => {
    const res = await app.request("/", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const etag = res.headers.get("etag")!;
    expect((await app.request("/", { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("lists each open incident, newest first, with its vendor, impact, components, time open and link", async () => {
    const body = await (await app.request("/")).text();
    const open = between(body, 'id="open-now"', 'id="recent"');
    expect(open).toContain("2 open incidents at 2 vendors");
    const [slow, down] = [open.indexOf("/incidents/acme-slow"), open.indexOf("/incidents/quiet-down")];
    expect(slow).toBeGreaterThan(0);
    expect(down).toBeGreaterThan(slow);
    expect(open).toContain(
      '<a class="vendor" href="/vendors/quiet">Quiet Co</a>: <a href="/incidents/quiet-down">Everything is down</a>',
    );
    expect(open).toContain("Critical impact");
    expect(open).toContain("open for 2 h 0 min, since");
    expect(open).toContain('<time datetime="2024-05-03T10:00:00.000Z"');
    expect(open).toMatch(/<li>Web app <span class="status status-degraded_performance"/);
    // Named by the vendor but never worse than operational: collapsed, not among the affected.
    expect(open).toMatch(/<details class="also-listed">\s*<summary>also listed as operational: 1<\/summary>/);
    expect(open).toContain("No components named.");
  });

  it("lists the incidents of the last 7 days, escaped, and not older ones", async () => {
    const body = await (await app.request("/")).text();
    const recent = between(body, 'id="recent"', 'id="vendors"');
    expect(recent).toContain('<a href="/incidents/acme-3d">Logins failed</a>');
    expect(recent).toContain("lasted 3 h");
    expect(recent).toContain("API errors &lt;b&gt;&amp; timeouts");
    expect(recent).not.toContain("<b>&");
    expect(recent).not.toContain("Old outage");
    expect(recent).not.toContain("Database upgrade"); // a maintenance
    expect(recent).not.toContain("/incidents/acme-slow"); // open: listed above
  });

  it("draws a 90-day bar per vendor whose incident days link to the incident", async () => {
    const body = await (await app.request("/")).text();
    const acme = between(body, '<tr\n    data-slug="acme"', '<tr\n    data-slug="zen"');
    const spans = [...acme.matchAll(/<li\s+class="day[^>]*>/g)].map((m) =>
      Number(/--span: (\d+)/.exec(m[0])?.[1] ?? 1),
    );
    expect(spans.reduce((a, b) => a + b)).toBe(90);
    expect(acme).toContain('title="2024-04-30 (UTC): Partial outage — Logins failed"');
    expect(acme).toContain('href="/incidents/acme-3d"');
    expect(acme).toMatch(/title="2024-05-01 \(UTC\): Major outage — API errors &lt;b&gt;&amp; timeouts"/);
    // zen was never read: all 90 days are one run without data.
    const zen = body.slice(body.indexOf('<tr\n    data-slug="zen"'));
    expect(zen).toMatch(
      /<li\s+class="day day-no_data"\s+style="--span: 90"\s+title="2024-02-04 – 2024-05-03 \(UTC\): No data"/,
    );
  });

  it("shows only the shown vendors' incidents, and serves that part alone at /now for live updates", async () => {
    const body = await (await app.request("/?q=quiet")).text();
    expect(body).toContain('data-live-src="/now?q=quiet"');
    const part = await (await app.request("/now?q=quiet")).text();
    expect(part).not.toContain("<html");
    expect(part).toContain("1 open incident at 1 vendor");
    expect(part).toContain("/incidents/quiet-down");
    expect(part).not.toContain("/incidents/acme-");
    expect(part).toContain("None resolved in the last 7 days.");
    expect(await (await app.request("/now?q=nothing-like-it")).text()).toContain("No open incidents");
    const degraded = await (await app.request("/now?status=degraded_performance")).text();
    expect(degraded).toContain("/incidents/acme-slow");
    expect(degraded).not.toContain("/incidents/quiet-down");
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
    expect(listCategories(all)).toEqual([
      { category: "cloud", vendors: 1, problems: 0 },
      { category: "payments", vendors: 1, problems: 0 },
    ]);
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
