import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { HISTORY, NOW, OUTAGE, seedRecord } from "../../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

async function page(path: string, status = 200): Promise<string> {
  const res = await app.request(path);
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return res.text();
}

/** Every <script> in a page must be our own external helper, never vendor text. */
function scripts(body: string): string[] {
  return body.match(/<script\b[^>]*>/gi) ?? [];
}

/** The history section only: uptime cells above it link to incidents too. */
function history(body: string): string {
  return body.slice(body.indexOf('<h2 id="history">'));
}

function positions(body: string, needles: string[]): number[] {
  return needles.map((n) => body.indexOf(n));
}

describe("/", () => {
  it("lists vendors with status in words, open count, last check and the stale mark", async () => {
    const body = await page("/");
    expect(body).toContain('<a href="/vendors/acme">Acme</a>');
    expect(body).toContain("Degraded performance");
    expect(body).toContain("Major outage");
    expect(body).toContain("(1 min 0 s ago)");
    expect(body.match(/class="stale"/g)).toHaveLength(1);
    expect(body).toContain("HTTP 503 from https://quiet.example");
    expect(body).toMatch(/<meta http-equiv="refresh" content="60"/);
  });
});

describe("/vendors/:slug", () => {
  it("shows components grouped in the vendor's order", async () => {
    const body = await page("/vendors/acme");
    const [core, api, web, other, docs] = positions(body, [
      "<h3>Core</h3>",
      "<span>API</span>",
      "<span>Web app</span>",
      "<h3>Other components</h3>",
      "<span>Docs</span>",
    ]);
    expect(core).toBeGreaterThan(0);
    expect([core, api, web, other, docs]).toEqual([...[core, api, web, other, docs]].sort((a, b) => a! - b!));
  });

  it("shows history newest first with links, facts and affected components as a list", async () => {
    const body = history(await page("/vendors/acme"));
    const [slow, outage] = positions(body, ['href="/incidents/acme-slow"', 'href="/incidents/acme-outage"']);
    expect(slow).toBeGreaterThan(0);
    expect(outage).toBeGreaterThan(slow!);
    expect(body).toContain("open for 1 h");
    expect(body).toContain("1 h 30 min");
    expect(body).toMatch(/<ul>\s*<li>API — <span class="status status-major_outage"/);
    expect(body).toContain("API errors &lt;b&gt;&amp; timeouts");
    expect(body).not.toContain("<b>& timeouts");
  });

  it("pages older history with ?before=", async () => {
    const first = await page("/vendors/acme");
    const next = /href="\/vendors\/acme\?before=([^"#]+)#history" rel="next"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = history(await page(`/vendors/acme?before=${next}`));
    expect(second).toContain(`href="/incidents/${HISTORY[0]?.id}"`);
    expect(second).not.toContain('href="/incidents/acme-slow"');
    expect(second).toContain(">Newest</a>");
  });

  it("filters by kind", async () => {
    const body = history(await page("/vendors/acme?kind=maintenance"));
    expect(body).toContain("Database upgrade");
    expect(body).not.toContain("Web app is slow");
    await page("/vendors/acme?kind=nonsense", 400);
  });

  it("says when a vendor is stale and has no components", async () => {
    const body = await page("/vendors/quiet");
    expect(body).toContain("The last poll failed (HTTP 503 from https://quiet.example)");
    expect(body).toContain("lists no components");
    expect(body).toContain("Everything is down");
  });

  it("404s an unknown vendor", async () => {
    expect(await page("/vendors/nope", 404)).toContain("Vendor not found");
  });
});

