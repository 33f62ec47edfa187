import { parseAtomFeed, parseFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { makeIncident, NOW, seedRecord } from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;
let publicApp: ReturnType<typeof createApp>;

// A second vendor whose text tries to break the XML: markup in the title, a control character,
// an update id with characters a tag URI must escape.
const TRICKY = makeIncident({
  id: "beta-1",
  vendor: "beta",
  title: `Queue "stuck" & <slow>`,
  status: "monitoring",
  resolvedAt: null,
  startedAt: "2024-05-02T09:00:00.000Z",
  updates: [
    {
      id: "up/1 ?x",
      status: "monitoring",
      at: "2024-05-02T09:30:00.000Z",
      message: "Bell\u0007 rang; a ]]> and <img src=x onerror=alert(1)> tag.",
      components: [{ id: null, name: "Queue <eu>", status: "degraded_performance" }],
    },
  ],
});

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  await store.addVendor(
    { slug: "beta", name: "Beta & Co", url: "https://beta.example", platform: "feed" },
    NOW.toISOString(),
  );
  await store.savePoll({
    vendor: "beta",
    polledAt: NOW.toISOString(),
    nextPollAt: NOW.toISOString(),
    outcome: { ok: true, incidents: [TRICKY] },
    events: [],
  });
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
  publicApp = createApp({
    store,
    now: () => NOW,
    pollIntervalSeconds: 60,
    publicUrl: "https://status.example.org/pingoru/",
  });
});
afterAll(() => store.close());

async function fetchFeed(path: string, target = app, origin = "http://localhost:8080") {
  const res = await target.request(`${origin}${path}`);
  expect(res.status).toBe(200);
  return {
    body: await res.text(),
    type: res.headers.get("content-type"),
    cache: res.headers.get("cache-control"),
  };
}

const ALL_IDS = ["s1", "up/1 ?x", "u3", "u2", "u1"]; // newest first across vendors
const ACME_IDS = ["s1", "u3", "u2", "u1"];
const tag = (host: string, incident: string, update: string) =>
  `tag:${host},2026:incident/${encodeURIComponent(incident)}/update/${encodeURIComponent(update)}`;

describe("feeds parse with feedsmith, one entry per update, newest first", () => {
  it.each([
    ["/feed.atom", "atom", ALL_IDS],
    ["/feed.rss", "rss", ALL_IDS],
    ["/feed.json", "json", ALL_IDS],
    ["/vendors/acme/feed.atom", "atom", ACME_IDS],
    ["/vendors/acme/feed.rss", "rss", ACME_IDS],
    ["/vendors/acme/feed.json", "json", ACME_IDS],
  ])("%s", async (path, format, updateIds) => {
    const { body, type, cache } = await fetchFeed(path);
    expect(type).toBe(
      {
        atom: "application/atom+xml; charset=utf-8",
        rss: "application/rss+xml; charset=utf-8",
        json: "application/feed+json; charset=utf-8",
      }[format],
    );
    expect(cache).toMatch(/max-age=\d+/);
    if (format !== "json") expect(XMLValidator.validate(body)).toBe(true);
    expect(body).not.toContain("\u0007"); // XML 1.0 cannot carry it, even escaped
    const parsed = parseFeed(body);
    expect(parsed.format).toBe(format);
    const incidentOf = (id: string) =>
      id === "s1" ? "acme-slow" : id === "up/1 ?x" ? "beta-1" : "acme-outage";
    const expectedIds = updateIds.map((u) => tag("localhost", incidentOf(u), u));
    const ids =
      parsed.format === "atom"
        ? parsed.feed.entries?.map((e) => e.id)
        : parsed.format === "rss"
          ? parsed.feed.items?.map((i) => i.guid?.value)
          : parsed.format === "json"
            ? parsed.feed.items?.map((i) => i.id)
            : [];
    expect(ids).toEqual(expectedIds);
  });
});

