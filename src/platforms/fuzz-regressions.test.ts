// Counterexamples the fuzz suite (test/fuzz/) found, each replayed on the contract spec's fixtures
// through the real adapter: a typed error or a snapshot, never a RangeError, a prototype member or a
// script link.
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/model.ts";
import { fixtureHttp } from "../../test/helpers/fixture-http.ts";
import { PLATFORM_SPECS } from "../../test/platform-specs/index.ts";
import type { PlatformSpec } from "../../test/platform-contract-runner.ts";
import { getPlatform } from "./registry.ts";
import { itemComponents } from "./feed-items.ts";
import { runCase } from "../../test/fuzz/fuzz-read.ts";
import { fuzzTargets, type FuzzCase } from "../../test/fuzz/fuzz-targets.ts";

type Kind = Exclude<keyof typeof PLATFORM_SPECS, "heroku">;
const specOf = (kind: Kind | "heroku"): PlatformSpec =>
  kind === "heroku" ? PLATFORM_SPECS.heroku[0]! : PLATFORM_SPECS[kind];

/** Reads the spec's fixtures with the body at `path` (the primary when absent) rewritten. */
function readEdited(kind: Kind | "heroku", edit: (body: string) => string, path?: string) {
  const spec = specOf(kind);
  const url = path ? Object.keys(spec.fixtures).find((u) => u.endsWith(path))! : spec.primaryUrl;
  const routes = Object.fromEntries(
    Object.entries(spec.fixtures).map(([u, body]) => [u, { body: u === url ? edit(body) : body }]),
  );
  const page = { url: spec.url, feedUrl: spec.feedUrl ?? null, options: spec.options ?? null };
  return getPlatform(kind).read(page, { http: fixtureHttp(routes) });
}

async function snapshotOf(read: ReturnType<typeof readEdited>): Promise<Snapshot> {
  const result = await read;
  if (result.unchanged) throw new Error("expected a snapshot");
  return result.snapshot;
}

/** Sets the first string or number under `key` (depth first, document order) to `value`. */
const setFirst = (key: string, value: unknown) => (body: string) => {
  const root = JSON.parse(body) as unknown;
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== "object") return false;
    const record = node as Record<string, unknown>;
    if (key in record && ["string", "number"].includes(typeof record[key])) {
      record[key] = value;
      return true;
    }
    return Object.values(record).some(visit);
  };
  visit(root);
  return JSON.stringify(root);
};

/** Sets every string under `key`, at any depth, to `value`. */
const setAll = (key: string, value: string) => (body: string) =>
  JSON.stringify(JSON.parse(body), (k, v: unknown) => (k === key && typeof v === "string" ? value : v));

