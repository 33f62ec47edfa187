// The `pingoru` command as a user runs it: real processes, a real SQLite file, a fake vendor on loopback.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSettings } from "../../src/config/load.ts";
import { openRuntime } from "../../src/main.ts";
import { addVendor } from "../../src/poller/add-vendor.ts";
import { openStore } from "../../src/store/open-store.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import {
  killAllCli,
  REPO_ROOT,
  runCli,
  runCliInProcess,
  startCli,
  waitFor,
  type CliResult,
} from "../helpers/run-cli.ts";
import { expectOneLineFailure } from "../helpers/cli-expect.ts";

const summary = sharedFixture("statuspage/github-summary.json");
const incidentsJson = sharedFixture("statuspage/github-incidents.json");
const rawIncidents: { id: string; name: string }[] = JSON.parse(incidentsJson).incidents;
const rawComponentNames: string[] = JSON.parse(summary).components.map((c: { name: string }) => c.name);
const ALLOW = { PINGORU_ALLOW_PRIVATE_TARGETS: "1" };

let dir: string;
let db: string;
let vendor: FakeVendor;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "pingoru-cli-"));
  db = join(dir, "p.db");
  vendor = await startFakeVendor({
    "/api/v2/summary.json": summary,
    "/api/v2/incidents.json": incidentsJson,
  });
});
afterEach(async () => {
  await killAllCli();
  await vendor.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A store command on this test's database, private targets allowed (the fake vendor is on loopback). */
const pingoru = (...args: string[]) => runCliInProcess([...args, "--db", db], { env: ALLOW });

/**
 * Setup for tests of other commands: what `pingoru vendors add URL --slug SLUG` does (the same
 * addVendor on the same runtime), in this process. Adding itself is tested through the command above.
 */
async function addVendorInProcess(url: string, slug: string, database = db): Promise<void> {
  const runtime = await openRuntime(loadSettings({ db: database }, ALLOW), pino({ level: "silent" }));
  try {
    await addVendor({ url, slug }, await runtime.pollDeps());
  } finally {
    await runtime.close();
  }
}

function expectOk(result: CliResult): void {
  expect(result.code, result.stderr).toBe(0);
}

/** Everything the database holds that a command could change. */
async function dbState(path: string) {
  const store = await openStore(path);
  try {
    const vendors = await store.listVendors();
    const perVendor = await Promise.all(
      vendors.map(async (v) => ({
        slug: v.slug,
        components: await store.listComponents(v.slug),
        incidents: (await store.listIncidents(v.slug, { limit: 500 })).items,
      })),
    );
    return { vendors, perVendor, events: (await store.listEvents({ limit: 500 })).items };
  } finally {
    await store.close();
  }
}

describe("pingoru vendors add | list | remove", () => {
  it("adds a detected Statuspage under the given slug, printing only the slug", async () => {
    const added = await pingoru("vendors", "add", vendor.url, "--slug", "gh");
    expectOk(added);
    expect(added.stdout).toBe("gh\n");
    expect(added.stderr).toMatch(/detected statuspage/);
    expect(added.stderr).toContain(`${rawIncidents.length} incidents in its history`);

    const list = await pingoru("vendors", "list");
    expectOk(list);
    expect(list.stdout.trim().split("\n")).toEqual([`gh\tstatuspage\tok\t0 open\t${vendor.url}\tpolled`]);
    const json = await pingoru("vendors", "list", "--json");
    expectOk(json);
    const [listed] = JSON.parse(json.stdout) as Record<string, unknown>[];
    // The API's snake_case shape, as GET /api/v1/vendors gives it, and whether it is paused.
    expect(Object.keys(listed!).sort()).toEqual(
      [
        "category",
        "last_hint_at",
        "last_ok_at",
        "last_polled_at",
        "name",
        "open_incidents",
        "paused",
        "platform",
        "slug",
        "stale",
        "status",
        "url",
      ].sort(),
    );
    expect(listed).toMatchObject({
      slug: "gh",
      name: "GitHub",
      url: vendor.url,
      platform: "statuspage",
      stale: false,
      open_incidents: 0,
      paused: false,
    });
  });

  it("derives the slug from the host; the same page again, or a taken slug, is refused in one line", async () => {
    const added = await pingoru("vendors", "add", vendor.url);
    expectOk(added);
    expect(added.stdout).toBe("127-0-0-1\n");
    const before = await dbState(db);
    // The same page, however spelled, under any slug.
    const again = vendor.url.replace(/^http:/, "HTTP:") + "/#top";
    expectOneLineFailure(
      await pingoru("vendors", "add", again, "--slug", "github2"),
      /^pingoru: .* is already watched as `127-0-0-1`$/m,
    );
    // Another page whose host gives the same slug: a free one is suggested.
    const port = new URL(vendor.url).port;
    expectOneLineFailure(
      await pingoru("vendors", "add", `${vendor.url}/other`),
      new RegExp(
        `the slug "127-0-0-1" is taken by .*: give this page its own with --slug 127-0-0-1-${port}$`,
        "m",
      ),
    );
    expect(await dbState(db)).toEqual(before);
  });

  it("removes a vendor and its record; removing an unknown slug fails in one line", async () => {
    await addVendorInProcess(vendor.url, "gh");
    const incidentId = (await dbState(db)).perVendor[0]!.incidents[0]!.id;
    const removed = await pingoru("vendors", "remove", "gh");
    expectOk(removed);
    expect(removed.stderr).toBe("removed gh\n");
    const list = await pingoru("vendors", "list", "--json");
    expect(JSON.parse(list.stdout)).toEqual([]);
    const store = await openStore(db);
    expect(await store.getIncident(incidentId).finally(() => store.close())).toBeNull();
    expectOneLineFailure(await pingoru("vendors", "remove", "gh"), /no vendor with slug "gh"/);
  });
});

describe("pingoru check", () => {
  it("prints components and incidents and stores nothing, even from another directory", async () => {
    const result = await runCli(["check", vendor.url], { cwd: dir, env: ALLOW });
    expectOk(result);
    expect(result.stdout).toMatch(/^GitHub — .*Statuspage summary/);
    expect(result.stdout).toContain("Components (11):");
    expect(result.stdout).toMatch(/operational\s+Git Operations/);
    expect(result.stdout).toContain(`Incidents and maintenances (${rawIncidents.length}):`);
    expect(result.stdout).toContain(rawIncidents[0]!.name);
    // Times as people read them, in UTC and labelled, and how long each lasted.
    expect(result.stdout).toMatch(
      / \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC → .+ UTC \((\d+ d )?(\d+ h )?\d+ min/,
    );
    expect(readdirSync(dir)).toEqual([]); // no ./data, no database anywhere in its working directory
  });

  it("--json gives the normalized snapshot", async () => {
    const result = await runCli(["check", vendor.url, "--json"], { cwd: dir, env: ALLOW });
    expectOk(result);
    const report = JSON.parse(result.stdout);
    expect(report.platform).toBe("statuspage");
    expect(report.page_name).toBe("GitHub");
    const names: string[] = report.components.map((c: { name: string }) => c.name);
    expect(names).toContain("Git Operations");
    expect(names.every((name) => rawComponentNames.includes(name))).toBe(true);
    expect(new Set(report.incidents.map((i: { id: string }) => i.id)).size).toBe(rawIncidents.length);
    for (const incident of report.incidents) {
      expect(incident).toHaveProperty("started_at");
      expect(incident).toHaveProperty("resolved_at");
      expect(incident.updates.length).toBeGreaterThan(0);
      if (incident.resolved_at !== null)
        expect(incident.duration_seconds).toBe(
          Math.round((Date.parse(incident.resolved_at) - Date.parse(incident.started_at)) / 1000),
        );
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("pingoru poll", () => {
  it("polls all vendors or the named ones, once", async () => {
    // A second page on the same host (one page is watched once).
    vendor.serve("/eu/api/v2/summary.json", summary);
    await addVendorInProcess(vendor.url, "gh");
    await addVendorInProcess(`${vendor.url}/eu`, "gh2");
    const all = await pingoru("poll");
    expectOk(all);
    expect(all.stdout).toBe("gh: ok, 0 events\ngh2: ok, 0 events\n");
    const one = await pingoru("poll", "gh2");
    expectOk(one);
    expect(one.stdout).toBe("gh2: ok, 0 events\n");
    expectOneLineFailure(await pingoru("poll", "nope"), /no vendor with slug "nope"/);
  });

  it("a page answering 500 fails the poll, exits non-zero and leaves the vendor stale", async () => {
    await addVendorInProcess(vendor.url, "gh");
    vendor.serve("/api/v2/summary.json", { status: 500, body: "oops" });
    const failed = await pingoru("poll", "gh");
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toMatch(/^gh: failed: .*500/);
    expect(failed.stderr).toMatch(/^pingoru: 1 of 1 polls failed\n$/);
    const list = await pingoru("vendors", "list");
    expect(list.stdout).toMatch(/^gh\tstatuspage\tstale\t/);
  });
});

describe("pingoru with bad input", () => {
  let template: string;
  beforeAll(async () => {
    template = mkdtempSync(join(tmpdir(), "pingoru-cli-template-"));
    const seed = await startFakeVendor({
      "/api/v2/summary.json": summary,
      "/api/v2/incidents.json": incidentsJson,
    });
    try {
      await addVendorInProcess(seed.url, "gh", join(template, "p.db"));
    } finally {
      await seed.close();
    }
  });
  afterAll(() => rmSync(template, { recursive: true, force: true }));
  // Each case starts from a copy of a database holding one vendor, and must leave it as it was.
  beforeEach(() => cpSync(template, dir, { recursive: true }));

  const cases: { name: string; args: (url: string) => string[]; reason: RegExp; yaml?: string }[] = [
    {
      name: "an unknown option",
      args: () => ["vendors", "add", "--bogus", "x"],
      reason: /unknown option '--bogus'/,
    },
    {
      name: "a misspelt option (its hint joined onto the line)",
      args: (url) => ["vendors", "add", url, "--slg", "x"],
      reason: /unknown option '--slg'.*--slug/,
    },
    { name: "an unknown command", args: () => ["frobnicate"], reason: /unknown command 'frobnicate'/ },
    { name: "a missing argument", args: () => ["vendors", "add"], reason: /missing required argument 'url'/ },
    { name: "a URL that is not one", args: () => ["vendors", "add", "not-a-url"], reason: /not a valid URL/ },
    { name: "a non-http URL", args: () => ["vendors", "add", "ftp://x"], reason: /only http and https/ },
    {
      name: "an unknown platform",
      args: (url) => ["vendors", "add", url, "--platform", "myspace"],
      reason: /'myspace' is invalid.*statuspage/,
    },
    {
      name: "a zero interval",
      args: (url) => ["vendors", "add", url, "--interval", "0"],
      reason: /invalid interval: 0/,
    },
    {
      name: "an interval over a day",
      args: (url) => ["vendors", "add", url, "--interval", "999999999999"],
      reason: /invalid interval: 999999999999 \(seconds, from 1 to 86400\)/,
    },
    {
      name: "a missing config file",
      args: (url) => ["vendors", "add", url, "--config", join(dir, "missing.yaml")],
      reason: /cannot read config file .*missing\.yaml/,
    },
    {
      name: "a config file with an unknown key",
      args: (url) => ["vendors", "add", url, "--config", join(dir, "pingoru.yaml")],
      yaml: "poll_interval: 60\nvendorz: []\n",
      reason: /unknown key vendorz/,
    },
    {
      name: "a config vendor with an unknown key",
      args: () => ["vendors", "list", "--config", join(dir, "pingoru.yaml")],
      yaml: "vendors:\n  - url: https://example.com\n    sulg: x\n",
      reason: /unknown key vendors\.0\.sulg/,
    },
    {
      name: "a page where no platform is recognised",
      args: (url) => ["vendors", "add", `${url}/plain`],
      reason: /no status page platform recognised/,
    },
  ];

  it.each(cases)("$name", async ({ args, reason, yaml }) => {
    if (yaml !== undefined) writeFileSync(join(dir, "pingoru.yaml"), yaml);
    vendor.serve("/plain", "<!doctype html><html><head><title>Hi</title></head><body>no feeds</body></html>");
    const before = await dbState(db);
    expectOneLineFailure(await pingoru(...args(vendor.url)), reason);
    expect(await dbState(db)).toEqual(before);
  });

  it("refuses a database URL it does not speak, creating nothing", async () => {
    const result = await runCli(["vendors", "list", "--db", "mysql://u:p@db.example/pingoru"], {
      cwd: dir,
      env: ALLOW,
    });
    expectOneLineFailure(result, /unsupported database mysql:\/\/: use postgres:\/\/… for PostgreSQL/);
    expect(readdirSync(dir).filter((name) => name.startsWith("mysql"))).toEqual([]);
  });

  // In this process: `check` and `vendors add` run as processes of their own above and below.
  it("check refuses a loopback page unless PINGORU_ALLOW_PRIVATE_TARGETS is set", async () => {
    const result = await runCliInProcess(["check", vendor.url, "--platform", "statuspage"], {
      env: { PINGORU_ALLOW_PRIVATE_TARGETS: undefined },
    });
    expectOneLineFailure(
      result,
      /blocked: 127\.0\.0\.1 is a loopback address.*PINGORU_ALLOW_PRIVATE_TARGETS/,
    );
  });

  it("vendors add refuses a loopback page unless PINGORU_ALLOW_PRIVATE_TARGETS is set", async () => {
    const before = await dbState(db);
    const result = await runCliInProcess(["vendors", "add", vendor.url, "--slug", "local", "--db", db], {
      env: { PINGORU_ALLOW_PRIVATE_TARGETS: undefined },
    });
    expect(await dbState(db)).toEqual(before);
    expectOneLineFailure(
      result,
      /blocked: 127\.0\.0\.1 is a loopback address.*PINGORU_ALLOW_PRIVATE_TARGETS/,
    );
  });

  it("vendors add --platform refuses a loopback page too, storing nothing", async () => {
    const before = await dbState(db);
    const result = await runCliInProcess(
      ["vendors", "add", vendor.url, "--slug", "local", "--platform", "statuspage", "--db", db],
      {
        env: { PINGORU_ALLOW_PRIVATE_TARGETS: undefined },
      },
    );
    expect(await dbState(db)).toEqual(before);
    expectOneLineFailure(
      result,
      /blocked: 127\.0\.0\.1 is a loopback address.*PINGORU_ALLOW_PRIVATE_TARGETS/,
    );
  });
});

describe("pingoru serve", () => {
  const SERVE_ENV = { ...ALLOW, PINGORU_POLL_INTERVAL: "1" };

  async function startServe(...extra: string[]) {
    const serve = startCli(["serve", "--port", "0", "--db", db, ...extra], { env: SERVE_ENV });
    const url = await waitFor("serve to listen", () => {
      if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
      const line = serve
        .stderr()
        .split("\n")
        .find((l) => l.includes('"msg":"pingoru serving"'));
      return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
    });
    const get = async (path: string): Promise<unknown> => {
      const response = await fetch(url + path);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    };
    return { serve, url, get };
  }
  const slugs = (vendors: unknown) => (vendors as { slug: string }[]).map((v) => v.slug);

  it("picks up vendors added and removed by other commands, records live incidents, stops on SIGTERM", async () => {
    const { serve, get } = await startServe();
    expect(await get("/healthz")).toEqual({ status: "ok" });
    expect(await get("/api/v1/vendors")).toEqual([]);

    // The adding process schedules the first poll after its own interval, so it gets serve's.
    const added = await runCli(["vendors", "add", vendor.url, "--slug", "gh", "--db", db], {
      env: SERVE_ENV,
    });
    expectOk(added);
    await waitFor("gh in /api/v1/vendors", async () => slugs(await get("/api/v1/vendors")).includes("gh"));

    const started = new Date(Date.now() - 30_000).toISOString();
    const fresh = {
      ...structuredClone(JSON.parse(incidentsJson).incidents[0]),
      id: "clie2e00001",
      name: "CLI e2e: degraded widgets",
      status: "investigating",
      impact: "minor",
      created_at: started,
      updated_at: started,
      started_at: started,
      monitoring_at: null,
      resolved_at: null,
      incident_updates: [
        {
          id: "clie2eupd01",
          incident_id: "clie2e00001",
          status: "investigating",
          body: "Looking into it.",
          created_at: started,
          updated_at: started,
          display_at: started,
          affected_components: [],
        },
      ],
    };
    const page = JSON.parse(incidentsJson);
    vendor.serve(
      "/api/v2/incidents.json",
      JSON.stringify({ ...page, incidents: [fresh, ...page.incidents] }),
    );
    // As Statuspage does, the summary lists the open incident too (serve reads it alone while unchanged).
    vendor.serve("/api/v2/summary.json", JSON.stringify({ ...JSON.parse(summary), incidents: [fresh] }));

    type Incident = { id: string; title: string; seen_live: boolean; resolved_at: string | null };
    const live = await waitFor("the new incident in the API", async () => {
      const { incidents } = (await get("/api/v1/vendors/gh/incidents?limit=5")) as { incidents: Incident[] };
      return incidents.find((i) => i.title === "CLI e2e: degraded widgets");
    });
    expect(live).toMatchObject({ seen_live: true, resolved_at: null });
    const opened = await waitFor("its incident.opened event", async () => {
      const { events } = (await get("/api/v1/events?limit=500")) as {
        events: { type: string; vendor: string; incident_id: string | null }[];
      };
      return events.find((e) => e.type === "incident.opened" && e.incident_id === live.id);
    });
    expect(opened.vendor).toBe("gh");

    vendor.serve("/api/v2/summary.json", summary);
    expectOk(await pingoru("vendors", "remove", "gh"));
    await waitFor(
      "gh gone from /api/v1/vendors",
      async () => !slugs(await get("/api/v1/vendors")).includes("gh"),
    );

    serve.child.kill("SIGTERM");
    const exit = await serve.exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).not.toMatch(/"level":50/); // no error logged along the way
  });

  it("adds the vendors declared in --config on start, an html page read by its selectors too", async () => {
    vendor.serve("/page", localFixture("html/status-page.handmade.html"));
    const selectors = localFixture("html/status-page.selectors.json");
    const config = join(dir, "pingoru.yaml");
    writeFileSync(
      config,
      `vendors:\n  - url: ${vendor.url}\n    slug: from-yaml\n    platform: statuspage\n    name: GitHub (YAML)\n` +
        `  - url: ${vendor.url}/page\n    slug: acme\n    html: ${selectors.replace(/\s+/g, " ")}\n`,
    );
    const { serve, get } = await startServe("--config", config);
    const listed = await waitFor("from-yaml and acme in /api/v1/vendors", async () => {
      const vendors = (await get("/api/v1/vendors")) as { slug: string; name: string }[];
      return vendors.length === 2 ? vendors.find((v) => v.slug === "from-yaml") : undefined;
    });
    expect(listed).toMatchObject({ name: "GitHub (YAML)", platform: "statuspage", url: vendor.url });
    const acme = (await get("/api/v1/vendors/acme")) as {
      platform: string;
      components: { name: string; status: string }[];
    };
    expect(acme.platform).toBe("html");
    expect(acme.components.find((c) => c.name === "Managed Database")?.status).toBe("major_outage");
    serve.child.kill("SIGTERM");
    expect((await serve.exited).code).toBe(0);
  });
});

describe("the installed bin", () => {
  it("npx --no-install pingoru --version runs the package's own command", async () => {
    expect(existsSync(join(REPO_ROOT, "node_modules/.bin/pingoru")), "run npm install").toBe(true);
    const result = await runCli(["--no-install", "pingoru", "--version"], {
      command: ["npx"],
      cwd: REPO_ROOT,
      timeoutMs: 30_000,
    });
    expectOk(result);
    expect(result.stdout).toBe(
      `${JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version}\n`,
    );
  });
});
