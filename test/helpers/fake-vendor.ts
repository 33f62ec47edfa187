// A vendor's status page on loopback whose answers a test can change between polls.
import { startTestServer, type TestServer } from "./http-test-server.ts";

export interface Answer {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Send the body one byte per this many milliseconds (a server that trickles). */
  trickleMs?: number;
}

export interface FakeVendor extends TestServer {
  /** Set what a path answers from now on (path without query). */
  serve(path: string, answer: Answer | string): void;
  /** Paths requested, in order. */
  hits(): string[];
}

export async function startFakeVendor(initial: Record<string, Answer | string> = {}): Promise<FakeVendor> {
  const routes = new Map<string, Answer>();
  const hits: string[] = [];
  const set = (path: string, answer: Answer | string) =>
    routes.set(path, typeof answer === "string" ? { body: answer } : answer);
  for (const [path, answer] of Object.entries(initial)) set(path, answer);
  const server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.push(path);
    const answer = routes.get(path);
    if (answer === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const type = path.endsWith(".json")
      ? "application/json"
      : path.match(/\.(atom|rss|xml)$/)
        ? "application/xml"
        : "text/html";
    res.writeHead(answer.status ?? 200, { "content-type": type, ...answer.headers });
    if (answer.trickleMs === undefined) return void res.end(answer.body ?? "");
    const bytes = Buffer.from(answer.body ?? "");
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= bytes.length || res.destroyed) return void (clearInterval(timer), res.end());
      res.write(bytes.subarray(sent, ++sent));
    }, answer.trickleMs);
    res.on("close", () => clearInterval(timer));
  });
  return { ...server, serve: set, hits: () => [...hits] };
}
