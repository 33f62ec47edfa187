import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.ts";
import type { Store } from "../../store/store.ts";
import { createApp } from "../app.ts";
import { makeIncident, NOW, seedRecord } from "../../../test/helpers/seed-record.ts";

let store: Store;
let clock: Date;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await openStore(":memory:");
  await seedRecord(store);
  clock = NOW;
  app = createApp({ store, now: () => clock, pollIntervalSeconds: 60 });
});
afterEach(() => store.close());

const body = async (path = "/vendors/acme") => (await app.request(path)).text();

describe("/vendors/:slug reuses a rendered page only while nothing it shows changed", () => {
  it("serves the same page again when nothing changed", async () => {
    expect(await body()).toBe(await body());
  });

  it("shows a new incident at once (its events move the stream on)", async () => {
    await body();
    const fresh = makeIncident({
      id: "acme-new",
      vendor: "acme",
      title: "Brand new trouble",
      status: "investigating",
      startedAt: "2024-05-03T11:59:30.000Z",
      resolvedAt: null,
    });
    await store.savePoll({
      vendor: "acme",
      polledAt: "2024-05-03T11:59:40.000Z",
      nextPollAt: "2024-05-03T12:00:40.000Z",
      outcome: { ok: true, incidents: [fresh] },
      events: [
        {
          id: "new",
          type: "incident.opened",
          vendor: "acme",
          incidentId: "acme-new",
          componentId: null,
          at: "2024-05-03T11:59:40.000Z",
          data: {},
        },
      ],
    });
    expect(await body()).toContain("Brand new trouble");
  });

  it("shows a failed poll, an edit and the clock moving on", async () => {
    const first = await body();
    expect(first).not.toContain("The last poll failed");
    await store.savePoll({
      vendor: "acme",
      polledAt: "2024-05-03T11:59:50.000Z",
      nextPollAt: "2024-05-03T12:00:50.000Z",
      outcome: { ok: false, error: "HTTP 502", failures: 1 },
      events: [],
    });
    expect(await body()).toContain("The last poll failed (HTTP 502)");
    await store.upsertVendor(
      { slug: "acme", name: "Acme Renamed", url: "https://status.acme.example", platform: "statuspage" },
      NOW.toISOString(),
    );
    expect(await body()).toMatch(/<h1[^>]*>Acme Renamed/);
    const before = await body();
    clock = new Date(NOW.getTime() + 60_000);
    const later = await body();
    expect(later).not.toBe(before);
    expect(later).toContain("(1 min 10 s ago)");
  });

  it("says not found once a vendor is removed", async () => {
    await body();
    await store.removeVendor("acme");
    expect((await app.request("/vendors/acme")).status).toBe(404);
  });
});

describe("/vendors/:slug over HTTP caching", () => {
  it("sends an ETag, answers 304 when the client has the page, and gzip when asked", async () => {
    const plain = await app.request("/vendors/acme");
    expect(plain.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(plain.headers.get("cache-control")).toBe("no-cache");
    const etag = plain.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const text = await plain.text();

    const again = await app.request("/vendors/acme", { headers: { "if-none-match": `"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    const zipped = await app.request("/vendors/acme", { headers: { "accept-encoding": "br, gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toBe("accept-encoding");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8")).toBe(text);
  });

  it("changes the ETag when the page changes", async () => {
    const first = (await app.request("/vendors/acme")).headers.get("etag");
    await store.upsertVendor(
      { slug: "acme", name: "Acme Two", url: "https://status.acme.example", platform: "statuspage" },
      NOW.toISOString(),
    );
    const second = await app.request("/vendors/acme", { headers: { "if-none-match": first! } });
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).not.toBe(first);
  });
});
