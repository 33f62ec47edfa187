// `pingoru export incidents` as real processes on a real SQLite file: to a file and to stdout, with
// the filters, and refusing bad input in one line without leaving a file behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { expectOneLineFailure } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";
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
  await store.close();
});

describe("pingoru export incidents", () => {
  it("writes every incident as CSV to --out, newest first, and says how many", async () => {
    const out = join(dir, "all.csv");
    writeFileSync(out, "an older export\n");
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
    const result = await runCli([...args, "--vendor", "acme", "--from", "2024-04-10", "--to", "2024-05-02"]);
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
    const result = await runCli(["export", "incidents", "--db", db, "--out", out, ...extra]);
    expectOneLineFailure(result, reason);
    expect(result.code).toBe(code);
    expect(readFileSync(out, "utf8")).toBe("an older export\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
