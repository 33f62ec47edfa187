// The one contract every platform adapter passes (DESIGN §3): shape, stable ids, every status mapped,
// empty lists alike, typed errors for bad payloads, unchanged on 304, and detection yes/no.
import { afterAll, describe, expect, it } from "vitest";
import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  type Snapshot,
} from "../src/domain/model.ts";
import type { ErrorKind } from "../src/lib/errors.ts";
import type { PageRef, Platform, ReadResult } from "../src/platforms/platform.ts";
import { createMemoryCache } from "../src/poller/memory-cache.ts";
import { startLoopbackFixtures, type LoopbackFixtures } from "./helpers/loopback-fixtures.ts";

/** A page on another platform (or none): this platform's detect() must say null there. */
export interface ForeignPage {
  name: string;
  url: string;
  fixtures: Record<string, string>;
}

/** How lists are emptied: the contract reads all three and expects the same snapshot. */
export type EmptyForm = "empty" | "null" | "missing";

export interface PlatformContractSpec {
  platform: Platform;
  /** The page URL given to read() and detect(). */
  url: string;
  feedUrl?: string;
  /** URL → body of a healthy read (served over loopback HTTP, read by the real client; others 404). */
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
  /** The malformed case's error kind when not "parse" (an HTML parser accepts any markup). */
  malformedKind?: ErrorKind;
  /** Settings the platform needs (html: its selectors), given as page.options to every read(). */
  options?: Record<string, unknown>;
  /** The platform reads HTML pages: a JSON body instead of a page is the shape error, not HTML. */
  htmlIsData?: true;
  /**
   * The primary document is a now-state listing every open incident: a cheap read (fullRead false)
   * asks for it alone while it is unchanged, and reads everything when it changed.
   */
  nowState?: true;
  /** false: the platform is never detected (it needs config), so detect() says null on its own page. */
  detectsOwnPage?: false;
  /** Pages of other platforms on which detect() must return null. */
  foreign: ForeignPage[];
  /** More cases, registered inside the platform's describe block. */
  extra?: () => void;
}

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HTML_PAGE = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please log in</body></html>";
const JSON_BODY = '{"page": {"name": "Acme"}, "components": [{"name": "API", "status": "operational"}]}';

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

// One set of loopback servers per spec; reads run one at a time since each serve() replaces the map.
async function readWith(
  spec: PlatformContractSpec,
  net: LoopbackFixtures,
  fixtures: Record<string, string>,
): Promise<Snapshot> {
  net.serve(fixtures);
  const page = pageOf(spec);
  const result = await spec.platform.read(page, { http: net.http });
  return snapshotOf(result);
}

function snapshotOf(result: ReadResult): Snapshot {
  if (result.unchanged) throw new Error("expected a snapshot, got unchanged");
  return result.snapshot;
}

function pageOf(spec: PlatformContractSpec): PageRef {
  return { url: spec.url, feedUrl: spec.feedUrl ?? null, options: spec.options ?? null };
}

function withPrimary(spec: PlatformContractSpec, body: string, url = spec.primaryUrl) {
  return { ...spec.fixtures, [url]: body };
}