describe("/incidents/:id", () => {
  it("shows the facts, the vendor link and the vendor's own report", async () => {
    const body = await page("/incidents/acme-outage");
    expect(body).toContain("<h1>API errors &lt;b&gt;&amp; timeouts</h1>");
    expect(body).toContain('<a href="/vendors/acme">Acme</a>');
    expect(body).toContain('href="https://status.example.com/incidents/acme-outage"');
    expect(body).toContain("Detected by Pingoru 6 min 0 s after it started");
    expect(body).toContain("1 h 30 min");
    // Without the script the page reads UTC, labelled; the zone switch needs the script, so it is hidden.
    expect(body).toMatch(
      /<time datetime="2024-05-01T10:0\d:00.000Z" title="[^"]+">1 May 2024, 10:0\d UTC<\/time>/,
    );
    expect(body).toMatch(/<label class="zone-switch" hidden/);
  });

  it("shows the timeline oldest first with each update's component states", async () => {
    const body = await page("/incidents/acme-outage");
    const at = positions(body, [
      "We are investigating errors.",
      "Partial outage",
      "Cause <strong>identified</strong>",
      "All systems are back to normal.",
    ]);
    expect(at.every((p) => p > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(body).toContain('<a href="https://acme.example/errors" rel="noopener nofollow">');
  });

  it("never carries vendor script into the page", async () => {
    const body = await page("/incidents/acme-outage");
    expect(scripts(body)).toEqual(['<script src="/local-time.js" defer>']);
    expect(body).not.toContain("alert(");
    expect(body).not.toMatch(/&amp;(amp|lt|gt);/);
  });

  it("says from history for baseline records", async () => {
    expect(await page("/incidents/acme-maint")).toContain("from history");
  });

  it("404s an unknown incident", async () => {
    expect(await page("/incidents/nope", 404)).toContain("Incident not found");
  });
});

describe("assets and unknown pages", () => {
  it("serves one stylesheet with dark mode", async () => {
    const res = await app.request("/style.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await res.text()).toContain("prefers-color-scheme: dark");
  });

  it("serves the optional local-time script as a separate file", async () => {
    const res = await app.request("/local-time.js");
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await res.text()).toContain('querySelectorAll("time[datetime]")');
  });

  it("answers unknown pages with an HTML 404", async () => {
    expect(await page("/nothing/here", 404)).toContain("Page not found");
  });
});

it("renders the outage title escaped exactly once", async () => {
  const body = await page(`/incidents/${OUTAGE.id}`);
  expect(body).toContain("<title>API errors &lt;b&gt;&amp; timeouts · Pingoru</title>");
});

describe("web conventions", () => {
  /** The feeds a page announces in its <head>: [type, href]. */
  const announced = (body: string) =>
    [...body.matchAll(/<link\s[^>]*rel="alternate"[^>]*>/g)].map(([tag]) => [
      /type="([^"]+)"/.exec(tag)![1]!,
      /href="([^"]+)"/.exec(tag)![1]!,
    ]);

  it.each([
    ["/", "/feed", "/calendar.ics"],
    ["/vendors/acme", "/vendors/acme/feed", "/vendors/acme/calendar.ics"],
  ])(
    "%s announces and links its Atom, RSS and JSON feeds and its maintenance calendar, each served with its type",
    async (path, feed, calendar) => {
      const body = await page(path);
      const links = announced(body);
      expect(links).toEqual([
        ["application/atom+xml", `${feed}.atom`],
        ["application/rss+xml", `${feed}.rss`],
        ["application/feed+json", `${feed}.json`],
        ["text/calendar", calendar],
      ]);
      const footer = /<footer class="site">[\s\S]*<\/footer>/.exec(body)![0];
      expect(
        [...footer.matchAll(/<a href="([^"]+)" type="([^"]+)"/g)].map(([, href, type]) => [type, href]),
      ).toEqual(links);
      for (const [type, href] of links) {
        const res = await app.request(href!);
        expect(res.status, href).toBe(200);
        expect(res.headers.get("content-type"), href).toContain(type!);
      }
    },
  );

  it("every page has an icon, and it is served", async () => {
    expect(await page("/")).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    const icon = await app.request("/favicon.svg");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toMatch(/^<svg /);
    expect((await app.request("/favicon.ico")).headers.get("location")).toBe("/favicon.svg");
  });
});

describe("/api", () => {
  it("lists the JSON API's endpoints with what they give, and links the OpenAPI document", async () => {
    const body = await page("/api");
    expect(body).toContain('<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>');
    expect(body).toContain('<a href="/api/v1/vendors">/api/v1/vendors</a>');
    expect(body).toContain("Every vendor with its roll-up status");
    expect(body).toContain("/api/v1/vendors/{slug}/incidents");
    // Every documented path is on the page.
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: object };
    for (const path of Object.keys(doc.paths)) expect(body).toContain(`/api/v1${path}`);
  });

  it("is where the site's API link goes", async () => {
    expect(await page("/")).toContain('<a href="/api">API</a>');
  });
});
