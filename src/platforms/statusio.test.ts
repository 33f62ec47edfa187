import { afterAll, afterEach, describe, expect, it } from "vitest";
import { fixtureHttp, localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import type { Snapshot } from "../domain/model.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { findStatusioPageId, mapStatusio, statusio, statusioApiPageId, STATUSIO_API } from "./statusio.ts";
import { statusDocumentSchema } from "./statusio-schema.ts";
import { mapStatusioComponents, toStatusioComponentStatus } from "./statusio-map.ts";

const GITLAB_ID = "5b36dc6502d06804c08349f7";
const GITLAB_API = STATUSIO_API + GITLAB_ID;
const DOCKER_API = `${STATUSIO_API}533c6539221ae15e3f000031`;
const fixture = (file: string) => sharedFixture(`statusio/${file}`);
const doc = (file: string) => statusDocumentSchema.parse(JSON.parse(fixture(file)));
const LINKS = { pageId: GITLAB_ID, origin: "https://status.gitlab.com" };

describe("status.io status codes", () => {
  it.each([
    [100, "operational"],
    [200, "under_maintenance"],
    [300, "degraded_performance"],
    [400, "partial_outage"],
    [500, "major_outage"],
    [600, "partial_outage"],
    [700, "unknown"],
    [0, "unknown"],
    [null, "unknown"],
  ] as const)("%s → %s", (code, expected) => {
    expect(toStatusioComponentStatus(code)).toBe(expected);
  });
});

describe("status.io components and containers", () => {
  it("one container: named after the component, id <component>/<container>, vendor order", () => {
    const components = mapStatusioComponents(doc("docker-status-partial-disruption.json").result.status);
    expect(components).toHaveLength(8);
    expect(components[3]).toEqual({
      id: "5342bc9420974b775d000008/582c71876fb4f24615000489",
      name: "Docker Hub Automated Builds",
      group: null,
      position: 3,
      status: "partial_outage",
      rawStatus: "400 Partial Service Disruption",
    });
  });

  it("several containers: 'Component — Container' rows grouped by component; none: the component itself", () => {
    const components = mapStatusioComponents(
      statusDocumentSchema.parse({
        result: {
          status: [
            {
              id: "c1",
              name: "API",
              status_code: 400,
              containers: [
                { id: "us", name: "US East", status: "Operational", status_code: 100 },
                { id: "eu", name: "EU West", status: "Service Disruption", status_code: "500" },
              ],
            },
            { id: "c2", name: "Docs", status: "Degraded Performance", status_code: 300, containers: null },
          ],
        },
      }).result.status,
    );
    expect(components.map((c) => [c.id, c.name, c.group, c.status])).toEqual([
      ["c1/us", "API — US East", "API", "operational"],
      ["c1/eu", "API — EU West", "API", "major_outage"],
      ["c2", "Docs", null, "degraded_performance"],
    ]);
  });

  it("GitLab security event (600): affected components partial_outage, raw words kept", () => {
    const snapshot = mapStatusio(doc("gitlab-status-security-issue.json"), LINKS);
    const website = snapshot.components.find((c) => c.name === "Website")!;
    expect(website).toMatchObject({ status: "partial_outage", rawStatus: "600 Security Issue" });
    expect(snapshot.components.find((c) => c.name === "Pages")!.status).toBe("operational");
  });
});

describe("status.io incidents and maintenance", () => {
  it("Docker incident: id, title, url on the hosted page, per-update component states", () => {
    const snapshot = mapStatusio(doc("docker-status-partial-disruption.json"), {
      pageId: "533c6539221ae15e3f000031",
      origin: "https://status.docker.com",
    });
    const [incident] = snapshot.incidents;
    expect(incident).toMatchObject({
      id: "5f108cc06e9c9104c0553a46",
      kind: "incident",
      title: "Docker Hub automated builds issue",
      status: "investigating",
      impact: "major",
      url: "https://status.docker.com/pages/incident/533c6539221ae15e3f000031/5f108cc06e9c9104c0553a46",
      startedAt: "2020-07-16T17:22:08.325Z",
    });
    expect(incident!.updates[0]!.components).toEqual([
      {
        id: "5342bc9420974b775d000008/582c71876fb4f24615000489",
        name: "Docker Hub Automated Builds",
        status: "partial_outage",
      },
    ]);
  });

  it("GitLab: message state 200 → identified; active maintenance in progress from its planned start", () => {
    const snapshot = mapStatusio(doc("gitlab-status-planned-maintenance.json"), LINKS);
    const incident = snapshot.incidents.find((i) => i.kind === "incident")!;
    expect(incident.title).toBe("500 Error - User Notification Settings"); // vendor's trailing space trimmed
    expect(incident.updates.map((u) => u.status)).toEqual(["identified", "identified"]);
    const maintenance = snapshot.incidents.find((i) => i.kind === "maintenance")!;
    expect(maintenance).toMatchObject({
      id: "5f4e8b7f2250a004bc3453da",
      status: "in_progress",
      impact: "maintenance",
      scheduledFor: "2020-09-02T17:55:00.000Z",
      scheduledUntil: "2020-09-07T17:55:00.000Z",
      url: `https://status.gitlab.com/pages/maintenance/${GITLAB_ID}/5f4e8b7f2250a004bc3453da`,
    });
    // posted on 09-01 before the window opened on 09-02, then updated during it
    expect(maintenance.updates.map((u) => [u.at, u.status])).toEqual([
      ["2020-09-01T17:57:19.641Z", "scheduled"],
      ["2020-09-05T09:38:00.000Z", "in_progress"],
    ]);
    expect(maintenance.components).toEqual([
      {
        id: "5f4e8819413cdd04b6882c94/5b36e11140e76c04b7220a31",
        name: "dashboards.gitlab.com",
        status: "under_maintenance",
      },
    ]);
  });

  it("upcoming maintenance is scheduled; messages sorted; equal (time, status) get distinct ids", () => {
    const message = { details: "x", state: 100, status: 200, datetime: "2030-01-01T10:00:00+02:00" };
    const snapshot = mapStatusio(
      statusDocumentSchema.parse({
        result: {
          status: [],
          maintenance: {
            upcoming: [
              {
                _id: "m1",
                name: "DB upgrade",
                datetime_planned_start: 1893492000,
                messages: [message, { ...message, details: "y", datetime: "2029-12-31T00:00:00Z" }, message],
              },
            ],
          },
        },
      }),
      LINKS,
    );
    const [m] = snapshot.incidents;
    expect(m).toMatchObject({ status: "scheduled", scheduledFor: "2030-01-01T10:00:00.000Z" });
    expect(m!.updates.map((u) => u.at)).toEqual([
      "2029-12-31T00:00:00.000Z",
      "2030-01-01T08:00:00.000Z",
      "2030-01-01T08:00:00.000Z",
    ]);
    expect(new Set(m!.updates.map((u) => u.id)).size).toBe(3);
  });
});

describe("status.io page URL → API URL", () => {
  it.each([
    [GITLAB_API, GITLAB_ID],
    [`${GITLAB_API}/`, GITLAB_ID],
    ["http://127.0.0.1:9/1.0/status/5B36DC6502D06804C08349F7", GITLAB_ID],
    ["https://status.gitlab.com", null],
    ["https://api.status.io/1.0/status/not-an-id", null],
  ])("statusioApiPageId(%s) = %s", (url, expected) => {
    expect(statusioApiPageId(url)).toBe(expected);
  });

  it.each([
    [`<link href="https://x.test/pages/${GITLAB_ID}/rss">`, GITLAB_ID],
    [`<a href="/pages/history/${GITLAB_ID}">`, GITLAB_ID],
    [`<a href="/pages/maintenance/${GITLAB_ID}/abc">`, GITLAB_ID],
    [`fetch("https://api.status.io/1.0/status/${GITLAB_ID}")`, GITLAB_ID],
    [`<a href="https://status.io">Powered by Status.io</a>`, null],
  ])("findStatusioPageId(%s) = %s", (html, expected) => {
    expect(findStatusioPageId(html)).toBe(expected);
  });

  it("reads the hosted page: finds the id in its HTML, then reads the API document", async () => {
    const http = fixtureHttp({
      "https://status.gitlab.com": { local: "statusio/gitlab-page.documented-format.html" },
      [GITLAB_API]: { shared: "statusio/gitlab-status-planned-maintenance.json" },
    });
    const result = await statusio.read({ url: "https://status.gitlab.com" }, { http });
    expect(http.calls.map((c) => c.url)).toEqual(["https://status.gitlab.com", GITLAB_API]);
    const snapshot = (result as { snapshot: Snapshot }).snapshot;
    expect(snapshot.incidents[0]!.url).toMatch(/^https:\/\/status\.gitlab\.com\/pages\/incident\//);
  });

  it("a page with no status.io id is a shape error naming what was looked for", async () => {
    const http = fixtureHttp({ "https://x.test": { body: "<html><body>hi</body></html>" } });
    await expect(statusio.read({ url: "https://x.test" }, { http })).rejects.toMatchObject({
      kind: "shape",
      message: expect.stringMatching(/no status\.io page id found in https:\/\/x\.test/),
    });
  });

  it("given the API URL, incident links point at status.io's own pages", async () => {
    const http = fixtureHttp({ [DOCKER_API]: { shared: "statusio/docker-status-partial-disruption.json" } });
    const result = await statusio.read({ url: DOCKER_API }, { http });
    expect((result as { snapshot: Snapshot }).snapshot.incidents[0]!.url).toBe(
      "https://status.io/pages/incident/533c6539221ae15e3f000031/5f108cc06e9c9104c0553a46",
    );
  });
});

describe("status.io detection over loopback", () => {
  let vendor: FakeVendor | undefined;
  const http = createHttpClient({ allowPrivateTargets: true });
  afterEach(async () => {
    await vendor?.close();
    vendor = undefined;
  });
  afterAll(() => http.close());

  it("detects the API document and the hosted page; nothing on a Statuspage server", async () => {
    vendor = await startFakeVendor({
      [`/1.0/status/${GITLAB_ID}`]: fixture("gitlab-status-planned-maintenance.json"),
      "/": localFixture("statusio/gitlab-page.documented-format.html"),
    });
    const api = await statusio.detect(`${vendor.url}/1.0/status/${GITLAB_ID}`, { http });
    expect(api).toMatchObject({ kind: "statusio", confidence: 0.95 });
    const page = await statusio.detect(`${vendor.url}/`, { http });
    expect(page).toMatchObject({ kind: "statusio", confidence: 0.85 });
    expect(page!.evidence).toContain(GITLAB_ID);
    await vendor.close();
    vendor = await startFakeVendor({
      "/api/v2/summary.json": sharedFixture("statuspage/github-summary.json"),
    });
    expect(await statusio.detect(vendor.url, { http })).toBeNull();
  });
});
