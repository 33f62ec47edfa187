import { afterEach, describe, expect, it, vi } from "vitest";
import { request } from "undici";
import { startTestServer, type TestServer } from "../../test/helpers/http-test-server.ts";
import { createOriginClients, type OriginClients } from "./origin-clients.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serve(): Promise<TestServer> {
  const server = await startTestServer((_req, res) => res.end("{}"));
  cleanups.push(server.close);
  return server;
}

function clients(requestsPerClient: number, keepAliveTimeout = 60_000): OriginClients {
  const created = createOriginClients(
    { keepAliveTimeout, keepAliveMaxTimeout: keepAliveTimeout },
    requestsPerClient,
  );
  cleanups.push(created.close);
  return created;
}

async function get(pool: OriginClients, url: string): Promise<void> {
  const { origin } = new URL(url);
  const response = await request(url, { dispatcher: pool.for(origin) });
  await response.body.dump();
}

describe("createOriginClients", () => {
  it("gives each origin its own client, and the same one for its next requests", async () => {
    const [a, b] = [await serve(), await serve()];
    const pool = clients(64);
    const first = pool.for(new URL(a.url).origin);
    expect(pool.for(new URL(a.url).origin)).toBe(first);
    expect(pool.for(new URL(b.url).origin)).not.toBe(first);
    expect(pool.size).toBe(2);
  });

  it("retires a client after its requests: the next request dials a new connection", async () => {
    const server = await serve();
    const pool = clients(3);
    for (let i = 0; i < 7; i++) await get(pool, `${server.url}/${i}`);
    const perSocket = new Map<unknown, number>();
    for (const { socket } of server.requests) perSocket.set(socket, (perSocket.get(socket) ?? 0) + 1);
    expect([...perSocket.values()]).toEqual([3, 3, 1]);
    expect(pool.size).toBe(1);
  });

  it("drops an idle client once its connection closes, whichever side closed it", async () => {
    const server = await serve();
    const pool = clients(64, 50); // the client closes its idle connection after 50 ms
    await get(pool, `${server.url}/a`);
    expect(pool.size).toBe(1);
    await vi.waitFor(() => expect(pool.size).toBe(0), { timeout: 5000 });
    await get(pool, `${server.url}/b`); // a new client, a new connection
    expect(new Set(server.requests.map((r) => r.socket)).size).toBe(2);
  });

  it("drops the client of an origin it could not connect to", async () => {
    const server = await serve();
    const { origin } = new URL(server.url);
    await server.close();
    const pool = clients(64);
    await expect(get(pool, `${origin}/x`)).rejects.toThrow();
    await vi.waitFor(() => expect(pool.size).toBe(0), { timeout: 5000 });
  });
});
