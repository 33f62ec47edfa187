// Serves a URL → body map (absolute https URLs of any host) from real loopback servers, read through
// the real HTTP client. Each distinct origin gets its own server, started on first use and kept for
// the suite; the client handed to a platform rewrites an origin onto its server (path and query
// kept) and reports the original URL back, so adapters that build URLs on fixed hosts still work.
import { hashBody } from "../../src/lib/hash.ts";
import { createHttpClient } from "../../src/lib/guarded-http.ts";
import type { HttpClient } from "../../src/lib/http-client.ts";
import { startTestServer, type TestServer } from "./http-test-server.ts";

export interface LoopbackFixtures {
  /** Replace what is served: absolute URL → body; every other URL answers 404. */
  serve(fixtures: Record<string, string>): void;
  /** Whether answers carry an ETag (and so a matching If-None-Match gets 304). Default true. */
  useEtags(on: boolean): void;
  /** A client over the real one that dials the loopback server standing for each origin. */
  readonly http: HttpClient;
  /** Loopback URLs requested since the last serve(), as the real client asked for them. */
  requested(): string[];
  close(): Promise<void>;
}

/** Sniffed like a real vendor would label it, so content-type checks see ordinary values. */
function contentType(body: string): string {
  const head = body.trimStart();
  if (head.startsWith("{") || head.startsWith("[")) return "application/json";
  if (/^<(\?xml|rss|feed)/.test(head)) return "application/xml";
  return "text/html; charset=utf-8";
}

const normal = (url: string): string => new URL(url).href;

export function startLoopbackFixtures(): LoopbackFixtures {
  let table = new Map<string, string>();
  let etags = true;
  let requested: string[] = [];
  const servers = new Map<string, Promise<TestServer>>(); // original origin → its server
  const real = createHttpClient({ allowPrivateTargets: true });

  const serverFor = (origin: string): Promise<TestServer> => {
    let server = servers.get(origin);
    if (!server) {
      server = startTestServer((req, res) => {
        const body = table.get(normal(origin + (req.url ?? "/")));
        if (body === undefined)
          return void res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
        const tag = `"${hashBody(body)}"`;
        const headers: Record<string, string> = { "content-type": contentType(body) };
        if (etags) headers["etag"] = tag;
        if (etags && req.headers["if-none-match"] === tag) return void res.writeHead(304, headers).end();
        res.writeHead(200, headers).end(body);
      });
      servers.set(origin, server);
    }
    return server;
  };

  const http: HttpClient = {
    async get(url, options) {
      const original = new URL(url);
      const loopback = (await serverFor(original.origin)).url;
      const target = loopback + original.pathname + original.search;
      requested.push(target);
      const response = await real.get(target, options);
      const back = response.url.startsWith(loopback)
        ? original.origin + response.url.slice(loopback.length)
        : response.url;
      return { ...response, url: back };
    },
  };

  return {
    http,
    serve: (fixtures) => {
      table = new Map(Object.entries(fixtures).map(([url, body]) => [normal(url), body]));
      requested = [];
    },
    useEtags: (on) => void (etags = on),
    requested: () => [...requested],
    close: async () => {
      await real.close();
      await Promise.all([...servers.values()].map(async (s) => (await s).close()));
    },
  };
}
