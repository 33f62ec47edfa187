import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixtureHttp, sharedFixture, SHARED_FIXTURES } from "../../test/helpers/fixture-http.ts";
import type { IncidentSnapshot, UpdateSnapshot } from "../domain/model.ts";
import { feed, mapFeed } from "./feed.ts";
import { parseFeed } from "./feed-parse.ts";
import { parseHistoryUpdates } from "./statuspage-history.ts";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const series = (dir: string) =>
  readdirSync(`${SHARED_FIXTURES}statuspage/timeseries/${dir}`)
    .sort()
    .map((f) => `statuspage/timeseries/${dir}/${f}`);
const DAILY = series("github-history-atom");
const MONTHLY = series("github-history-atom-monthly");

const para = (mon: string, day: string, time: string, word: string, text: string) =>
  `<p><small>${mon} <var data-var='date'>${day}</var>, <var data-var='time'>${time}</var> UTC</small><br><strong>${word}</strong> - ${text}</p>`;

describe("Statuspage history.atom", () => {
  it("GitHub: one incident per entry, id = the /incidents/<code> of the link, updates oldest first", () => {
    const snapshot = mapFeed(parseFeed(sharedFixture("statuspage/github-history.atom"), "x"));
    expect(snapshot.pageName).toBe("GitHub");
    expect(snapshot.incidents).toHaveLength(25);
    const first = snapshot.incidents[0]!;
    expect(first).toMatchObject({
      id: "bhbcjn4n3jzp",
      title: "Intermittent failures creating agent tasks",
      url: "https://www.githubstatus.com/incidents/bhbcjn4n3jzp",
      status: "resolved",
    });
    expect(first.updates.at(-1)).toMatchObject({ status: "resolved", at: "2026-08-21T00:37:00.000Z" });
    expect(first.updates.at(-1)!.message).toMatch(/^This incident has been resolved\./);
    expect(first.updates.at(-1)!.message).not.toMatch(/<\/?p>|<strong>/);
  });

  it.each([
    [
      "Update keeps the previous status",
      ["Investigating", "Update", "Monitoring", "Update", "Resolved"],
      ["investigating", "investigating", "monitoring", "monitoring", "resolved"],
      "incident",
    ],
    [
      "a first Update opens the incident",
      ["Update", "Identified", "Resolved"],
      ["investigating", "identified", "resolved"],
      "incident",
    ],
    [
      "maintenance words",
      ["Scheduled", "In progress", "Verifying", "Completed"],
      ["scheduled", "in_progress", "verifying", "completed"],
      "maintenance",
    ],
    [
      "postmortem",
      ["Investigating", "Resolved", "Postmortem"],
      ["investigating", "resolved", "postmortem"],
      "incident",
    ],
  ])("%s", (_label, words, statuses, kind) => {
    // newest first in the HTML, as Statuspage writes it
    const html = words
      .map((w, i) => para("Aug", String(10 + i), "10:00", w, `m${i}`))
      .reverse()
      .join(" ");
    const parsed = parseHistoryUpdates(html, "abc", "2026-08-20T00:00:00Z");
    expect(parsed.updates.map((u) => u.status)).toEqual(statuses);
    expect(parsed.kind).toBe(kind);
    expect(parsed.updates.map((u) => u.message)).toEqual(words.map((_, i) => `m${i}`));
  });

  it.each([
    [
      "year rollover: December updates of an entry updated in January",
      "2026-01-02T10:00:00Z",
      [para("Jan", "1", "02:00", "Resolved", "r"), para("Dec", "31", "23:00", "Investigating", "i")],
      ["2025-12-31T23:00:00.000Z", "2026-01-01T02:00:00.000Z"],
    ],
    [
      "space-padded day and 2026 '<p> <small>' markup",
      "2026-08-09T00:00:00Z",
      [
        `<p> <small>Aug <var data-var='date'> 8</var>, <var data-var='time'>04:05</var> UTC</small><br> <strong>Resolved</strong> - r </p>`,
      ],
      ["2026-08-08T04:05:00.000Z"],
    ],
    [
      "never after <updated>: a same-month later day is last year",
      "2026-03-05T00:00:00Z",
      [para("Mar", "20", "10:00", "Resolved", "r")],
      ["2025-03-20T10:00:00.000Z"],
    ],
  ])("%s", (_label, updated, paragraphs, times) => {
    const parsed = parseHistoryUpdates(paragraphs.join(""), "abc", updated);
    expect(parsed.updates.map((u) => u.at)).toEqual(times);
  });

  it("two updates with the same minute and status still get distinct ids", () => {
    const html = para("Aug", "1", "10:00", "Update", "b") + para("Aug", "1", "10:00", "Investigating", "a");
    const ids = parseHistoryUpdates(html, "abc", "2026-08-02T00:00:00Z").updates.map((u) => u.id);
    expect(new Set(ids).size).toBe(2);
  });

  // The brief asked for "≥ published − 1 day"; the recordings disprove it (maintenances are
  // published a week after they were announced, postmortems weeks later), so the true bounds
  // are tested: never after <updated>, never before the first update the entry shows was
  // possible (published is never earlier than the first update), within 60 days of <updated>.
  it.each([...DAILY, ...MONTHLY])("%s: every entry parses into well-formed, bounded updates", (file) => {
    const doc = parseFeed(sharedFixture(file), file);
    const snapshot = mapFeed(doc);
    expect(snapshot.incidents).toHaveLength(doc.items.length);
    for (const item of doc.items) {
      const incident = snapshot.incidents.find((i) => item.link?.endsWith(`/incidents/${i.id}`))!;
      expect(incident.updates.length).toBeGreaterThan(0);
      const updated = Date.parse(item.updated!);
      for (const update of incident.updates) {
        expect(update.at).toMatch(ISO);
        expect(Date.parse(update.at)).toBeLessThanOrEqual(updated);
        expect(Date.parse(update.at)).toBeGreaterThan(updated - 60 * 86_400_000);
      }
      expect(Date.parse(incident.updates[0]!.at)).toBeLessThanOrEqual(Date.parse(item.published!));
      const times = incident.updates.map((u) => u.at);
      expect(times).toEqual([...times].sort());
    }
  });

  it.each([
    ["daily", DAILY],
    ["monthly", MONTHLY],
  ])(
    "%s snapshots: an incident's updates are identical wherever consecutive captures overlap",
    (_l, files) => {
      let previous = new Map<string, IncidentSnapshot>();
      let compared = 0;
      let edited = 0;
      for (const file of files) {
        const current = new Map(
          mapFeed(parseFeed(sharedFixture(file), file)).incidents.map((i) => [i.id, i]),
        );
        for (const [id, incident] of current) {
          const before = previous.get(id);
          if (!before) continue;
          const byId = new Map(incident.updates.map((u) => [u.id, u]));
          for (const update of before.updates) {
            const same: UpdateSnapshot | undefined = byId.get(update.id);
            expect(same, `${file} ${id} lost ${update.at}`).toBeDefined();
            // Vendors do edit an update's text afterwards (GitHub replaced "This incident has been
            // resolved." with a root-cause summary); identity, time, status and order never move.
            expect({ ...same, message: "" }).toEqual({ ...update, message: "" });
            if (same!.message !== update.message) edited++;
            compared++;
          }
        }
        previous = current;
      }
      expect(compared).toBeGreaterThan(100);
      expect(edited).toBeLessThan(compared / 20);
    },
  );
});

