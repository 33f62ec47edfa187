// `pingoru mcp` as a child process driven by the SDK's own client over stdio, and `pingoru at`, both on
// a seeded SQLite file. What was open at an instant is checked against the HTTP API's incidents.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { openStore } from "../../src/store/open-store.ts";
import { NOW, seedRecord } from "../helpers/seed-record.ts";
import { CLI_PATH, runCli, runCliInProcess } from "../helpers/run-cli.ts";

// Bodies are compared by value, so a loose type keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const dir = mkdtempSync(join(tmpdir(), "pingoru-mcp-"));
const db = join(dir, "record.db");
let client: Client;
let stderr = "";
/** Every vendor's incidents as GET /api/v1/vendors/:slug/incidents gives them. */
const apiIncidents: Json[] = [];
/** acme's figures for 2024-05-01 as GET /api/v1/stats gives them. */
let apiFigures: Json;

beforeAll(async () => {
  const store = await openStore(db);
  await seedRecord(store);
  const app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
  const get = async (path: string): Promise<Json> => (await app.request(path)).json();
  for (const vendor of await get("/api/v1/vendors"))
    apiIncidents.push(...(await get(`/api/v1/vendors/${vendor.slug}/incidents?limit=500`)).incidents);
  const stats = await get("/api/v1/stats?vendor=acme&from=2024-05-01&to=2024-05-01");
  const { vendor: _v, grade: _g, grade_score: _s, grade_note: _n, ...figures } = stats.vendors[0];
  apiFigures = figures;
  await store.close();

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, "mcp", "--db", db],
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: "pingoru-test", version: "1.0.0" });
  await client.connect(transport); // sends initialize, then notifications/initialized
});
afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; text: string }> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  expect(content).toHaveLength(1);
  return { isError: result.isError === true, text: content[0]!.text };
}

const ask = async (name: string, args: Record<string, unknown>): Promise<Json> => {
  const { isError, text } = await call(name, args);
  expect(isError, text).toBe(false);
  return JSON.parse(text);
};

/** The rule written out independently: started at or before t, not resolved by t. */
const openAt = (t: string) =>
  apiIncidents
    .filter((i) => i.started_at <= t && (i.resolved_at === null || i.resolved_at > t))
    .sort((a, b) => a.id.localeCompare(b.id));
const byId = (incidents: Json[]) => [...incidents].sort((a, b) => a.id.localeCompare(b.id));