describe("fuzz regressions", () => {
  // 2^53 ms (the fuzzer sent 9007199254740993) is past what a Date holds: toISOString threw a RangeError.
  it.each([
    ["gcp", "begin", undefined],
    ["instatus", "started", undefined],
    ["heroku", "created_at", "/api/v4/incidents"],
  ] as const)(
    "%s: a %s past the Date range → a typed error or a snapshot, not RangeError",
    async (kind, key, path) => {
      const read = readEdited(kind, setFirst(key, 2 ** 53), path);
      await read.catch((error: unknown) => expect(error).toMatchObject({ name: "PingoruError" }));
    },
  );

  it("instatus: a maintenance of -1,065,681,961 minutes has no end, not one in the year -1", async () => {
    const snapshot = await snapshotOf(readEdited("instatus", setFirst("duration", -1065681961)));
    for (const i of snapshot.incidents)
      if (i.scheduledUntil !== null) expect(i.scheduledUntil).toMatch(/^\d{4}-/);
  });

  it("feed: an update dated in the year -238966 reads without a six-digit year", async () => {
    const snapshot = await snapshotOf(
      readEdited("feed", (body) =>
        body.replace(/(<(published|updated)>)[^<]*/g, "$1-238966-11-07T15:37:50.063Z"),
      ),
    );
    const times = snapshot.incidents.flatMap((i) => [i.startedAt, ...i.updates.map((u) => u.at)]);
    for (const t of times) if (t !== null) expect(t).toMatch(/^\d{4}-/);
  });

  it("incidentio: a feed item whose text is 300,000 spaces reads at once (a leading-word regex was quadratic)", async () => {
    const snapshot = await snapshotOf(
      readEdited(
        "incidentio",
        (body) => body.replace("<description>", `<description>${" ".repeat(300_000)}`),
        "feed.rss",
      ),
    );
    expect(snapshot.incidents.length).toBeGreaterThan(0);
  });

  it('statuspage: a component status "__proto__" is unknown, not Object.prototype', async () => {
    const snapshot = await snapshotOf(readEdited("statuspage", setFirst("status", "__proto__")));
    const states = [
      ...snapshot.components,
      ...snapshot.incidents.flatMap((i) => i.updates.flatMap((u) => u.components)),
    ];
    for (const s of states) expect(typeof s.status).toBe("string");
    expect(snapshot.components[0]!.status).toBe("unknown");
  });

  it.each(["__proto__", "constructor"])("betterstack, heroku: a status %j is unknown", async (word) => {
    const snapshots = await Promise.all([
      snapshotOf(readEdited("betterstack", setFirst("status", word))),
      snapshotOf(readEdited("heroku", setFirst("status", word))),
    ]);
    for (const s of snapshots.flatMap((snapshot) => snapshot.components))
      expect(typeof s.status).toBe("string");
  });

  it('azure: an item link " JaVaScRiPt:alert(1)" is no incident url', async () => {
    const snapshot = await snapshotOf(
      readEdited("azure", (body) =>
        body.replace(/<link>[^<]*<\/link>/g, "<link> JaVaScRiPt:alert(1)</link>"),
      ),
    );
    expect(snapshot.incidents.length).toBeGreaterThan(0);
    for (const incident of snapshot.incidents) expect(incident.url).toBeNull();
  });

  // gcp's counterexample: new URL() keeps an absolute "data:" uri, which reached notification HTML.
  it.each([
    ["gcp", "uri", undefined],
    ["heroku", "full_url", "/api/v4/incidents"],
    ["instatus", "url", undefined],
    ["slack", "url", undefined],
  ] as const)('%s: an incident %s "data:text/html,<script>…" is no incident url', async (kind, key, path) => {
    const snapshot = await snapshotOf(
      readEdited(kind, setAll(key, "data:text/html,<script>alert(1)</script>"), path),
    );
    expect(snapshot.incidents.length).toBeGreaterThan(0);
    for (const incident of snapshot.incidents) expect(incident.url ?? "https:").toMatch(/^https?:/);
  });

  it('statuspage: a page url "javascript:alert(1)//" is not the base of incident urls', async () => {
    const snapshot = await snapshotOf(
      readEdited("statuspage", (body) => {
        const summary = JSON.parse(body) as { page: { url: string } };
        summary.page.url = "javascript:alert(1)//";
        return JSON.stringify(summary);
      }),
    );
    for (const incident of snapshot.incidents)
      expect(incident.url).toMatch(/^https:\/\/www\.githubstatus\.com\//);
  });
});

describe("feed items' component lines", () => {
  it('read "Name (State)" lines, and a long run of spaces in one at once (the regex was cubic in them)', () => {
    const html = `<p>Affected components</p><ul><li>Files (Degraded performance)</li><li>Login ( Full outage )</li><li>${" ".repeat(20_000)}x</li><li>no state</li></ul>`;
    expect(itemComponents(html, []).map((c) => [c.name, c.status])).toEqual([
      ["Files", "degraded_performance"],
      ["Login", "major_outage"],
    ]);
  });
});

describe("cases from the long fuzz run (seed 1207), replayed through its harness", () => {
  const aws = fuzzTargets().find((t) => t.name === "aws")!;
  it.each([
    [
      "a text node replaced by CDATA -1",
      '{"url":"https://status.aws.amazon.com/rss/all.rss","bytes":null,"markup":[{"kind":"text","pick":1498611813,"value":{"cdata":"-1"}}]}',
    ],
    [
      "11 NULs at byte 8,815",
      '{"url":"https://status.aws.amazon.com/rss/all.rss","bytes":{"kind":"nul","at":8815,"count":11},"markup":[]}',
    ],
  ])(
    "aws, %s: an event's updates oldest first, though an item's date disagrees with its guid",
    async (_, json) => {
      const outcome = await runCase(aws, JSON.parse(json) as FuzzCase, 30_000);
      expect(outcome.problems).toEqual([]);
    },
  );
});

describe("a case from the long fuzz run: cachet", () => {
  it("an incident id with a lone surrogate reads as a snapshot or a typed error, not a URIError", async () => {
    const cachet = fuzzTargets().find((t) => t.name === "cachet")!;
    const fuzz = JSON.parse(
      '{"url":"https://demo.cachethq.io/api/v1/incidents?sort=id&order=desc&per_page=25","bytes":null,"json":[{"kind":"replace","pick":1669582415,"value":{"raw":"\\"읜剹溒々㠻숋㫹躑羞\\\\ud81f\\""}}]}',
    ) as FuzzCase;
    expect((await runCase(cachet, fuzz, 30_000)).problems).toEqual([]);
  });
});

describe("more cases from the long fuzz run (seed 1207)", () => {
  const target = (name: string) => fuzzTargets().find((t) => t.name === name)!;
  it.each([
    [
      "slack",
      'a blank service name is no component (one had the id "")',
      '{"url":"https://slack-status.com/api/v2.0.0/current","bytes":null,"json":[{"kind":"replace","pick":654973962,"value":{"raw":"\\"\\""}},{"kind":"replace","pick":222918571,"value":{"raw":"\\" \\""}},{"kind":"delete","pick":887776090}]}',
    ],
    [
      "aws",
      "214,645 '<' in a message read at once (stripping tags was quadratic: 28 s)",
      '{"url":"https://health.aws.amazon.com/public/currentevents","bytes":null,"json":[{"kind":"replace","pick":1046126297,"value":{"string":{"huge":"<","length":214645}}},{"kind":"replace","pick":1544409199,"value":{"raw":"-298659107"}}]}',
    ],
  ])("%s: %s", async (name, _, json) => {
    const outcome = await runCase(target(name), JSON.parse(json) as FuzzCase, 30_000);
    expect(outcome.problems).toEqual([]);
  });
});
