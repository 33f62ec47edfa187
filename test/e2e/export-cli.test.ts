// `pingoru export incidents|uptime|sla` as real processes on a real SQLite file: to a file and to
// stdout, with the filters, and refusing bad input in one line without leaving a file behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { expectOneLineFailure } from "../helpers/cli-expect.ts";
import { parseCsv } from "../helpers/parse-csv.ts";
import { runCli, runCliInProcess } from "../helpers/run-cli.ts";
import { makeIncident, NOW, seedRecord } from "../helpers/seed-record.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-export-"));
const db = join(dir, "p.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TITLE = '=HYPERLINK("http://evil.example","x")\nsecond line';

beforeAll(async () => {
  const store = await openStore(db);
  await seedRecord(store);
  await store.savePoll({
    vendor: "quiet",
    polledAt: NOW.toISOString(),
    nextPollAt: NOW.toISOString(),
    outcome: {
      ok: true,
      incidents: [
        makeIncident({
          id: "quiet-evil",
          vendor: "quiet",
          title: TITLE,
          startedAt: "2024-04-10T09:00:00.000Z",
          resolvedAt: "2024-04-10T09:30:00.000Z",
          affectedComponents: [{ id: null, name: "+Edge", worstStatus: "major_outage" }],
        }),
      ],
    },
    events: [],
  });
  await store.setSla({ vendor: "acme", component: null, targetPercent: 99.9, credits: [], claimDays: null });
  await store.setSla({ vendor: "acme", component: "API", targetPercent: 99, credits: [], claimDays: 30 });
  await store.close();
});

describe("pingoru export incidents", () => {
  it("writes every incident as CSV to --out, newest first, and says how many", async () => {
    const out = join(dir, "all.csv");
    writeFileSync(out, "an older export\n");
    // A real process once, as the user runs it; the other cases run the same program in this one.
    const result = await runCli(["export", "incidents", "--db", db, "--out", out]);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, "", `exported 29 incidents to ${out}\n`]);
    const lines = readFileSync(out, "utf8").split("\r\n");
    expect(lines[0]).toBe(
      "vendor,vendor_name,id,kind,title,impact,status,started_at,resolved_at,duration_seconds,affected_components,detection_lag_seconds,url",
    );
    expect(lines.slice(1, 4).map((l) => l.split(",")[2])).toEqual(["acme-slow", "quiet-down", "acme-outage"]);
    expect(lines).toContain(
      `quiet,Quiet Co,quiet-evil,incident,"'=HYPERLINK(""http://evil.example"",""x"")\nsecond line",minor,resolved,` +
        `2024-04-10T09:00:00.000Z,2024-04-10T09:30:00.000Z,1800,"'+Edge",120,https://status.example.com/incidents/quiet-evil`,
    );
    expect(lines.at(-1)).toBe(""); // the last record ends with CRLF too
    expect(lines).toHaveLength(1 + 29 + 1); // the header, the rows (a bare LF inside a title is no record end), ""

    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes JSON lines to stdout within --from, --to and the --vendor given", async () => {
    const args = ["export", "incidents", "--db", db, "--format", "jsonl", "--vendor", "quiet"];
    const result = await runCliInProcess([
      ...args,
      "--vendor",
      "acme",
      "--from",
      "2024-04-10",
      "--to",
      "2024-05-02",
    ]);
    expect([result.code, result.stderr]).toEqual([0, "exported 3 incidents\n"]);
    const rows = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => r.id)).toEqual(["acme-outage", "acme-maint", "quiet-evil"]);
    expect(rows[2]).toEqual({
      vendor: "quiet",
      vendor_name: "Quiet Co",
      id: "quiet-evil",
      kind: "incident",
      title: TITLE,
      impact: "minor",
      status: "resolved",
      started_at: "2024-04-10T09:00:00.000Z",
      resolved_at: "2024-04-10T09:30:00.000Z",
      duration_seconds: 1800,
      affected_components: ["+Edge"],
      detection_lag_seconds: 120,
      url: "https://status.example.com/incidents/quiet-evil",
    });
  });

  it.each([
    [["--vendor", "nobody"], 1, /^pingoru: vendor: no vendor "nobody"$/m],
    [["--from", "yesterday"], 1, /^pingoru: from must be a date like 2024-05-01/m],
    [["--format", "xml"], 2, /option '--format <format>' argument 'xml' is invalid/],
    [["--limit", "5"], 2, /unknown option '--limit'/],
  ])("refuses %j in one line, leaving the file as it was", async (extra, code, reason) => {
    const out = join(dir, "kept.csv");
    writeFileSync(out, "an older export\n");
    const result = await runCliInProcess(["export", "incidents", "--db", db, "--out", out, ...extra]);
    expectOneLineFailure(result, reason);
    expect(result.code).toBe(code);
    expect(readFileSync(out, "utf8")).toBe("an older export\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("pingoru export uptime", () => {
  it("writes a row per vendor and component over the window to --out, and says how many", async () => {
    const out = join(dir, "uptime.csv");
    const args = ["export", "uptime", "--db", db, "--from", "2024-05-01", "--to", "2024-05-01", "--out", out];
    const result = await runCliInProcess(args);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, "", `exported 3 rows to ${out}\n`]);
    const [header, ...records] = parseCsv(readFileSync(out, "utf8"));
    expect(header?.slice(0, 3)).toEqual(["vendor", "vendor_name", "component"]);
    // acme's three components (quiet lists none); the API down 10:05-11:30 of that day.
    expect(records.map((r) => [r[0], r[2], r[3], r[4], r[6]])).toEqual([
      ["acme", "API", "2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z", String(85 * 60)],
      ["acme", "Web app", "2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z", "0"],
      ["acme", "Docs", "2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z", "0"],
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes JSON lines of the --vendor given to stdout", async () => {
    const args = ["export", "uptime", "--db", db, "--vendor", "acme", "--format", "jsonl"];
    // A time --to is inclusive: the window is 10:00 to 12:00 exactly.
    const result = await runCliInProcess([
      ...args,
      "--from",
      "2024-05-01T10:00",
      "--to",
      "2024-05-01T11:59:59.999",
    ]);
    expect([result.code, result.stderr]).toEqual([0, "exported 3 rows\n"]);
    const rows = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows[0]).toEqual({
      vendor: "acme",
      vendor_name: "Acme",
      component: "API",
      from: "2024-05-01T10:00:00.000Z",
      to: "2024-05-01T12:00:00.000Z",
      uptime_percent: (100 * (120 - 85)) / 120,
      downtime_seconds: 85 * 60,
      no_data_seconds: 0,
      partial_outage_weight: 1,
    });
  });
});

