import { afterEach, describe, expect, it, vi } from "vitest";
import type { Socket } from "node:net";
import { request } from "undici";
import { startTestServer, type TestServer } from "../../test/helpers/http-test-server.ts";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOriginClients, defaultMaxClients, type OriginClients } from "./origin-clients.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serve(): Promise<TestServer> {
  const server = await startTestServer((_req, res) => res.end("{}"));
  cleanups.push(server.close);
  return server;
}

function clients(requestsPerClient: number, keepAliveTimeout = 60_000, maxClients?: number): OriginClients {
  const created = createOriginClients(
    { keepAliveTimeout, keepAliveMaxTimeout: keepAliveTimeout },
    requestsPerClient,
    maxClients,
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

  it("retires a client after its requests: the next request dials a new connection, the old one closes", async () => {
    const server = await serve();
    const pool = clients(3);
    for (let i = 0; i < 7; i++) await get(pool, `${server.url}/${i}`);
    const perSocket = new Map<Socket, number>();
    for (const { socket } of server.requests) perSocket.set(socket, (perSocket.get(socket) ?? 0) + 1);
    expect([...perSocket.values()]).toEqual([3, 3, 1]);
    expect(pool.size).toBe(1);
    const [first, second, last] = [...perSocket.keys()];
    await vi.waitFor(() => expect([first!.closed, second!.closed]).toEqual([true, true]));
    expect(last!.closed).toBe(false);
  });

  it("a request still running on a retired client finishes there", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await startTestServer((req, res) => {
      if (req.url === "/slow") void held.then(() => res.end("slow"));
      else res.end("{}");
    });
    cleanups.push(server.close);
    const pool = clients(1);
    const { origin } = new URL(server.url);
    const slow = request(`${server.url}/slow`, { dispatcher: pool.for(origin) });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    await get(pool, `${server.url}/next`); // the slow one's client is retired; this one dials anew
    release();
    expect(await (await slow).body.text()).toBe("slow");
    expect(new Set(server.requests.map((r) => r.socket)).size).toBe(2);
  });

  it("lets go of a client with no connection and nothing in hand, and refuses clients once closed", async () => {
    const server = await serve();
    const pool = clients(64);
    const { origin } = new URL(server.url);
    pool.for(origin); // taken, then the request given up before it was sent
    pool.release(origin);
    expect(pool.size).toBe(0);
    await get(pool, `${server.url}/a`);
    pool.release(origin); // connected: kept
    expect(pool.size).toBe(1);
    await pool.close();
    expect(pool.size).toBe(0);
    expect(() => pool.for(origin)).toThrow(/closed/i);
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
    const pool = clients(64);
    // Port 1 on loopback: nothing listens there (a privileged port no test binds).
    await expect(get(pool, "http://127.0.0.1:1/x")).rejects.toThrow();
    await vi.waitFor(() => expect(pool.size).toBe(0), { timeout: 5000 });
  });

  it("holds at most its limit: one more origin closes the least recently used idle client", async () => {
    const [a, b, c] = [await serve(), await serve(), await serve()];
    const pool = clients(64, 60_000, 2);
    await get(pool, `${a.url}/1`);
    await get(pool, `${b.url}/1`);
    await get(pool, `${a.url}/2`); // a is now the more recently used
    await get(pool, `${c.url}/1`); // b makes room
    expect(pool.size).toBe(2);
    await vi.waitFor(() => expect(b.requests[0]!.socket.closed).toBe(true));
    expect([a, c].map((server) => server.requests.at(-1)!.socket.closed)).toEqual([false, false]);
    await get(pool, `${a.url}/3`); // still on its first connection
    expect(new Set(a.requests.map((r) => r.socket)).size).toBe(1);
  });

  it("never closes a client with a request in hand to make room", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = await startTestServer((_req, res) => void held.then(() => res.end("slow")));
    cleanups.push(slow.close);
    const other = await serve();
    const pool = clients(64, 60_000, 1);
    const running = request(`${slow.url}/slow`, { dispatcher: pool.for(new URL(slow.url).origin) });
    await vi.waitFor(() => expect(slow.requests).toHaveLength(1));
    await get(pool, `${other.url}/1`); // over the limit for now: the slow one is busy
    expect(pool.size).toBe(2);
    release();
    expect(await (await running).body.text()).toBe("slow");
  });

  it("takes three quarters of the open-file limit as its default, or 4096 where it cannot read it", () => {
    const dir = mkdtempSync(join(tmpdir(), "pingoru-limits-"));
    const limits = join(dir, "limits");
    writeFileSync(
      limits,
      "Limit                     Soft Limit           Hard Limit           Units     \n" +
        "Max open files            20000                20000                files     \n",
    );
    expect(defaultMaxClients(limits)).toBe(15_000);
    expect(defaultMaxClients(join(dir, "missing"))).toBe(4096);
  });
});
