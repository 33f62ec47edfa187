// Guessing the admin token over real HTTP: ten failures a minute from one address, across the sign-in
// page and the admin API, then 429 with Retry-After, even for the right token, until a minute passes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type HttpServer } from "../http/server.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createWebApp } from "./web-app.ts";

let store: Store;
let server: HttpServer;
let now = new Date("2026-08-01T10:00:00.000Z");
beforeAll(async () => {
  store = await openStore(":memory:");
  const app = createWebApp({
    store,
    now: () => now,
    pollIntervalSeconds: 60,
    admin: {
      adminToken: "right-token",
      channelFor: () => ({ id: "x", type: "webhook", send: async () => {} }),
    },
  });
  server = await startHttpServer(app, { port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

const signIn = (token: string) =>
  fetch(`${server.url}/admin/login`, {
    method: "POST",
    body: new URLSearchParams({ token }),
    redirect: "manual",
  });
const api = (token: string) =>
  fetch(`${server.url}/api/v1/admin/channels`, { headers: { authorization: `Bearer ${token}` } });

describe("admin sign-in limit", () => {
  it("allows ten failures a minute from an address, pages and API together, then answers 429 until the minute passes", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(`guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await api(`guess-${i}`)).status).toBe(401);
    now = new Date(now.getTime() + 20_000);
    const page = await signIn("right-token");
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toBe("40");
    expect(await page.text()).toContain("Too many failed sign-ins from your address: try again in 40 s.");
    const json = await api("right-token");
    expect(json.status).toBe(429);
    expect(((await json.json()) as { error: string }).error).toMatch(/try again in 40 s/);
    now = new Date(now.getTime() + 40_001);
    expect((await signIn("right-token")).status).toBe(303);
    expect((await api("right-token")).status).toBe(200);
  });
});
