// GET /api/v1/incidents and the /incidents page, through the real app over a seeded store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { HISTORY, NOW, seedRecord } from "../../test/helpers/seed-record.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterAll(() => store.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by value
type Json = any;

async function getJson(path: string, status = 200): Promise<Json> {
  const res = await app.request(path);
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return res.json();
}

const ids = async (query: string): Promise<string[]> =>
  (await getJson(`/api/v1/incidents${query}`)).incidents.map((i: { id: string }) => i.id);

// Newest first: acme-slow (05-03 11:00, open), quiet-down (05-03 10:00, open, critical), acme-outage
// (05-01 10:00–11:30, major, API), acme-maint (04-20), then acme-old-23 … acme-old-0 (March).
describe("GET /api/v1/incidents", () => {
  it.each([
    ["?limit=4", ["acme-slow", "quiet-down", "acme-outage", "acme-maint"]],
    ["?vendor=quiet", ["quiet-down"]],
    ["?vendor=acme&vendor=quiet&limit=3", ["acme-slow", "quiet-down", "acme-outage"]],
    ["?vendor=quiet,acme&limit=3", ["acme-slow", "quiet-down", "acme-outage"]],
    ["?category=cloud", []],
    ["?impact=major", ["quiet-down", "acme-outage"]],
    ["?impact=critical", ["quiet-down"]],
    // SLOW_WEB names API only as operational: not affected.
    ["?component=API", ["acme-outage"]],
    ["?component=api", []],
    ["?kind=maintenance", ["acme-maint"]],
    ["?status=open", ["acme-slow", "quiet-down"]],
    ["?q=BAD%20DEPLOY", ["acme-outage"]],
    ["?q=down&vendor=quiet", ["quiet-down"]],
    // Words, each the start of a word; punctuation and operators are separators.
    ["?q=identif%20DEPLOY", ["acme-outage"]],
    [`?q=${encodeURIComponent('"deploy*" OR (bad) -x')}`, []],
    [`?q=${encodeURIComponent('"deploy*" & (bad):*')}`, ["acme-outage"]],
    ["?q=ploy", []],
    ["?from=2024-05-01&to=2024-05-02", ["acme-outage"]],
    ["?at=2024-05-01T10:30", ["acme-outage"]],
    ["?from=2024-05-01T10:30:00Z&to=2024-05-01T10:30:00Z", ["acme-outage"]],
    ["?at=2024-05-01T11:30", ["acme-outage"]],
    ["?at=2024-05-01T11:31", []],
    ["?at=2024-05-03T10:30", ["quiet-down"]],
    ["?at=2024-05-03T11:00&status=open&impact=minor", ["acme-slow", "quiet-down"]],
  ])("filters %s", async (query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });

  it("answers each incident in the API's Incident shape", async () => {
    const [outage] = (await getJson("/api/v1/incidents?component=API")).incidents;
    expect(outage).toEqual(
      expect.objectContaining({
        vendor: "acme",
        title: "API errors <b>& timeouts",
        impact: "major",
        started_at: "2024-05-01T10:00:00.000Z",
        resolved_at: "2024-05-01T11:30:00.000Z",
        duration_seconds: 5400,
        detection_lag_seconds: 360,
        affected_components: [{ id: "c-api", name: "API", worst_status: "major_outage" }],
      }),
    );
  });

  it("pages across vendors within the filters, without overlap or gaps", async () => {
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const cursor: string = next === null ? "" : `&before=${next}`;
      const body: Json = await getJson(`/api/v1/incidents?limit=10&status=resolved${cursor}`);
      seen.push(...body.incidents.map((i: { id: string }) => i.id));
      next = body.next;
      pages++;
    } while (next !== null && pages < 10);
    expect(seen).toEqual(["acme-outage", "acme-maint", ...HISTORY.map((i) => i.id).reverse()]);
    expect(pages).toBe(3);
  });

  it("pages through a text search with other filters, without overlap or gaps", async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const cursor: string = next === null ? "" : `&before=${next}`;
      const body: Json = await getJson(`/api/v1/incidents?limit=10&q=OLD%20acme&status=resolved${cursor}`);
      seen.push(...body.incidents.map((i: { id: string }) => i.id));
      next = body.next;
    } while (next !== null && seen.length < 100);
    expect(seen).toEqual(HISTORY.map((i) => i.id).reverse());
  });

  it("takes text with no words as no text filter, never as an error", async () => {
    for (const q of ['"', "*", ":*", "&|!", "'", "()", "%_"].map(encodeURIComponent))
      expect(await ids(`?q=${q}&limit=100`), q).toHaveLength(28);
  });

  it("clamps the limit rather than refusing it", async () => {
    expect(await ids("?limit=0")).toEqual(["acme-slow"]);
    expect(await ids("?limit=100000")).toHaveLength(28);
  });

  it.each([
    ["vendor=nobody", /^vendor: no vendor "nobody"$/],
    ["vendor=acme&vendor=nobody", /^vendor: no vendor "nobody"$/],
    ["category=gaming", /^category must be one of /],
    ["impact=maintenance", /^impact must be one of none, minor, major, critical, got "maintenance"$/],
    ["kind=outage", /^kind must be one of /],
    ["status=closed", /^status must be open or resolved/],
    ["from=yesterday", /^from must be a date like 2024-05-01 or a UTC time/],
    ["at=2024-05-01T25:00", /^from must be a date/],
    ["at=2024-05-01T10:00&from=2024-05-01", /^at is one instant/],
    ["from=2024-05-02&to=2024-05-01", /^from must not be after to/],
    [`q=${"x".repeat(201)}`, /^q must be at most 200 characters$/],
    ["before=garbage", /^invalid cursor/],
  ])("refuses %s with 400 and a one-line error", async (query, message) => {
    const body = await getJson(`/api/v1/incidents?${query}`, 400);
    expect(body).toEqual({ error: expect.stringMatching(message) });
    expect(body.error).not.toContain("\n");
  });
});