describe("generic feeds", () => {
  const rss = (items: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme Status</title>${items}</channel></rss>`;

  it.each([
    ["a stated status line", "<b>Status: Monitoring</b><br/>A fix is out.", "monitoring"],
    ["a resolved message", "The issue has been resolved.", "resolved"],
    ["no status words", "Some customers see slow page loads.", "investigating"],
    ["a leading strong word", "<strong>Identified</strong> - found it", "identified"],
  ])("one item, one incident, one update: %s → %s", (_label, html, status) => {
    const body = rss(
      `<item><title>Slow pages</title><link>https://status.acme.test/i/1</link><guid>g-1</guid>` +
        `<pubDate>Tue, 18 Aug 2026 11:42:59 -0700</pubDate><description>${html.replace(/</g, "&lt;")}</description></item>`,
    );
    const [incident] = mapFeed(parseFeed(body, "x")).incidents;
    expect(incident).toMatchObject({
      id: "g-1",
      title: "Slow pages",
      url: "https://status.acme.test/i/1",
      status,
    });
    expect(incident!.updates).toHaveLength(1);
    expect(incident!.updates[0]!.at).toBe("2026-08-18T18:42:59.000Z");
  });

  it.each([
    [
      "a DOCTYPE (entity expansion)",
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel><title>&a;</title></channel></rss>`,
      "parse",
      /DOCTYPE/,
    ],
    ["broken XML", `<rss><channel><item></channel></rss>`, "parse", /invalid XML/],
    ["an HTML page", `<!DOCTYPE html><html><body>hi</body></html>`, "shape", /HTML/],
    ["XML that is not a feed", `<?xml version="1.0"?><note><to>x</to></note>`, "shape", /not an RSS/],
  ])("refuses %s", (_label, body, kind, message) => {
    expect(() => parseFeed(body, "https://x.test/feed")).toThrow(message);
    try {
      parseFeed(body, "https://x.test/feed");
    } catch (error) {
      expect(error).toMatchObject({ kind, url: "https://x.test/feed" });
    }
  });

  it("never expands entities beyond XML's predefined ones", () => {
    const body = rss(
      `<item><title>A &amp; B &#233; &nbsp;</title><guid>1</guid><pubDate>Tue, 18 Aug 2026 11:42:59 GMT</pubDate></item>`,
    );
    expect(mapFeed(parseFeed(body, "x")).incidents[0]!.title).toBe("A & B é &nbsp;");
  });
});