describe("pingoru export sla", () => {
  it("writes each target judged per month from --from to --to (a date stands for its month)", async () => {
    const out = join(dir, "sla.csv");
    const args = ["export", "sla", "--db", db, "--from", "2024-04", "--to", "2024-05-20", "--out", out];
    const result = await runCliInProcess(args);
    expect([result.code, result.stderr]).toEqual([0, `exported 4 rows to ${out}\n`]);
    const [header, ...records] = parseCsv(readFileSync(out, "utf8"));
    expect(header).toHaveLength(12);
    expect(records.map((r) => [r[0], r[1], r[3], r[6], r[8]])).toEqual([
      ["2024-04", "acme", "", "0", "true"],
      ["2024-04", "acme", "API", "0", "true"],
      ["2024-05", "acme", "", String(85 * 60), "false"], // 99.9 % of May allows 2,678 s
      ["2024-05", "acme", "API", String(85 * 60), "true"],
    ]);
  });

  it("writes one --month as JSON lines to stdout", async () => {
    const result = await runCliInProcess([
      "export",
      "sla",
      "--db",
      db,
      "--month",
      "2024-05",
      "--format",
      "jsonl",
    ]);
    expect([result.code, result.stderr]).toEqual([0, "exported 2 rows\n"]);
    const rows = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => [r.month, r.component, r.allowed_downtime_seconds, r.incident_ids])).toEqual([
      ["2024-05", null, Math.round(31 * 86_400 * 0.001), ["acme-outage"]],
      ["2024-05", "API", 31 * 86_400 * 0.01, ["acme-outage"]],
    ]);
  });

  it.each([
    [
      ["sla", "--month", "2024-05", "--from", "2024-04"],
      /^pingoru: give either --month, or --from and --to$/m,
    ],
    [["sla", "--month", "2024-13"], /^pingoru: month must look like 2026-03, got "2024-13"$/m],
    [["sla", "--from", "2024-06", "--to", "2024-05"], /^pingoru: from must not be after to/m],
    [["sla", "--vendor", "nobody"], /^pingoru: vendor: no vendor "nobody"$/m],
    [["uptime", "--from", "yesterday"], /^pingoru: from must be a date like 2024-05-01/m],
    [["uptime", "--vendor", "nobody"], /^pingoru: vendor: no vendor "nobody"$/m],
  ])("refuses %j in one line, leaving the file as it was", async (extra, reason) => {
    const out = join(dir, "kept.csv");
    writeFileSync(out, "an older export\n");
    const [what, ...rest] = extra;
    const result = await runCliInProcess(["export", what!, "--db", db, "--out", out, ...rest]);
    expectOneLineFailure(result, reason);
    expect(result.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("an older export\n");
  });
});