describe("GET /incidents", () => {
  const page = async (query: string, status = 200) => {
    const res = await app.request(`/incidents${query}`);
    expect(res.status).toBe(status);
    return res.text();
  };

  it("shows every vendor's incidents as rows with their facts, and the filters", async () => {
    const text = await page("?vendor=acme&vendor=quiet&impact=major");
    expect(text).toContain("<h1>Outage history</h1>");
    expect(text).toContain('<a href="/incidents/quiet-down">Everything is down</a>');
    expect(text).toContain('<a href="/incidents/acme-outage">API errors &lt;b&gt;&amp; timeouts</a>');
    expect(text).not.toContain("Web app is slow");
    expect(text).toMatch(/<option value="quiet" selected>\s*Quiet Co\s*<\/option>/);
    expect(text).toContain('<input type="datetime-local" name="at" value=""');
    expect(text).toContain("1 h 30 min"); // the outage's duration
    expect(text).toContain("6 min 0 s"); // its detection lag
  });

  it("keeps the other filters in the instant form and shows the instant", async () => {
    const text = await page("?vendor=acme&at=2024-05-01T10:30");
    expect(text).toContain('<input type="hidden" name="vendor" value="acme" />');
    expect(text).toContain('<input type="datetime-local" name="at" value="2024-05-01T10:30"');
    expect(text).toContain("Going on at 2024-05-01 10:30 UTC");
    expect(text).toContain("/incidents/acme-outage");
    expect(text).not.toContain("/incidents/acme-slow");
  });

  it("shows a later page of the filters, with a way back to the newest", async () => {
    const { next } = await getJson("/api/v1/incidents?limit=2&status=resolved");
    const text = await page(`?status=resolved&before=${next}`);
    expect(text).toContain('<a href="/incidents?status=resolved">Newest</a>');
    expect(text).toContain("/incidents/acme-old-23");
    expect(text).not.toContain("/incidents/acme-outage");
  });

  it("answers bad filters with a 400 page", async () => {
    expect(await page("?impact=huge", 400)).toContain("impact must be one of");
  });

  it("is linked from the site's navigation and the dashboard's recent incidents", async () => {
    const dashboard = await (await app.request("/")).text();
    expect(dashboard).toContain('<a href="/incidents">Incidents</a>');
    expect(dashboard).toContain(
      '<a href="/incidents">Older incidents: the outage history across vendors</a>',
    );
  });
});
