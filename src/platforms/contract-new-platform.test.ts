// What adding a platform looks like to the contract runner: a toy platform, defined here, reading one
// small JSON document, put into a registry list after the real ones. The runner finds its spec by kind
// and runs the whole contract on it; without a spec, the gap check names it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { INCIDENT_STATUSES, type ComponentStatus, type Snapshot } from "../domain/model.ts";
import { kindedPages } from "../../test/helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../../test/platform-contract.ts";
import {
  contractCases,
  contractGaps,
  expectNoContractGaps,
  runPlatformContracts,
  type PlatformSpec,
  type PlatformSpecEntry,
} from "../../test/platform-contract-runner.ts";
import { PLATFORM_SPECS } from "../../test/platform-specs/index.ts";
import { id, list, optionalTimestamp, optionalText, timestamp } from "./json-parts.ts";
import { joinUrl, parseJsonBody, readJson } from "./payload.ts";
import { definePlatform, type Platform } from "./platform.ts";
import { PLATFORMS } from "./registry.ts";

const TOY_PATH = "/toy-status.json";
const STATES: Record<string, ComponentStatus> = {
  up: "operational",
  slow: "degraded_performance",
  down: "major_outage",
};

const toyDocument = z.object({
  format: z.literal("toy-status/1"),
  page: z.string(),
  components: list(z.object({ id, name: z.string().min(1), state: z.string() })),
  incidents: list(
    z.object({
      id,
      title: optionalText,
      maintenance: z.boolean().optional(),
      state: z.enum(INCIDENT_STATUSES),
      started: optionalTimestamp,
      updates: list(z.object({ at: timestamp, state: z.enum(INCIDENT_STATUSES), text: optionalText })),
    }),
  ),
});

function mapToy(doc: z.output<typeof toyDocument>): Snapshot {
  return {
    pageName: doc.page,
    components: doc.components.map((c, position) => {
      const status = STATES[c.state] ?? "unknown";
      return { id: c.id, name: c.name, group: null, position, status, rawStatus: c.state };
    }),
    incidents: doc.incidents.map((i) => ({
      id: i.id,
      kind: i.maintenance ? "maintenance" : "incident",
      title: i.title ?? "",
      status: i.state,
      impact: i.maintenance ? "maintenance" : "minor",
      url: null,
      startedAt: i.started,
      scheduledFor: null,
      scheduledUntil: null,
      components: [],
      updates: [...i.updates]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((u) => ({
          id: `${i.id}@${u.at}`,
          status: u.state,
          at: u.at,
          message: u.text ?? "",
          components: [],
        })),
    })),
  };
}

const toy = definePlatform({
  kind: "toy",
  tried: TOY_PATH,
  async detect(url, ctx) {
    const response = await ctx.http.get(joinUrl(url, TOY_PATH)).catch(() => null);
    const parsed = response && toyDocument.safeParse(parseJsonBody(response));
    if (!parsed?.success) return null;
    return { kind: "toy", confidence: 0.9, evidence: `GET ${TOY_PATH} returned a toy status document` };
  },
  async read(page, ctx) {
    const response = await ctx.http.get(joinUrl(page.url, TOY_PATH), { cache: ctx.cache });
    if (response.notModified) return { unchanged: true };
    return { unchanged: false, snapshot: mapToy(readJson(response, toyDocument, "toy status document")) };
  },
});

const TOY_URL = "https://status.toy.test";
const TOY_DOCUMENT = JSON.stringify({
  format: "toy-status/1",
  page: "Toy Cloud",
  components: [
    { id: "api", name: "API", state: "up" },
    { id: "db", name: "Database", state: "slow" },
    { id: "cdn", name: "CDN", state: "down" },
  ],
  incidents: [
    {
      id: "t-1",
      title: "Slow database",
      state: "monitoring",
      started: "2026-05-01T10:00:00Z",
      updates: [
        { at: "2026-05-01T10:30:00+00:00", state: "monitoring", text: "A fix is out." },
        { at: "2026-05-01T10:00:00Z", state: "investigating", text: "Queries are slow." },
      ],
    },
    { id: 2, title: "CDN upgrade", maintenance: true, state: "scheduled", updates: [] },
  ],
});

const TOY_SPEC: PlatformSpec = {
  url: TOY_URL,
  fixtures: { [TOY_URL + TOY_PATH]: TOY_DOCUMENT },
  primaryUrl: TOY_URL + TOY_PATH,
  minComponents: 3,
  minIncidents: 2,
  injectUnknownStatus: (body) => ({
    raw: "wobbly",
    body: editJson(body, (v) => {
      (v.components as Record<string, unknown>[])[0]!.state = "wobbly";
    }),
  }),
  emptyLists: [
    {
      name: "components and incidents",
      apply: (body, form) =>
        editJson(body, (v) => {
          setEmpty(v, "components", form);
          setEmpty(v, "incidents", form);
        }),
    },
    {
      name: "an incident's updates",
      apply: (body, form) =>
        editJson(body, (v) => {
          for (const i of v.incidents as Record<string, unknown>[]) setEmpty(i, "updates", form);
        }),
    },
  ],
  foreign: kindedPages(), // every recorded page is another platform's
};

const REGISTRY = [...PLATFORMS, toy];
const SPECS = { ...PLATFORM_SPECS, toy: TOY_SPEC } satisfies Record<
  (typeof REGISTRY)[number]["kind"],
  PlatformSpecEntry
>;

describe("a new platform in the registry list", () => {
  it("is one more case of the runner's loop, found by its kind, with its spec and platform", () => {
    const before = contractCases(PLATFORMS, PLATFORM_SPECS).map((c) => c.name);
    const cases = contractCases(REGISTRY, SPECS);
    expect(cases.map((c) => c.name)).toEqual([...before, "toy"]);
    expect(cases.at(-1)!.spec).toEqual({ ...TOY_SPEC, platform: toy });
  });

  it("without a spec is a gap: no case, and the coverage check fails naming it", () => {
    expect(contractGaps(PLATFORMS, PLATFORM_SPECS)).toEqual([]);
    expect(contractGaps(REGISTRY, SPECS)).toEqual([]);
    expect(contractGaps(REGISTRY, PLATFORM_SPECS)).toEqual(["toy"]);
    expect(contractCases(REGISTRY, PLATFORM_SPECS).map((c) => c.name)).not.toContain("toy");
    expect(() => expectNoContractGaps(REGISTRY, PLATFORM_SPECS)).toThrow(
      /without a contract spec: "toy" \(add test\/platform-specs\/toy\.ts/,
    );
    expect(() => expectNoContractGaps(REGISTRY, SPECS)).not.toThrow();
  });
});

// The same runner over the new registry; the registered platforms already run in contract.test.ts,
// so only what the new line adds runs here (the whole contract, as "platform contract: toy").
const registered: readonly Platform[] = PLATFORMS;
runPlatformContracts(
  REGISTRY.filter((p) => !registered.includes(p)),
  SPECS,
);
