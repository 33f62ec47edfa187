import { afterEach, describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { PingoruError } from "./errors.ts";
import { hashBody } from "./hash.ts";
import { startTestServer } from "../../test/helpers/http-test-server.ts";
import type { TestServer } from "../../test/helpers/http-test-server.ts";
import type { CachedResponse, ConditionalCache } from "./http-client.ts";
import { DEFAULT_ACCEPT, createHttpClient } from "./guarded-http.ts";
import { parseRetryAfter } from "./http-client.ts";
import { decodeBody } from "./http-body.ts";
import type { ClosableHttpClient, HttpClientOptions } from "./guarded-http.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = await startTestServer(handler);
  cleanups.push(server.close);
  return server;
}

function client(options: Partial<HttpClientOptions> = {}): ClosableHttpClient {
  const created = createHttpClient({ allowPrivateTargets: true, ...options });
  cleanups.push(created.close);
  return created;
}

function memoryCache(): ConditionalCache & { entries: Map<string, CachedResponse> } {
  const entries = new Map<string, CachedResponse>();
  return { entries, get: (url) => entries.get(url), set: (url, entry) => void entries.set(url, entry) };
}

async function failure(promise: Promise<unknown>): Promise<PingoruError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof PingoruError) return error;
  throw new Error(`expected a PingoruError, got ${String(error)}`);
}

describe("createHttpClient: successful fetches", () => {
  it("returns a JSON body with lower-case headers and sends the default request headers", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "X-Status-Page": "yes" });
      res.end('{"status":"ok"}');
    });
    const response = await client().get(`${server.url}/api/v2/summary.json`);
    expect(response).toMatchObject({
      url: `${server.url}/api/v2/summary.json`,
      status: 200,
      body: '{"status":"ok"}',
      notModified: false,
    });
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-status-page"]).toBe("yes");
    const sent = server.requests[0]?.headers;
    expect(sent?.["accept"]).toBe(DEFAULT_ACCEPT);
    expect(sent?.["accept-encoding"]).toBe("gzip, deflate, br");
    expect(sent?.["user-agent"]).toBe("Pingoru/0.1 (+https://github.com/pingoru/pingoru)");
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ])("decompresses a %s body", async (encoding, compress) => {
    const text = JSON.stringify({ incidents: Array.from({ length: 50 }, (_, i) => `incident ${i}`) });
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": encoding });
      res.end(compress(Buffer.from(text)));
    });
    expect((await client().get(server.url)).body).toBe(text);
  });

  it.each([
    ["UTF-8 with a BOM", "text/xml", Buffer.from("\uFEFF<rss>é</rss>", "utf8"), "<rss>é</rss>"],
    ["UTF-16LE with a BOM", "text/xml", Buffer.from("\uFEFF<x>ü</x>", "utf16le"), "<x>ü</x>"],
    [
      "charset=utf-16 without BOM",
      "text/xml; charset=utf-16",
      Buffer.from("<x>ü</x>", "utf16le"),
      "<x>ü</x>",
    ],
    ["no charset: UTF-8", "application/json", Buffer.from('"ü"', "utf8"), '"ü"'],
  ])("decodes %s", async (_name, contentType, bytes, expected) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": contentType });
      res.end(bytes);
    });
    expect((await client().get(server.url)).body).toBe(expected);
  });
});

describe("createHttpClient: connections", () => {
  it("reads an origin's documents over one kept-alive connection, side by side or one after another", async () => {
    const server = await serve((_req, res) => res.end("{}"));
    const http = client({ keepAliveMs: 60_000 });
    await Promise.all(["/a", "/b", "/c"].map((path) => http.get(`${server.url}${path}`)));
    await http.get(`${server.url}/d`);
    expect(server.requests.map((r) => r.url)).toEqual(["/a", "/b", "/c", "/d"]);
    expect(new Set(server.requests.map((r) => r.socket)).size).toBe(1);
  });

  it("closes a connection after 64 requests and dials a new one (undici's per-client queue stays small)", async () => {
    const server = await serve((_req, res) => res.end("{}"));
    const http = client({ keepAliveMs: 60_000 });
    for (let i = 0; i < 130; i++) await http.get(`${server.url}/${i}`);
    const perSocket = new Map<unknown, number>();
    for (const { socket } of server.requests) perSocket.set(socket, (perSocket.get(socket) ?? 0) + 1);
    expect([...perSocket.values()]).toEqual([64, 64, 2]);
  });
});

