// ?format=csv|jsonl on GET /api/v1/vendors/:slug/uptime and GET /api/v1/sla, and the exports across
// vendors behind `pingoru export uptime|sla`, through the real app over a real store on SQLite and on
// PostgreSQL: the same figures as the JSON answers, CSV read back, a hostile vendor's text neutralised.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCredits } from "../domain/sla.ts";
import { PingoruError } from "../lib/errors.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { openSlaExport, openUptimeExport } from "./sla-export.ts";
import { parseCsv } from "../../test/helpers/parse-csv.ts";
import { openIsolatedPgStore, pgRun } from "../../test/helpers/postgres.ts";
import { makeIncident, NOW, seedRecord } from "../../test/helpers/seed-record.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const EVIL_NAME = "=cmd|'/c calc'!A1";
const EVIL_COMPONENT = "-Edge, EU";

const STORES: [string, () => Promise<Store>][] = [["SQLite", () => openStore(":memory:")]];
if (pgRun) STORES.push(["PostgreSQL", openIsolatedPgStore]);

describe.each(STORES)("uptime and SLA exports on %s", (_name, open) => {
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = await open();
    await seedRecord(store);
    // A vendor whose name and component would be formulas in a spreadsheet, down 30 min on 2024-04-10.
    await store.addVendor(
      { slug: "evil", name: EVIL_NAME, url: "https://evil.example", platform: "feed" },
      "2024-04-01T00:00:00.000Z",
    );
    await store.savePoll({
      vendor: "evil",
      polledAt: "2024-04-01T00:00:00.000Z",
      nextPollAt: NOW.toISOString(),
      outcome: {
        ok: true,
        components: [
          {
            id: "e1",
            name: EVIL_COMPONENT,
            group: null,
            position: 0,
            status: "operational",
            rawStatus: "up",
          },
        ],
        incidents: [
          makeIncident({
            id: "evil-1",
            vendor: "evil",
            startedAt: "2024-04-10T09:00:00.000Z",
            resolvedAt: "2024-04-10T09:30:00.000Z",
            affectedComponents: [{ id: "e1", name: EVIL_COMPONENT, worstStatus: "major_outage" }],
          }),
        ],
      },
      events: [],
    });
    await store.setSla({
      vendor: "acme",
      component: null,
      targetPercent: 99.99,
      credits: parseCredits("99.99:10"),
      claimDays: 30,
    });
    await store.setSla({
      vendor: "acme",
      component: "Docs",
      targetPercent: 99.9,
      credits: [],
      claimDays: null,
    });
    await store.setSla({
      vendor: "evil",
      component: EVIL_COMPONENT,
      targetPercent: 99.95,
      credits: [],
      claimDays: null,
    });
    app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
  });
  afterAll(() => store.close());

  async function get(path: string, type = "application/json") {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get("content-type")).toMatch(new RegExp(`^${type.replace(/[.+]/g, "\\$&")}`));
    return res;
  }
  const jsonLines = (text: string): Json[] => {
    expect(text.endsWith("\n")).toBe(true);
    return text
      .split("\n")
      .slice(0, -1)
      .map((line) => JSON.parse(line));
  };
  const read = async (chunks: AsyncIterable<string>) => {
    const pieces: string[] = [];
    for await (const chunk of chunks) pieces.push(chunk);
    return pieces;
  };

  it("writes a vendor's uptime as CSV and JSON lines with the JSON answer's figures", async () => {
    const query = "from=2024-05-01&to=2024-05-01";
    const body: Json = await (await get(`/api/v1/vendors/acme/uptime?${query}`)).json();
    const csv = await get(`/api/v1/vendors/acme/uptime?${query}&format=csv`, "text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="pingoru-uptime-acme.csv"');
    const [header, ...records] = parseCsv(await csv.text());
    expect(header).toEqual([
      "vendor",
      "vendor_name",
      "component",
      "from",
      "to",
      "uptime_percent",
      "downtime_seconds",
      "no_data_seconds",
      "partial_outage_weight",
    ]);
    expect(records).toEqual(
      body.components.map((c: Json) => [
        "acme",
        "Acme",
        c.name,
        body.from,
        body.to,
        String(c.uptime_percent),
        String(c.downtime_seconds),
        String(c.no_data_seconds),
        "1",
      ]),
    );
    expect(records[0]![6]).toBe(String(85 * 60)); // the API's 85 minutes down on 2024-05-01

    const jsonl = await get(
      `/api/v1/vendors/acme/uptime?${query}&component=API&format=jsonl`,
      "application/x-ndjson",
    );
    expect(jsonLines(await jsonl.text())).toEqual([
      {
        vendor: "acme",
        vendor_name: "Acme",
        component: "API",
        from: body.from,
        to: body.to,
        uptime_percent: body.components[0].uptime_percent,
        downtime_seconds: body.components[0].downtime_seconds,
        no_data_seconds: 0,
        partial_outage_weight: 1,
      },
    ]);
  });

  it("neutralises a vendor's formula-like name and component in CSV, and keeps them as they are in JSON lines", async () => {
    const query = "from=2024-04-10&to=2024-04-10";
    const text = await (await get(`/api/v1/vendors/evil/uptime?${query}&format=csv`, "text/csv")).text();
    const [, row] = parseCsv(text);
    expect(row!.slice(0, 3)).toEqual(["evil", `'${EVIL_NAME}`, `'${EVIL_COMPONENT}`]);
    expect(row![6]).toBe("1800");
    const [line] = jsonLines(
      await (await get(`/api/v1/vendors/evil/uptime?${query}&format=jsonl`, "application/x-ndjson")).text(),
    );
    expect([line.vendor_name, line.component]).toEqual([EVIL_NAME, EVIL_COMPONENT]);
  });

  it("writes the month's SLAs as CSV and JSON lines with the JSON answer's figures", async () => {
    const body: Json = await (await get("/api/v1/sla?month=2024-05")).json();
    expect(body.items).toHaveLength(3);
    const csv = await get("/api/v1/sla?month=2024-05&format=csv", "text/csv");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="pingoru-sla-2024-05.csv"');
    const [header, ...records] = parseCsv(await csv.text());
    expect(header).toEqual([
      "month",
      "vendor",
      "vendor_name",
      "component",
      "target_percent",
      "uptime_percent",
      "downtime_seconds",
      "allowed_downtime_seconds",
      "met",
      "credit_percent",
      "claim_by",
      "incident_ids",
    ]);
    const cell = (v: unknown) => (v === null ? "" : Array.isArray(v) ? v.join("; ") : String(v));
    const names: Record<string, string> = { acme: "Acme", evil: `'${EVIL_NAME}` };
    expect(records).toEqual(
      body.items.map((i: Json) => [
        "2024-05",
        i.vendor,
        names[i.vendor],
        i.component === null ? "" : i.component.startsWith("-") ? `'${i.component}` : i.component,
        ...[i.target_percent, i.uptime_percent, i.downtime_seconds, i.allowed_downtime_seconds].map(cell),
        ...[i.met, i.credit_percent, i.claim_by, i.incident_ids].map(cell),
      ]),
    );
    // acme's whole-vendor target missed in May: the API's outage, credit due, claimable 30 days on.
    expect(records[0]!.slice(3, 12)).toEqual([
      "",
      "99.99",
      body.items[0].uptime_percent.toString(),
      String(85 * 60),
      String(Math.round(31 * 86_400 * 0.0001)),
      "false",
      "10",
      "2024-06-30",
      "acme-outage",
    ]);
    const lines = jsonLines(
      await (await get("/api/v1/sla?month=2024-05&format=jsonl", "application/x-ndjson")).text(),
    );
    expect(lines.map(({ month, vendor_name, ...rest }: Json) => [month, vendor_name, rest])).toEqual(
      body.items.map((i: Json) => ["2024-05", i.vendor === "acme" ? "Acme" : EVIL_NAME, i]),
    );
  });

  it("links the /sla page to the month's files", async () => {
    const page = await (await get("/sla?month=2024-05", "text/html")).text();
    for (const format of ["csv", "jsonl"]) {
      const href = `/api/v1/sla?month=2024-05&amp;format=${format}`;
      expect(page).toContain(`<a href="${href}" download>`);
      const type = format === "csv" ? "text/csv" : "application/x-ndjson";
      expect((await (await get(href.replace("&amp;", "&"), type)).text()).length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["/api/v1/vendors/acme/uptime?format=xml", 400, /^format must be one of csv, jsonl, got "xml"$/],
    ["/api/v1/vendors/acme/uptime?format=csv&from=2024-05-02&to=2024-05-01", 400, /^from must/],
    ["/api/v1/vendors/acme/uptime?format=csv&component=Nope", 404, /^no component "Nope" at acme$/],
    ["/api/v1/vendors/nobody/uptime?format=csv", 404, /^no vendor "nobody"$/],
    ["/api/v1/sla?month=2024-13&format=csv", 400, /^month must look like 2026-03/],
    ["/api/v1/sla?month=2024-05&format=pdf", 400, /^format must be one of csv, jsonl/],
  ])("refuses %s in one line before streaming anything", async (path, status, message) => {
    const res = await app.request(path);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: expect.stringMatching(message) });
  });

  it.each([
    "/api/v1/sla?month=2024-05&format=csv",
    "/api/v1/sla?month=2024-05&format=jsonl",
    "/api/v1/vendors/acme/uptime?format=csv",
  ])(
    "answers %s with a one-line 500, not a cut 200 download, when the record cannot be read",
    async (path) => {
      const failing = new Proxy(store, {
        get(target, name, receiver) {
          if (name !== "listIncidents") return Reflect.get(target, name, receiver);
          return async () => {
            throw new PingoruError("database", "the database cannot be reached");
          };
        },
      });
      const errors: unknown[] = [];
      const broken = createApp({
        store: failing,
        now: () => NOW,
        pollIntervalSeconds: 60,
        logError: (e) => errors.push(e),
      });
      const res = await broken.request(path);
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: "internal error" });
      expect(errors).toHaveLength(1);
    },
  );

  it("exports uptime across vendors a vendor at a time: one row per vendor × component", async () => {
    const window = { from: new Date("2024-04-01T00:00:00Z"), to: new Date("2024-05-01T00:00:00Z") };
    const exported = await openUptimeExport(store, await store.listVendors(), window, "csv", NOW);
    const pieces = await read(exported.chunks);
    // The header, then acme's three components; quiet lists none (no piece); evil's one.
    expect(pieces).toHaveLength(3);
    const records = parseCsv(pieces.join("")).slice(1);
    expect(records.map((r) => [r[0], r[2]])).toEqual([
      ["acme", "API"],
      ["acme", "Web app"],
      ["acme", "Docs"],
      ["evil", `'${EVIL_COMPONENT}`],
    ]);
    expect(exported.written()).toBe(4);
    expect(records[3]![6]).toBe("1800");
  });

  it("exports SLAs over several months, month by month, and only the vendors asked for", async () => {
    const exported = await openSlaExport(store, ["2024-04", "2024-05"], ["evil"], "jsonl", NOW);
    const rows = jsonLines((await read(exported.chunks)).join(""));
    // April: 30 min down of 30 days is 99.93 %, under 99.95 % (which allows 1,296 s).
    expect(rows.map((r) => [r.month, r.vendor, r.downtime_seconds, r.met])).toEqual([
      ["2024-04", "evil", 1800, false],
      ["2024-05", "evil", 0, true],
    ]);
    expect(exported.written()).toBe(2);
  });
});