describe("Atom", () => {
  it("has titles, absolute links to Pingoru's incident page, sanitized content and the update's components", async () => {
    const feed = parseAtomFeed((await fetchFeed("/feed.atom")).body);
    expect(feed.title?.value).toBe("Pingoru: all vendors");
    expect(feed.updated).toBe("2024-05-03T11:00:00.000Z");
    expect(feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rel: "self", href: "http://localhost:8080/feed.atom" }),
        expect.objectContaining({ rel: "alternate", href: "http://localhost:8080/" }),
      ]),
    );
    const [slow, tricky, resolved, identified, first] = feed.entries ?? [];
    expect(slow?.title?.value).toBe("Acme: Web app is slow — Investigating");
    expect(resolved?.title?.value).toBe("Acme: API errors <b>& timeouts — Resolved");
    expect(identified?.content?.value).toBe(
      "<p>Cause <strong>identified</strong>: a bad deploy.</p><p>Components at this update:</p><ul><li>API: major outage</li></ul>",
    );
    expect(tricky?.title?.value).toBe(`Beta & Co: Queue "stuck" & <slow> — Monitoring`);
    expect(tricky?.content?.value).not.toMatch(/<img|onerror/);
    expect(tricky?.content?.value).toContain("<li>Queue &lt;eu&gt;: degraded performance</li>");
    expect(first?.content?.value).not.toMatch(/<script|alert/);
    expect(first?.content?.value).toContain('<a href="https://acme.example/errors" rel="noopener nofollow">');
    expect(first?.links).toEqual([
      expect.objectContaining({ rel: "alternate", href: "http://localhost:8080/incidents/acme-outage" }),
      expect.objectContaining({ rel: "related", href: "https://status.example.com/incidents/acme-outage" }),
    ]);
    expect(first?.updated).toBe("2024-05-01T10:05:00.000Z");
    expect(first?.authors?.[0]?.name).toBe("Acme");
    expect(first?.categories?.[0]?.term).toBe("investigating");
  });

  it("keeps entry ids when fetched again and with a different limit", async () => {
    const ids = async (path: string) => parseAtomFeed((await fetchFeed(path)).body).entries?.map((e) => e.id);
    const all = await ids("/feed.atom");
    expect(await ids("/feed.atom")).toEqual(all);
    expect(await ids("/feed.atom?limit=2")).toEqual(all?.slice(0, 2));
    expect(await ids("/feed.atom?limit=0")).toEqual(all?.slice(0, 1));
    expect(await ids("/feed.atom?limit=nonsense")).toEqual(all);
  });

  it("answers a repeated fetch with 304 Not Modified when the feed has not changed", async () => {
    const first = await app.request("/vendors/acme/feed.atom");
    const tagValue = first.headers.get("etag");
    expect(tagValue).toBeTruthy();
    const again = await app.request("/vendors/acme/feed.atom", { headers: { "if-none-match": tagValue! } });
    expect(again.status).toBe(304);
    const other = await app.request("/vendors/beta/feed.atom", { headers: { "if-none-match": tagValue! } });
    expect(other.status).toBe(200);
  });

  it("builds links from PINGORU_PUBLIC_URL when set, whatever the request's origin", async () => {
    const feed = parseAtomFeed(
      (await fetchFeed("/vendors/acme/feed.atom", publicApp, "http://10.0.0.5:8080")).body,
    );
    expect(feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rel: "self",
          href: "https://status.example.org/pingoru/vendors/acme/feed.atom",
        }),
        expect.objectContaining({
          rel: "alternate",
          href: "https://status.example.org/pingoru/vendors/acme",
        }),
      ]),
    );
    expect(feed.entries?.[0]?.id).toBe(tag("status.example.org", "acme-slow", "s1"));
    expect(feed.entries?.[0]?.links?.[0]?.href).toBe(
      "https://status.example.org/pingoru/incidents/acme-slow",
    );
  });
});

describe("RSS and JSON Feed", () => {
  it("RSS items carry title, link, guid, RFC 822 date, category and HTML description", async () => {
    const feed = parseRssFeed((await fetchFeed("/vendors/beta/feed.rss")).body);
    expect(feed.title).toBe("Pingoru: Beta & Co");
    expect(feed.link).toBe("http://localhost:8080/vendors/beta");
    const [item] = feed.items ?? [];
    expect(item).toMatchObject({
      title: `Beta & Co: Queue "stuck" & <slow> — Monitoring`,
      link: "http://localhost:8080/incidents/beta-1",
      guid: { value: tag("localhost", "beta-1", "up/1 ?x"), isPermaLink: false },
      pubDate: "Thu, 02 May 2024 09:30:00 GMT",
      categories: [{ name: "monitoring" }],
    });
    expect(item?.description).toContain("a ]]&gt; and");
  });

  it("JSON Feed 1.1 items carry id, url, external_url, title, content_html, date and tags", async () => {
    const { body } = await fetchFeed("/vendors/acme/feed.json");
    expect(JSON.parse(body).version).toBe("https://jsonfeed.org/version/1.1");
    const feed = parseJsonFeed(body);
    expect(feed.feed_url).toBe("http://localhost:8080/vendors/acme/feed.json");
    expect(feed.items?.[1]).toMatchObject({
      id: tag("localhost", "acme-outage", "u3"),
      url: "http://localhost:8080/incidents/acme-outage",
      external_url: "https://status.example.com/incidents/acme-outage",
      title: "Acme: API errors <b>& timeouts — Resolved",
      content_html:
        "<p>All systems are back to normal.</p><p>Components at this update:</p><ul><li>API: operational</li></ul>",
      date_published: "2024-05-01T11:30:00.000Z",
      tags: ["resolved"],
    });
  });

  it("a vendor with no updates gives a valid empty feed; an unknown vendor 404", async () => {
    const feed = parseAtomFeed((await fetchFeed("/vendors/quiet/feed.atom")).body);
    expect(feed.entries ?? []).toEqual([]);
    expect(feed.updated).toBe(NOW.toISOString());
    for (const format of ["atom", "rss", "json"])
      expect((await app.request(`/vendors/nobody/feed.${format}`)).status).toBe(404);
  });
});