describe("createHttpClient: conditional requests", () => {
  it("sends the cached validators and returns the cached body on 304", async () => {
    const server = await serve((req, res) => {
      if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { ETag: '"v1"', "Last-Modified": "Wed, 01 Jul 2026 10:00:00 GMT" });
      res.end("first body");
    });
    const cache = memoryCache();
    const http = client();
    const first = await http.get(server.url, { cache });
    expect(first.notModified).toBe(false);
    expect(server.requests[0]?.headers["if-none-match"]).toBeUndefined();
    expect(cache.entries.get(`${server.url}/`)).toMatchObject({
      etag: '"v1"',
      lastModified: "Wed, 01 Jul 2026 10:00:00 GMT",
      bodyHash: hashBody("first body"),
      body: "first body",
    });

    const second = await http.get(server.url, { cache });
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests[1]?.headers["if-modified-since"]).toBe("Wed, 01 Jul 2026 10:00:00 GMT");
    expect(second).toMatchObject({ status: 304, body: "first body", notModified: true });
  });

  it("treats an identical body without validators as not modified, and a changed one as new", async () => {
    let body = "same bytes";
    const server = await serve((_req, res) => res.end(body));
    const cache = memoryCache();
    const http = client();
    expect((await http.get(server.url, { cache })).notModified).toBe(false);
    expect((await http.get(server.url, { cache })).notModified).toBe(true);
    expect(server.requests[1]?.headers["if-none-match"]).toBeUndefined();
    body = "new bytes";
    const changed = await http.get(server.url, { cache });
    expect(changed).toMatchObject({ body: "new bytes", notModified: false });
    expect(cache.entries.get(`${server.url}/`)?.bodyHash).toBe(hashBody("new bytes"));
  });
});

describe("createHttpClient: limits", () => {
  const tenMegabytes = 10 * 1024 * 1024;

  it.each([
    ["streamed without Content-Length", false],
    ["announced by Content-Length", true],
  ])("refuses a 10 MB body %s quickly", async (_name, announce) => {
    let written = 0;
    const server = await serve((_req, res) => {
      if (announce) res.setHeader("Content-Length", tenMegabytes);
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (written < tenMegabytes && res.write(chunk)) written += chunk.length;
        if (written >= tenMegabytes) res.end();
      };
      res.on("drain", () => {
        written += chunk.length;
        pump();
      });
      pump();
    });
    const error = await failure(client().get(server.url));
    expect(error).toMatchObject({ kind: "too_large", url: `${server.url}/`, retryable: false });
    expect(written).toBeLessThan(tenMegabytes); // it stopped reading, not read all and then refused
  });

  it("caps the decompressed size of a gzip bomb", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024)); // ~50 KB on the wire
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "gzip" });
      res.end(bomb);
    });
    const error = await failure(client({ maxBodyBytes: 1024 * 1024 }).get(server.url));
    expect(error.kind).toBe("too_large");
  });

  it("times out on a server that trickles one byte every 200 ms", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      const timer = setInterval(() => res.write("x"), 200);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failure(client({ totalTimeoutMs: 1000 }).get(server.url));
    expect(error).toMatchObject({ kind: "timeout", retryable: true, url: `${server.url}/` });
    // Not before the total timeout (a timer never fires early); the trickle would never end on its own.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe("createHttpClient: error statuses", () => {
  // An HTTP date 30 s ahead, written when the server answers (not when the table is built, which
  // may be seconds before this test runs).
  const IN_30_S = "an HTTP date 30 s ahead";
  it.each([
    [500, undefined, undefined, true],
    [503, "120", 120, true],
    [429, IN_30_S, 30, true],
    [408, undefined, undefined, true],
    [404, undefined, undefined, false],
    [403, undefined, undefined, false],
  ])("HTTP %i (Retry-After %s)", async (status, retryAfter, seconds, retryable) => {
    const server = await serve((_req, res) => {
      if (retryAfter)
        res.setHeader(
          "Retry-After",
          retryAfter === IN_30_S ? new Date(Date.now() + 30_000).toUTCString() : retryAfter,
        );
      res.writeHead(status).end("nope");
    });
    const error = await failure(client().get(`${server.url}/page`));
    expect(error).toMatchObject({ kind: "http", status, retryable, url: `${server.url}/page` });
    if (seconds === undefined) expect(error.retryAfterSeconds).toBeUndefined();
    else expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(seconds - 2);
    if (seconds !== undefined) expect(error.retryAfterSeconds).toBeLessThanOrEqual(seconds);
  });
});

