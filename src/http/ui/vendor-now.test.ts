import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "../../domain/model.ts";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { ACME_COMPONENTS, makeIncident, NOW, seedRecord } from "../../../test/helpers/seed-record.ts";
import { OPEN_SHOWN } from "./vendor-now.ts";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  app = createApp({ store, now: () => NOW, pollIntervalSeconds: 60 });
});
afterEach(() => store.close());

async function get(path: string, status = 200, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  expect(res.status).toBe(status);
  return { text: await res.text(), etag: res.headers.get("etag"), type: res.headers.get("content-type") };
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const summary = (text: string) => /data-live-summary="([^"]*)"/.exec(text)?.[1];
const openIds = (text: string) => {
  const list = text.slice(text.indexOf('id="open-incidents"'), text.indexOf('id="components"'));
  return [...list.matchAll(/<a href="\/incidents\/([^"]+)">/g)].map((m) => m[1]);
};

/** Stores a poll of acme with these extra incidents and c-api in `apiStatus`, and an event for it. */
async function acmePoll(incidents: Incident[], apiStatus: "operational" | "major_outage") {
  const at = "2024-05-03T11:59:40.000Z";
  await store.savePoll({
    vendor: "acme",
    polledAt: at,
    nextPollAt: "2024-05-03T12:00:40.000Z",
    outcome: {
      ok: true,
      components: ACME_COMPONENTS.map((c) => (c.id === "c-api" ? { ...c, status: apiStatus } : c)),
      incidents,
    },
    events: [
      {
        id: `ev-${incidents.length}`,
        type: "incident.opened",
        vendor: "acme",
        incidentId: null,
        componentId: null,
        at,
        data: {},
      },
    ],
  });
}

const openIncident = (n: number) =>
  makeIncident({
    id: `acme-open-${n}`,
    vendor: "acme",
    title: `Open trouble ${n}`,
    status: "investigating",
    startedAt: `2024-05-03T11:${String(10 + n).padStart(2, "0")}:00.000Z`,
    resolvedAt: null,
  });

describe("GET /vendors/:slug/now, the vendor page's live region", () => {
  it.each([
    ["acme", "Acme: Degraded performance, 1 open incident", ["acme-slow"], "<span>Web app</span>"],
    [
      "quiet",
      "Quiet Co: Major outage, 1 open incident",
      ["quiet-down"],
      "This status page lists no components.",
    ],
  ])("%s: status, open incidents and components, as a fragment", async (slug, said, ids, component) => {
    const now = await get(`/vendors/${slug}/now`);
    expect(now.type).toBe("text/html; charset=UTF-8");
    expect(summary(now.text)).toBe(said);
    expect(openIds(now.text)).toEqual(ids);
    expect(now.text).toContain(component);
    for (const pageOnly of ["<html", "<script", 'id="history"', 'id="figures"'])
      expect(now.text).not.toContain(pageOnly);
  });

  it.each(["acme", "quiet"])(
    "is exactly what the page %s shows in the region it marks for /live.js",
    async (slug) => {
      const page = await get(`/vendors/${slug}`);
      expect(page.text).toContain(`<div data-live-src="/vendors/${slug}/now" data-live-vendor="${slug}">`);
      expect(page.text).toContain('<script src="/live.js" defer></script>');
      expect(page.text).toMatch(
        /<p id="live-status" class="visually-hidden" role="status" aria-live="polite"><\/p>/,
      );
      expect(squash(page.text)).toContain(squash((await get(`/vendors/${slug}/now`)).text));
    },
  );

  it("follows the record: a new open incident and an outage change it and its ETag", async () => {
    const before = await get("/vendors/acme/now");
    expect((await get("/vendors/acme/now", 304, { "if-none-match": before.etag! })).text).toBe("");
    await acmePoll([openIncident(1)], "major_outage");
    const after = await get("/vendors/acme/now", 200, { "if-none-match": before.etag! });
    expect(after.etag).not.toBe(before.etag);
    expect(summary(after.text)).toBe("Acme: Major outage, 2 open incidents");
    expect(openIds(after.text)).toEqual(["acme-open-1", "acme-slow"]);
    expect(after.text).toMatch(/<span>API<\/span>\s*<span class="status status-major_outage"/);
  });

  it(`lists at most ${OPEN_SHOWN} open incidents and links the rest to the filtered history`, async () => {
    const many = Array.from({ length: OPEN_SHOWN + 2 }, (_, i) => openIncident(i));
    await acmePoll(many, "operational");
    const now = await get("/vendors/acme/now");
    expect(openIds(now.text)).toHaveLength(OPEN_SHOWN);
    expect(now.text).toContain(
      `<a href="/vendors/acme?kind=incident&amp;status=open#history">3 more open</a>`,
    );
  });

  it("marks the components a maintenance going on names as expected, and no others", async () => {
    const maintenance = makeIncident({
      id: "acme-maint",
      vendor: "acme",
      kind: "maintenance",
      title: "Database upgrade",
      status: "in_progress",
      impact: "maintenance",
      startedAt: "2024-05-03T11:00:00.000Z",
      resolvedAt: null,
      scheduledFor: "2024-05-03T11:00:00.000Z",
      scheduledUntil: "2024-05-03T13:00:00.000Z",
      affectedComponents: [{ id: "c-api", name: "API", worstStatus: "under_maintenance" }],
    });
    const expected = (text: string) =>
      [...text.matchAll(/<span>([^<]+)<\/span>[^]*?<\/li>/g)]
        .filter((m) => m[0].includes("in maintenance (expected)"))
        .map((m) => m[1]);
    expect(expected((await get("/vendors/acme/now")).text)).toEqual([]);
    await acmePoll([maintenance], "major_outage");
    const now = await get("/vendors/acme/now");
    expect(expected(now.text)).toEqual(["API"]);
    expect(now.text).toContain('title="Database upgrade">in maintenance (expected)</span>');
  });

  it("404s an unknown vendor", async () => {
    await get("/vendors/nope/now", 404);
  });
});
