// The hint route in the whole site (createWebApp), with an injected clock: open under the read token,
// only the right URL counts, one hint per vendor per 10 s, and a hint moves only the vendor's due time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "./web-app.ts";

let store: Store;
let now: Date;
let wakes: number;
beforeEach(async () => {
  store = await openStore(":memory:");
  now = new Date("2026-08-01T10:00:00.000Z");
  wakes = 0;
  for (const slug of ["acme", "beta"])
    await store.addVendor(
      { slug, name: "", url: `https://${slug}.example`, platform: "statuspage" },
      now.toISOString(),
    );
  // Polled once, so next due in an hour.
  await store.claimDueVendors(now.toISOString(), now.toISOString(), 10);
  for (const slug of ["acme", "beta"])
    await store.markPolled([
      { vendor: slug, polledAt: now.toISOString(), nextPollAt: "2026-08-01T11:00:00.000Z" },
    ]);
});
afterEach(() => store.close());

const app = () =>
  createWebApp({
    store,
    now: () => now,
    pollIntervalSeconds: 60,
    readToken: "reader",
    onHint: () => wakes++,
  });
const post = (path: string, body = "{}") => app().request(path, { method: "POST", body });

describe("POST /hooks/vendors/:slug/:token", () => {
  it("takes the vendor's hint under the read token, and moves only that vendor's due time", async () => {
    const token = (await store.hintToken("acme"))!;
    const site = app();
    const res = await site.request(`/hooks/vendors/acme/${token}`, { method: "POST", body: "{}" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true, vendor: "acme" });
    expect(wakes).toBe(1);
    expect((await store.getVendor("acme"))!.nextPollAt).toBe(now.toISOString());
    expect((await store.getVendor("beta"))!.nextPollAt).toBe("2026-08-01T11:00:00.000Z");
    // The pages stay behind the read token.
    expect((await site.request("/api/v1/vendors")).status).toBe(401);
  });

  it("refuses a wrong token, another vendor's token and an unknown vendor alike, changing nothing", async () => {
    const token = (await store.hintToken("acme"))!;
    await store.hintToken("beta");
    for (const path of [
      `/hooks/vendors/acme/${"x".repeat(32)}`,
      `/hooks/vendors/beta/${token}`,
      `/hooks/vendors/nobody/${token}`,
    ])
      expect((await post(path)).status, path).toBe(404);
    expect((await store.getVendor("acme"))!.nextPollAt).toBe("2026-08-01T11:00:00.000Z");
    expect((await store.getVendor("beta"))!.nextPollAt).toBe("2026-08-01T11:00:00.000Z");
    expect(wakes).toBe(0);
  });

  it("takes one hint per vendor per 10 s; an address that keeps guessing waits", async () => {
    const token = (await store.hintToken("acme"))!;
    const site = app();
    const hint = (path = `/hooks/vendors/acme/${token}`) =>
      site.request(path, { method: "POST", body: "{}" });
    expect((await hint()).status).toBe(202);
    const again = await hint();
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBe(10);
    now = new Date(now.getTime() + 10_000);
    expect((await hint()).status).toBe(202);
    for (let i = 0; i < 20; i++) expect((await hint(`/hooks/vendors/beta/wrong${i}`)).status).toBe(404);
    const guessing = await hint(`/hooks/vendors/beta/wrong-again`);
    expect(guessing.status).toBe(429);
    expect((await hint()).status).toBe(429); // the address waits, right URL or not
    now = new Date(now.getTime() + 60_000);
    expect((await hint()).status).toBe(202); // the right URL again, once the minute has passed
  });

  it("refuses a body that says it is over 64 KiB, before reading it", async () => {
    const token = (await store.hintToken("acme"))!;
    const res = await app().request(`/hooks/vendors/acme/${token}`, {
      method: "POST",
      headers: { "content-length": String(70_000) },
      body: "{}",
    });
    expect(res.status).toBe(413);
    expect(wakes).toBe(0);
  });
});
