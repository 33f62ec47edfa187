// The one contract every platform adapter passes (DESIGN §3): shape, stable ids, every status mapped,
// empty lists alike, typed errors for bad payloads, unchanged on 304, and detection yes/no.
import { describe, expect, it } from "vitest";
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  type Snapshot,
} from "../src/domain/model.ts";
import type { ErrorKind } from "../src/lib/errors.ts";
import type { Platform } from "../src/platforms/platform.ts";
import { fixtureHttp, sharedFixture, type FakeRoute } from "./helpers/fixture-http.ts";

/** A page on another platform (or none): this platform's detect() must say null there. */
export interface ForeignPage {
  name: string;
  url: string;
  fixtures: Record<string, string>;
}

const GH = "https://www.githubstatus.com";
const OPENAI = "https://status.openai.com";
const STATUSIO_GITLAB = "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7";

/** Other platforms' pages, recorded, for "detect() says null there". Read lazily (on call). */
export const FOREIGN_PAGES = {
  statuspage: (): ForeignPage => ({
    name: "a Statuspage page",
    url: GH,
    fixtures: { [`${GH}/api/v2/summary.json`]: sharedFixture("statuspage/github-summary.json") },
  }),
  incidentio: (): ForeignPage => ({
    name: "an incident.io page",
    url: OPENAI,
    fixtures: { [`${OPENAI}/api/v2/summary.json`]: sharedFixture("incidentio/openai-api-v2-summary.json") },
  }),
  statusio: (): ForeignPage => ({
    name: "a status.io API document",
    url: STATUSIO_GITLAB,
    fixtures: { [STATUSIO_GITLAB]: sharedFixture("statusio/gitlab-status-planned-maintenance.json") },
  }),
  plain: (): ForeignPage => ({
    name: "a plain HTML page",
    url: "https://plain.test",
    fixtures: { "https://plain.test": "<html><body>hello</body></html>" },
  }),
};

/** How lists are emptied: the contract reads all three and expects the same snapshot. */
export type EmptyForm = "empty" | "null" | "missing";