/** Reads once into a real cache, spoils the cached bodies, reads again: must be unchanged. */
async function rereadUnchanged(spec: PlatformContractSpec, net: LoopbackFixtures, etags: boolean) {
  net.useEtags(etags);
  net.serve(spec.fixtures);
  const cache = createMemoryCache();
  const page = pageOf(spec);
  const first = await spec.platform.read(page, { http: net.http, cache });
  expect(first.unchanged).toBe(false);
  // The client hands back the cached text on a 304 or same bytes: invalid text proves it is not parsed.
  for (const url of net.requested()) {
    const entry = cache.get(url);
    if (entry) cache.set(url, { ...entry, body: "<<< not valid" });
  }
  const second = await spec.platform.read(page, { http: net.http, cache });
  net.useEtags(true);
  return second;
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

async function expectReadError(
  spec: PlatformContractSpec,
  net: LoopbackFixtures,
  body: string,
  kind: ErrorKind,
): Promise<void> {
  await expect(readWith(spec, net, withPrimary(spec, body))).rejects.toMatchObject({
    name: "PingoruError",
    kind,
  });
}

export function platformContract(name: string, spec: PlatformContractSpec): void {
  describe(`platform contract: ${name}`, () => {
    const net = startLoopbackFixtures();
    afterAll(() => net.close());

    it("reads a snapshot of the right shape", async () => {
      const snapshot = await readWith(spec, net, spec.fixtures);
      expect(snapshot.components.length).toBeGreaterThanOrEqual(spec.minComponents);
      expect(snapshot.incidents.length).toBeGreaterThanOrEqual(spec.minIncidents);
      expectSnapshotShape(snapshot);
      const dialed = net.requested();
      expect(dialed.length).toBeGreaterThan(0);
      for (const url of dialed) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    });

    it("keeps ids stable across two reads of the same payload", async () => {
      const first = await readWith(spec, net, spec.fixtures);
      const second = await readWith(spec, net, spec.fixtures);
      expect(idsOf(second)).toEqual(idsOf(first));
      expect(second).toEqual(first);
    });

    it("maps every raw status in the fixtures (none is unknown)", async () => {
      const snapshot = await readWith(spec, net, spec.fixtures);
      const unmapped = snapshot.components.filter((c) => c.status === "unknown").map((c) => c.rawStatus);
      expect(unmapped).toEqual([]);
    });

    const inject = spec.injectUnknownStatus;
    if (inject) {
      it("maps an unknown raw status to unknown and keeps the raw value", async () => {
        const { body, raw } = inject(spec.fixtures[spec.primaryUrl] ?? "");
        const snapshot = await readWith(spec, net, withPrimary(spec, body));
        const hit = snapshot.components.filter((c) => c.rawStatus === raw);
        expect(hit.length).toBeGreaterThan(0);
        for (const c of hit) expect(c.status).toBe("unknown");
      });
    }

    for (const mutation of spec.emptyLists ?? []) {
      it(`reads ${mutation.name} as [], null or missing alike`, async () => {
        const url = mutation.url ?? spec.primaryUrl;
        const base = spec.fixtures[url] ?? "";
        const read = (form: EmptyForm) =>
          readWith(spec, net, withPrimary(spec, mutation.apply(base, form), url));
        const empty = await read("empty");
        const asNull = await read("null");
        const missing = await read("missing");
        expectSnapshotShape(empty);
        expect(asNull).toEqual(empty);
        expect(missing).toEqual(empty);
      });
    }

    const malformedKind = spec.malformedKind ?? "parse";
    it(`malformed payload → PingoruError ${malformedKind}`, async () => {
      await expectReadError(spec, net, spec.malformedBody ?? '{"truncated": [', malformedKind);
    });

    it("wrong-shaped payload → PingoruError shape", async () => {
      await expectReadError(
        spec,
        net,
        spec.wrongShapeBody ?? '{"hello": "world"}',
        spec.wrongShapeKind ?? "shape",
      );
    });

    if (spec.htmlIsData) {
      it("a JSON body instead of a page → PingoruError shape", async () => {
        await expectReadError(spec, net, JSON_BODY, "shape");
      });
    } else {
      it("an HTML page instead of data → PingoruError shape", async () => {
        await expectReadError(spec, net, HTML_PAGE, "shape");
      });
    }

    it("every source 304 (real cache, ETag) → unchanged, without parsing the cached bodies", async () => {
      expect(await rereadUnchanged(spec, net, true)).toEqual({ unchanged: true });
    });

    it("every source the same bytes again (no validators) → unchanged, without parsing", async () => {
      expect(await rereadUnchanged(spec, net, false)).toEqual({ unchanged: true });
    });

    if (spec.nowState) {
      it("a cheap read asks for the now-state alone while it is unchanged", async () => {
        net.serve(spec.fixtures);
        const cache = createMemoryCache();
        const page = pageOf(spec);
        expect((await spec.platform.read(page, { http: net.http, cache })).unchanged).toBe(false);
        net.serve(spec.fixtures);
        expect(await spec.platform.read(page, { http: net.http, cache, fullRead: false })).toEqual({
          unchanged: true,
        });
        expect(net.requested().map((url) => new URL(url).pathname)).toEqual([
          new URL(spec.primaryUrl).pathname,
        ]);
      });

      it("a cheap read whose now-state changed reads everything, as a full read does", async () => {
        net.serve(spec.fixtures);
        const cache = createMemoryCache();
        const page = pageOf(spec);
        await spec.platform.read(page, { http: net.http, cache });
        net.serve(withPrimary(spec, `${spec.fixtures[spec.primaryUrl]!} `)); // other bytes, same data
        const cheap = snapshotOf(await spec.platform.read(page, { http: net.http, cache, fullRead: false }));
        const full = snapshotOf(await spec.platform.read(page, { http: net.http }));
        expect(cheap).toEqual(full);
        expect(cheap.incidents.length).toBeGreaterThanOrEqual(spec.minIncidents);
      });
    }

    if (spec.detectsOwnPage === false) {
      it("is never detected, not even on its own page", async () => {
        net.serve(spec.fixtures);
        expect(await spec.platform.detect(spec.url, { http: net.http })).toBeNull();
      });
    } else {
      it("detects its own page with confidence > 0.5", async () => {
        net.serve(spec.fixtures);
        const detection = await spec.platform.detect(spec.url, { http: net.http });
        expect(detection).toMatchObject({ kind: spec.platform.kind });
        expect(detection!.confidence).toBeGreaterThan(0.5);
        expect(detection!.evidence).toMatch(/\S/);
      });
    }

    for (const other of spec.foreign) {
      it(`does not detect ${other.name}`, async () => {
        net.serve(other.fixtures);
        expect(await spec.platform.detect(other.url, { http: net.http })).toBeNull();
      });
    }

    spec.extra?.();
  });
}