describe("feed platform", () => {
  const page = "https://www.githubstatus.com";

  it("reads feedUrl when given, else the page URL", async () => {
    const http = fixtureHttp({ [`${page}/history.atom`]: { shared: "statuspage/github-history.atom" } });
    const result = await feed.read({ url: page, feedUrl: `${page}/history.atom` }, { http });
    expect(result.unchanged === false && result.snapshot.incidents.length).toBe(25);
  });

  it("finds the feed an HTML page advertises", async () => {
    const html = `<html><head><link rel="alternate" type="application/atom+xml" href="/history.atom"></head></html>`;
    const http = fixtureHttp({
      [page]: { body: html },
      [`${page}/history.atom`]: { shared: "statuspage/github-history.atom" },
    });
    expect((await feed.read({ url: page }, { http })).unchanged).toBe(false);
    expect(await feed.detect(page, { http })).toMatchObject({ kind: "feed", confidence: 0.5 });
  });

  it("is unchanged without parsing when the feed is notModified (body not even XML)", async () => {
    const http = fixtureHttp({ [`${page}/history.atom`]: { body: "<<<", notModified: true } });
    expect(await feed.read({ url: `${page}/history.atom` }, { http })).toEqual({ unchanged: true });
  });

  it("detects a feed URL with high confidence, and nothing at an unrelated page", async () => {
    const http = fixtureHttp({
      [`${page}/history.atom`]: { shared: "statuspage/github-history.atom" },
      "https://plain.test": { body: "<html><body>hello</body></html>" },
    });
    expect(await feed.detect(`${page}/history.atom`, { http })).toMatchObject({
      kind: "feed",
      confidence: 0.95,
    });
    expect(await feed.detect("https://plain.test", { http })).toBeNull();
  });
});