export interface PlatformContractSpec {
  platform: Platform;
  /** The page URL given to read() and detect(). */
  url: string;
  feedUrl?: string;
  /** URL → body of a healthy read (served through the fake HttpClient; other URLs answer 404). */
  fixtures: Record<string, string>;
  /** The URL whose body the malformed / wrong-shape / HTML / unknown-status cases replace. */
  primaryUrl: string;
  /** The healthy read must give at least this much, so the shape checks are not vacuous. */
  minComponents: number;
  minIncidents: number;
  /** Replaces one component's raw status with a value the platform does not define. */
  injectUnknownStatus?: (body: string) => { body: string; raw: string };
  /** Each mutation rewrites one body (its url, default the primary) with lists as [], null or absent. */
  emptyLists?: { name: string; url?: string; apply: (body: string, form: EmptyForm) => string }[];
  /** Overrides for payload-error cases (a feed's malformed body is XML, not JSON). */
  malformedBody?: string;
  wrongShapeBody?: string;
  wrongShapeKind?: ErrorKind;
  /** Pages of other platforms on which detect() must return null. */
  foreign: ForeignPage[];
  /** More cases, registered inside the platform's describe block. */
  extra?: () => void;
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HTML_PAGE = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please log in</body></html>";

/** Parse JSON, let `edit` change it in place, serialise again: for spec mutations. */
export function editJson(body: string, edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(body) as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
}

/** Sets a key as the empty form asks: [] / null / deleted. */
export function setEmpty(target: Record<string, unknown>, key: string, form: EmptyForm): void {
  if (form === "missing") delete target[key];
  else target[key] = form === "empty" ? [] : null;
}

function routesOf(fixtures: Record<string, string>, override: Record<string, FakeRoute> = {}) {
  const routes: Record<string, FakeRoute> = {};
  for (const [url, body] of Object.entries(fixtures)) routes[url] = { body };
  return { ...routes, ...override };
}

async function readWith(spec: PlatformContractSpec, routes: Record<string, FakeRoute>): Promise<Snapshot> {
  const page = { url: spec.url, feedUrl: spec.feedUrl ?? null };
  const result = await spec.platform.read(page, { http: fixtureHttp(routes) });
  if (result.unchanged) throw new Error("expected a snapshot, got unchanged");
  return result.snapshot;
}

function withPrimary(spec: PlatformContractSpec, body: string, url = spec.primaryUrl) {
  return routesOf(spec.fixtures, { [url]: { body } });
}

function idsOf(snapshot: Snapshot): unknown {
  return {
    components: snapshot.components.map((c) => c.id),
    incidents: snapshot.incidents.map((i) => [i.id, i.updates.map((u) => u.id)]),
  };
}

function expectSnapshotShape(snapshot: Snapshot): void {
  for (const [index, c] of snapshot.components.entries()) {
    expect(c.id, `component ${index} id`).toMatch(/\S/);
    expect(c.name, `component ${c.id} name`).toMatch(/\S/);
    expect(Number.isInteger(c.position), `component ${c.id} position`).toBe(true);
    expect(COMPONENT_STATUSES).toContain(c.status);
    expect(typeof c.rawStatus).toBe("string");
  }
  expect(new Set(snapshot.components.map((c) => c.id)).size).toBe(snapshot.components.length);
  for (const incident of snapshot.incidents) {
    expect(incident.id).toMatch(/\S/);
    expect(incident.title.trim() !== "" || incident.updates.length > 0, `incident ${incident.id}`).toBe(true);
    expect(INCIDENT_KINDS).toContain(incident.kind);
    expect(INCIDENT_STATUSES).toContain(incident.status);
    expect(IMPACTS).toContain(incident.impact);
    for (const t of [incident.startedAt, incident.scheduledFor, incident.scheduledUntil]) {
      if (t !== null) expect(t).toMatch(ISO_Z);
    }
    const times = incident.updates.map((u) => u.at);
    for (const t of times) expect(t).toMatch(ISO_Z);
    expect(times, `updates of ${incident.id} oldest first`).toEqual([...times].sort());
    for (const u of incident.updates) {
      expect(u.id).toMatch(/\S/);
      expect(INCIDENT_STATUSES).toContain(u.status);
      for (const s of u.components) expect(COMPONENT_STATUSES).toContain(s.status);
    }
    for (const s of incident.components) expect(COMPONENT_STATUSES).toContain(s.status);
  }
}

async function expectReadError(spec: PlatformContractSpec, body: string, kind: ErrorKind): Promise<void> {
  await expect(readWith(spec, withPrimary(spec, body))).rejects.toMatchObject({ name: "PingoruError", kind });
}

export function platformContract(name: string, spec: PlatformContractSpec): void {
  describe(`platform contract: ${name}`, () => {
    it("reads a snapshot of the right shape", async () => {
      const snapshot = await readWith(spec, routesOf(spec.fixtures));
      expect(snapshot.components.length).toBeGreaterThanOrEqual(spec.minComponents);
      expect(snapshot.incidents.length).toBeGreaterThanOrEqual(spec.minIncidents);
      expectSnapshotShape(snapshot);
    });

    it("keeps ids stable across two reads of the same payload", async () => {
      const first = await readWith(spec, routesOf(spec.fixtures));
      const second = await readWith(spec, routesOf(spec.fixtures));
      expect(idsOf(second)).toEqual(idsOf(first));
      expect(second).toEqual(first);
    });

    it("maps every raw status in the fixtures (none is unknown)", async () => {
      const snapshot = await readWith(spec, routesOf(spec.fixtures));
      const unmapped = snapshot.components.filter((c) => c.status === "unknown").map((c) => c.rawStatus);
      expect(unmapped).toEqual([]);
    });

    const inject = spec.injectUnknownStatus;
    if (inject) {
      it("maps an unknown raw status to unknown and keeps the raw value", async () => {
        const { body, raw } = inject(spec.fixtures[spec.primaryUrl] ?? "");
        const snapshot = await readWith(spec, withPrimary(spec, body));
        const hit = snapshot.components.filter((c) => c.rawStatus === raw);
        expect(hit.length).toBeGreaterThan(0);
        for (const c of hit) expect(c.status).toBe("unknown");
      });
    }

    for (const mutation of spec.emptyLists ?? []) {
      it(`reads ${mutation.name} as [], null or missing alike`, async () => {
        const url = mutation.url ?? spec.primaryUrl;
        const base = spec.fixtures[url] ?? "";
        const [empty, asNull, missing] = await Promise.all(
          (["empty", "null", "missing"] as const).map((form) =>
            readWith(spec, withPrimary(spec, mutation.apply(base, form), url)),
          ),
        );
        expectSnapshotShape(empty!);
        expect(asNull).toEqual(empty);
        expect(missing).toEqual(empty);
      });
    }

    it("malformed payload → PingoruError parse", async () => {
      await expectReadError(spec, spec.malformedBody ?? '{"truncated": [', "parse");
    });

    it("wrong-shaped payload → PingoruError shape", async () => {
      await expectReadError(
        spec,
        spec.wrongShapeBody ?? '{"hello": "world"}',
        spec.wrongShapeKind ?? "shape",
      );
    });

    it("an HTML page instead of data → PingoruError shape", async () => {
      await expectReadError(spec, HTML_PAGE, "shape");
    });

    it("every source notModified → unchanged, without parsing the (invalid) bodies", async () => {
      const routes: Record<string, FakeRoute> = {};
      for (const url of Object.keys(spec.fixtures))
        routes[url] = { body: "<<< not valid", notModified: true };
      const result = await spec.platform.read(
        { url: spec.url, feedUrl: spec.feedUrl ?? null },
        { http: fixtureHttp(routes) },
      );
      expect(result).toEqual({ unchanged: true });
    });

    it("detects its own page with confidence > 0.5", async () => {
      const detection = await spec.platform.detect(spec.url, { http: fixtureHttp(routesOf(spec.fixtures)) });
      expect(detection).toMatchObject({ kind: spec.platform.kind });
      expect(detection!.confidence).toBeGreaterThan(0.5);
      expect(detection!.evidence).toMatch(/\S/);
    });

    for (const other of spec.foreign) {
      it(`does not detect ${other.name}`, async () => {
        const http = fixtureHttp(routesOf(other.fixtures));
        expect(await spec.platform.detect(other.url, { http })).toBeNull();
      });
    }

    spec.extra?.();
  });
}
