import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { startHttpServer } from "./server.ts";

let store: Store;
beforeAll(async () => {
  store = await openStore(":memory:");
});
afterAll(() => store.close());

describe("startHttpServer", () => {
  it("listens on a free port, answers /healthz over real HTTP, and closes", async () => {
    const app = createApp({ store, now: () => new Date(), pollIntervalSeconds: 60 });
    const server = await startHttpServer(app, { port: 0, host: "127.0.0.1" });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("rejects when the port is taken", async () => {
    const app = createApp({ store, now: () => new Date(), pollIntervalSeconds: 60 });
    const first = await startHttpServer(app, { port: 0, host: "127.0.0.1" });
    const port = Number(new URL(first.url).port);
    await expect(startHttpServer(app, { port, host: "127.0.0.1" })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