describe("pingoru mcp", () => {
  it("introduces itself and lists its tools", async () => {
    expect(client.getServerVersion()?.name).toBe("pingoru");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "incidents_at",
      "search_incidents",
      "vendor_figures",
      "vendor_status",
    ]);
    const incidentsAt = tools.find((t) => t.name === "incidents_at")!;
    expect(incidentsAt.inputSchema).toMatchObject({ type: "object", required: ["at"] });
    expect(incidentsAt.annotations?.readOnlyHint).toBe(true);
  });

  it.each([
    ["2024-05-03 11:30", "2024-05-03T11:30:00.000Z", ["acme-slow", "quiet-down"]],
    ["2024-05-01T12:30+02:00", "2024-05-01T10:30:00.000Z", ["acme-outage"]],
    // The outage's resolution: no longer open at that very instant.
    ["2024-05-01T11:30:00Z", "2024-05-01T11:30:00.000Z", []],
  ])("incidents_at %s answers what the API's incidents say was open", async (at, iso, ids) => {
    const answer = await ask("incidents_at", { at });
    expect(answer.at).toBe(iso);
    expect(byId(answer.incidents)).toEqual(openAt(iso));
    expect(answer.incidents.map((i: Json) => i.id).sort()).toEqual(ids);
  });

  it("incidents_at keeps to the vendors named", async () => {
    const answer = await ask("incidents_at", { at: "2024-05-03 11:30", vendors: ["quiet"] });
    expect(answer.incidents.map((i: Json) => i.id)).toEqual(["quiet-down"]);
  });

  it.each([
    ["an unreadable time", { at: "yesterday" }, /^invalid time "yesterday": give a date and a time/],
    ["a time of the wrong type", { at: 5 }, /incidents_at.*expected string/],
    ["two bad arguments", { at: 5, vendors: "acme" }, /expected string.*; .*expected array/],
    ["an unknown vendor", { at: "2024-05-03 11:30", vendors: ["nope"] }, /^no vendor with slug "nope"$/],
  ])("answers %s with a one-line tool error", async (_, args, message) => {
    const { isError, text } = await call("incidents_at", args);
    expect(isError).toBe(true);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("vendor_status gives the status, the components not operational and the open incidents", async () => {
    const { vendors } = await ask("vendor_status", { vendor: "acme" });
    expect(vendors).toHaveLength(1);
    expect(vendors[0]).toMatchObject({ slug: "acme", status: "degraded_performance", open_incidents: 1 });
    expect(vendors[0].components_not_operational).toEqual([
      { id: "c-web", name: "Web app", group: "Core", status: "degraded_performance" },
    ]);
    expect(vendors[0].incidents).toEqual(apiIncidents.filter((i) => i.id === "acme-slow"));
    const all = await ask("vendor_status", {});
    expect(all.vendors.map((v: Json) => [v.slug, v.incidents.length])).toEqual([
      ["acme", 1],
      ["quiet", 1],
    ]);
  });

  it("search_incidents finds words in titles and update text, within a window", async () => {
    const found = await ask("search_incidents", { text: "bad deploy" });
    expect(found.incidents).toEqual(apiIncidents.filter((i) => i.id === "acme-outage"));
    const windowed = await ask("search_incidents", {
      text: "incident",
      from: "2024-03-10",
      to: "2024-03-11",
    });
    expect(windowed.incidents.map((i: Json) => i.id)).toEqual(["acme-old-10", "acme-old-9"]);
    expect((await ask("search_incidents", { text: "incident", limit: 3 })).incidents).toHaveLength(3);
  });

  it("vendor_figures gives a period's figures as the API does, and measures its uptime", async () => {
    const figures = await ask("vendor_figures", { vendor: "acme", from: "2024-05-01", to: "2024-05-01" });
    // One incident, resolved in 1 h 30 min.
    expect(figures).toMatchObject({ incident_count: 1, resolved_count: 1, resolve_seconds: { p50: 5400 } });
    expect(figures).toEqual({
      vendor: "acme",
      from: "2024-05-01T00:00:00.000Z",
      to: "2024-05-02T00:00:00.000Z",
      ...apiFigures,
      record_starts_at: "2024-03-01T08:00:00.000Z",
      uptime: [
        // The outage's updates put the API down from 10:05 to 11:30.
        { component_id: "c-api", name: "API", percent: (100 * (1440 - 85)) / 1440 },
        { component_id: "c-web", name: "Web app", percent: 100 },
        { component_id: "c-docs", name: "Docs", percent: 100 },
      ],
    });
    const backwards = await call("vendor_figures", { vendor: "acme", from: "2024-05-02", to: "2024-05-01" });
    expect(backwards).toEqual({
      isError: true,
      text: "the period must end after it begins: 2024-05-02 to 2024-05-01",
    });
  });

  it("logs nothing on stdout but the protocol (the client parsed every line) and nothing alarming on stderr", () => {
    expect(stderr).toBe("");
  });
});

describe("pingoru at", () => {
  it("prints what was open at the instant, one line each, newest start first", async () => {
    const result = await runCli([
      "at",
      "2024-05-03 11:30",
      "--vendor",
      "acme",
      "--vendor",
      "quiet",
      "--db",
      db,
    ]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toBe(
      "acme\tincident\tinvestigating\tminor\t2024-05-03T11:00:00.000Z\tWeb app is slow\n" +
        "quiet\tincident\tidentified\tcritical\t2024-05-03T10:00:00.000Z\tEverything is down\n",
    );
  });

  it("prints the API's shapes with --json", async () => {
    // In this process, as the refusal below: `pingoru at` runs as a process of its own above.
    const result = await runCliInProcess(["at", "2024-05-01T10:30Z", "--json", "--db", db]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      at: "2024-05-01T10:30:00.000Z",
      incidents: openAt("2024-05-01T10:30:00.000Z"),
    });
  });

  it("refuses a bad time with one line and exit code 1", async () => {
    const result = await runCliInProcess(["at", "2024-02-30 10:00", "--db", db]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(/^pingoru: invalid time "2024-02-30 10:00": [^\n]+\n$/);
  });
});