describe("createHttpClient: redirects", () => {
  // /hop/N redirects to /hop/N-1 (relative Location); /hop/0 is the page.
  const chain = (req: IncomingMessage, res: ServerResponse) => {
    const n = Number(/\/hop\/(\d+)/.exec(req.url ?? "")?.[1] ?? 0);
    if (n === 0) return void res.end("arrived");
    res.writeHead(302, { Location: `${n - 1}` }).end();
  };

  it("follows 5 redirects with relative Locations and reports the final URL", async () => {
    const server = await serve(chain);
    const response = await client().get(`${server.url}/hop/5`);
    expect(response).toMatchObject({ status: 200, body: "arrived", url: `${server.url}/hop/0` });
    expect(server.requests).toHaveLength(6);
  });

  it("refuses a 6th redirect", async () => {
    const server = await serve(chain);
    const error = await failure(client().get(`${server.url}/hop/6`));
    expect(error.kind).toBe("redirect");
    expect(error.message).toMatch(/more than 5 redirects/);
  });

  it("detects a redirect loop", async () => {
    const server = await serve((req, res) => {
      res.writeHead(301, { Location: req.url === "/a" ? "/b" : "/a" }).end();
    });
    const error = await failure(client().get(`${server.url}/a`));
    expect(error).toMatchObject({ kind: "redirect", retryable: false });
    expect(error.message).toMatch(/loop/);
  });

  it.each([
    ["ftp://example.com/file", /non-http/],
    [undefined, /without a Location/],
  ])("refuses a redirect to %s", async (location, message) => {
    const server = await serve((_req, res) =>
      res.writeHead(302, location ? { Location: location } : {}).end(),
    );
    const error = await failure(client().get(server.url));
    expect(error.kind).toBe("redirect");
    expect(error.message).toMatch(message);
  });
});

describe("createHttpClient: SSRF guard", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
  ])("blocks a redirect to %s even with allowPrivateTargets", async (target) => {
    const server = await serve((_req, res) => res.writeHead(302, { Location: target }).end());
    const error = await failure(client({ allowPrivateTargets: true }).get(server.url));
    expect(error).toMatchObject({ kind: "blocked", retryable: false });
    expect(error.message).toMatch(/link-local|metadata/);
    expect(error.url).toBe(new URL(target).href);
  });

  it.each(["127.0.0.1", "localhost"])("blocks loopback (%s) without allowPrivateTargets", async (host) => {
    const server = await serve((_req, res) => res.end("secret"));
    const url = server.url.replace("127.0.0.1", host);
    const error = await failure(client({ allowPrivateTargets: false }).get(url));
    expect(error).toMatchObject({ kind: "blocked", retryable: false, url: `${url}/` });
    expect(error.message).toContain(host);
    expect(error.message).toMatch(/loopback/);
    expect(server.requests).toHaveLength(0);
  });

  it("rejects a bad URL as input before dialling", async () => {
    const error = await failure(client().get("gopher://example.com/"));
    expect(error.kind).toBe("input");
  });
});

describe("createHttpClient: network errors", () => {
  it("reports connection refused as a retryable network error", async () => {
    const server = await startTestServer((_req, res) => res.end());
    await server.close(); // the port is now closed
    const error = await failure(client().get(`${server.url}/x`));
    expect(error).toMatchObject({ kind: "network", retryable: true, url: `${server.url}/x` });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.cause).toBeDefined();
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-07-01T10:00:00Z");
  it.each([
    ["120", 120],
    [" 0 ", 0],
    ["Wed, 01 Jul 2026 10:01:30 GMT", 90],
    ["Wed, 01 Jul 2026 09:00:00 GMT", 0], // in the past
    ["soon", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s → %s", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe("decodeBody", () => {
  it.each([
    [Buffer.from([0xfe, 0xff, 0, 0x41]), undefined, "A"], // UTF-16BE BOM
    [Buffer.from("café", "latin1"), "text/html; charset=ISO-8859-1", "café"],
    [Buffer.from("ok"), "text/plain; charset=no-such-charset", "ok"],
  ])("%o as %s", (bytes, contentType, expected) => {
    expect(decodeBody(bytes, contentType)).toBe(expected);
  });
});
